import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  for (const image of images) {
    if (image.ref.digest) continue;
    ctx.report({
      range: image.range,
      service: image.service,
      message: `Image "${image.ref.raw}" is not pinned to a digest: the tag can be re-pointed to different content; append @sha256:<digest> (docker buildx imagetools inspect ${image.ref.raw} shows it)`,
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
    why: 'Tags are mutable: the publisher (or anyone who compromises their account) can point `nginx:1.27` at different content tomorrow. A digest (`@sha256:...`) names exactly one image, so builds are reproducible and a swapped image fails instead of running. Off by default because digests need a tool to keep them current (Renovate, Dependabot); `strict` turns it on. Keep the tag for readability: `nginx:1.27@sha256:...`.',
    bad: 'FROM nginx:1.27',
    good: 'FROM nginx:1.27@sha256:<digest>',
    fix: 'None offline: look the digest up with `docker buildx imagetools inspect <image>` and append it; online "Pin to digest" is planned as an opt-in.',
  },
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
