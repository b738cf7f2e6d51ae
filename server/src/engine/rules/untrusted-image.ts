import { fullName } from '../image-ref';
import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { isTrustedImage } from '../image-trust';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Fix } from '../types';

function trustFixes(image: ImageReference): Fix[] {
  const { ref } = image;
  const fixes: Fix[] = [];
  if (ref.registry === 'docker.io') {
    const namespace = ref.repository.split('/')[0]!;
    fixes.push({
      title: `Trust Docker Hub namespace "${namespace}" (adds docker.io/${namespace} to trustedRegistries in .shipshape.yaml)`,
      edits: [],
      configChange: { appendTo: 'trustedRegistries', value: `docker.io/${namespace}` },
    });
  } else {
    fixes.push({
      title: `Trust registry ${ref.registry} (adds it to trustedRegistries in .shipshape.yaml)`,
      edits: [],
      configChange: { appendTo: 'trustedRegistries', value: ref.registry },
    });
  }
  fixes.push({
    title: `Trust image ${fullName(ref)} only (adds it to trustedImages in .shipshape.yaml)`,
    edits: [],
    configChange: { appendTo: 'trustedImages', value: fullName(ref) },
  });
  return fixes;
}

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  for (const image of images) {
    if (isTrustedImage(image.ref, ctx.config)) continue;
    const source =
      image.ref.registry === 'docker.io'
        ? `the Docker Hub namespace "${image.ref.repository.split('/')[0]}", which is not a Docker Official Image`
        : `the registry ${image.ref.registry}, which is not trusted`;
    ctx.report({
      range: image.range,
      service: image.service,
      message: `Image "${image.ref.raw}" comes from ${source}; use an official or vendor image, or trust the source in .shipshape.yaml (trustedRegistries / trustedImages)`,
      fixes: trustFixes(image),
    });
  }
}

export default defineRule({
  id: 'untrusted-image',
  title: 'Image from an untrusted source',
  category: 'security',
  severity: 'warning',
  refs: { cis: '4.2', cwe: 'CWE-829', kics: ['Image Not From Trusted Registry'], checkov: [], trivy: [] },
  docs: {
    why: 'A base or service image runs with whatever its publisher put in it. Docker Official Images and vendor registries (Microsoft, Google distroless, Chainguard, Red Hat, Kubernetes, ECR Public mirror of the official images) are maintained and scanned; an arbitrary Docker Hub namespace or registry may be abandoned, typo-squatted or malicious. Trusted by default: Docker Official Images (`nginx`, `library/nginx`, `docker.io/library/nginx`), mcr.microsoft.com, gcr.io/distroless, cgr.dev/chainguard, registry.access.redhat.com, registry.k8s.io, public.ecr.aws/docker/library. `trustedRegistries` and `trustedImages` in .shipshape.yaml (prefixes or globs) add your own. Build-stage names, `scratch`, images only named to tag a Compose `build:` result, and references that stay unresolved after ARG or `${VAR}` expansion are not flagged.',
    bad: 'FROM bitnami/nginx:1.27\n\nservices:\n  cache:\n    image: quay.io/someone/redis:7',
    good: 'FROM nginx:1.27\n\nservices:\n  cache:\n    image: redis:7',
    fix: 'Switch to an official or vendor image, or use "Trust registry <host>" / "Trust image" to record your decision in .shipshape.yaml.',
  },
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
