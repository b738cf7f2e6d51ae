import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  for (const image of images) {
    if (image.ref.digest) continue;
    // No tag or `latest` is unpinned-image's finding (pin a version first); one finding per problem.
    if (image.ref.tag === undefined || image.ref.tag === 'latest') continue;
    ctx.report({
      range: image.range,
      service: image.service,
      message: `Image "${image.ref.raw}" is pinned by tag only: the tag can be moved to different content; append the digest, "${image.ref.raw}@sha256:<digest>" ("Pin to digest" or \`shipshape pin\` looks it up), and let Renovate or Dependabot keep it current`,
    });
  }
}

export default defineRule({
  id: 'image-digest',
  title: 'Image not pinned to a digest',
  category: 'security',
  severity: 'off',
  strictSeverity: 'info',
  refs: { cwe: 'CWE-1357', hadolint: [], checkov: [], trivy: [] },
  docs: {
    why: 'Tags are mutable: the publisher (or anyone who compromises their account) can point `nginx:1.27` at different content tomorrow. A digest (`@sha256:...`) names exactly one image, so builds are reproducible and a swapped image fails instead of running. Off by default because digests need a tool to keep them current (Renovate, Dependabot); `strict` turns it on. Keep the tag for readability: `nginx:1.27@sha256:...`. Images with no tag or `latest` are unpinned-image findings and are not repeated here; stage names, `scratch`, images a Compose service builds, and references that stay unresolved after ARG / `${VAR:-default}` expansion are not flagged.',
    bad: 'FROM nginx:1.27',
    good: 'FROM nginx:1.27@sha256:<digest>',
    fix: 'Not offline, since only the registry knows the digest. "Pin to digest" in the editor (with `shipshape.network.resolveDigests` on) or `shipshape pin` asks the registry and appends it, keeping the tag; or look it up with `docker buildx imagetools inspect <image>`.',
  },
  reach: 'stage',
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
