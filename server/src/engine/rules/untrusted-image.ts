import type { ComposeModel } from '../compose/model';
import { scalarString } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import { fullName, parseImageRef, type ImageRef } from '../image-ref';
import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { hasTrustPolicy, isTrustedImage, matchesAny, publisherNamespace, wellKnownPublisher } from '../image-trust';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Fix } from '../types';
import type { ShipshapeConfig } from '../config';

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

/**
 * Namespaces this Compose file publishes itself: a service with `build:` tags its result with
 * `image:`, so `ghcr.io/acme/api` built here makes `ghcr.io/acme/worker` pulled beside it the
 * project's own image, whose advice "use an official or vendor image" cannot be followed.
 */
function composeProjectNamespaces(model: ComposeModel): string[] {
  const namespaces = new Set<string>();
  for (const service of model.services) {
    if (!service.get('build')) continue;
    const image = service.get('image')?.value;
    const expanded = image ? scalarString(model, image) : undefined;
    const ref = expanded && !expanded.unresolved ? parseImageRef(expanded.value) : undefined;
    const namespace = ref ? publisherNamespace(ref) : undefined;
    if (namespace && namespace !== 'docker.io') namespaces.add(namespace);
  }
  return [...namespaces];
}

// `LABEL org.opencontainers.image.source=https://github.com/<owner>/<repo>`: the image is built
// from that owner's repository, whose GitHub Container Registry namespace is ghcr.io/<owner>.
const OCI_SOURCE_KEY = 'org.opencontainers.image.source';
const GITHUB = 'https://github.com/';
const GITHUB_OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/** The GitHub owner an OCI source label names, read with indexOf (no regex over the file's text). */
function ociSourceOwner(label: string): string | undefined {
  const key = label.toLowerCase().indexOf(OCI_SOURCE_KEY);
  if (key === -1) return undefined;
  const url = label.indexOf(GITHUB, key + OCI_SOURCE_KEY.length);
  if (url === -1 || !/^\s*=\s*["']?$/.test(label.slice(key + OCI_SOURCE_KEY.length, url))) return undefined;
  const start = url + GITHUB.length;
  const slash = label.indexOf('/', start);
  const owner = slash === -1 ? undefined : label.slice(start, slash);
  return owner && GITHUB_OWNER.test(owner) ? owner : undefined;
}

/** Namespaces a Dockerfile says are its own project's (its OCI source label's GitHub owner). */
function dockerfileProjectNamespaces(model: DockerfileModel): string[] {
  const namespaces = new Set<string>();
  for (const instruction of model.instructionsNamed(undefined, 'LABEL')) {
    const owner = ociSourceOwner(instruction.getArgumentsContent() ?? '');
    if (owner) namespaces.add(`ghcr.io/${owner.toLowerCase()}`);
  }
  return [...namespaces];
}

function describeSource(ref: ImageRef): string {
  return ref.registry === 'docker.io'
    ? `the Docker Hub namespace "${ref.repository.split('/')[0]}"`
    : `the registry ${ref.registry}`;
}

function describePolicy(config: ShipshapeConfig): string {
  const parts: string[] = [];
  if (config.trustedRegistries.length > 0) parts.push(`trustedRegistries: ${config.trustedRegistries.join(', ')}`);
  if (config.trustedImages.length > 0) parts.push(`trustedImages: ${config.trustedImages.join(', ')}`);
  return parts.join('; ');
}

/**
 * Without a trust policy there is no rule to enforce, only advice: images that Docker Official
 * Images, the default vendor registries, a well-known publisher or the project itself vouch for
 * are left alone, and the rest are reported at info. With `trustedRegistries`/`trustedImages`
 * configured, the organisation has written its rule down, and every image outside it (and outside
 * the defaults) is reported at the configured severity.
 */
function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[], projectNamespaces: string[]): void {
  const policy = hasTrustPolicy(ctx.config);
  for (const image of images) {
    const { ref } = image;
    if (isTrustedImage(ref, ctx.config)) continue;
    if (policy) {
      ctx.report({
        range: image.range,
        service: image.service,
        message: `Image "${ref.raw}" comes from ${describeSource(ref)}, outside the trust policy (${describePolicy(ctx.config)}); use an image the policy allows, or add its source to the policy`,
        fixes: trustFixes(image),
      });
      continue;
    }
    if (wellKnownPublisher(ref) || matchesAny(ref, projectNamespaces)) continue;
    ctx.report({
      range: image.range,
      service: image.service,
      severity: 'info',
      message: `Image "${ref.raw}" comes from ${describeSource(ref)}, which is not a Docker Official Image, a well-known publisher or this project; check who maintains it, or write down which sources you trust in .shipshape.yaml (trustedRegistries / trustedImages)`,
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
    why: "A base or service image runs with whatever its publisher put in it. Docker Official Images and vendor registries (Microsoft, Google distroless, Chainguard, Red Hat, Kubernetes, ECR Public mirror of the official images) are maintained and scanned; an arbitrary Docker Hub namespace or registry may be abandoned, typo-squatted or malicious. Trusted by default: Docker Official Images (`nginx`, `library/nginx`, `docker.io/library/nginx`), mcr.microsoft.com, gcr.io/distroless, cgr.dev/chainguard, registry.access.redhat.com, registry.k8s.io, public.ecr.aws/docker/library.\n\nWithout a trust policy (no `trustedRegistries`/`trustedImages` in .shipshape.yaml) the rule only advises, at info, and also leaves alone well-known publishers (the vendor's own Docker Hub namespace or registry: grafana, prom, minio, bitnami, elastic and docker.elastic.co, hashicorp, traefik, confluentinc, valkey, quay.io/prometheus, ...; the list and its source are in `server/src/engine/image-trust.ts`) and the project's own images (namespaces of images the Compose file builds, `ghcr.io/<owner>` of a Dockerfile's `org.opencontainers.image.source` label). Once `trustedRegistries`/`trustedImages` are configured, they are the policy: every image outside it and outside the defaults is reported at the configured severity (warning unless set), and the message names the policy. Build-stage names, `scratch`, images only named to tag a Compose `build:` result, and references that stay unresolved after ARG or `${VAR}` expansion are not flagged.",
    bad: 'FROM someone/nginx:1.27\n\nservices:\n  cache:\n    image: quay.io/someone/redis:7',
    good: 'FROM nginx:1.27\n\nservices:\n  cache:\n    image: redis:7',
    fix: 'Switch to an official or vendor image, or use "Trust registry <host>" / "Trust image" to record your decision in .shipshape.yaml (which makes it a policy).',
  },
  reach: 'stage',
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model), dockerfileProjectNamespaces(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model), composeProjectNamespaces(ctx.model)),
});
