import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  for (const image of images) {
    const { ref } = image;
    if (ref.digest) continue;
    if (ref.tag !== undefined && ref.tag !== 'latest') continue;
    const problem = ref.tag === 'latest' ? 'uses the "latest" tag' : 'has no tag, so it means "latest"';
    ctx.report({
      range: image.range,
      service: image.service,
      message: `Image "${ref.raw}" ${problem}: builds change whenever it moves; pin a version tag (e.g. "${ref.raw.replace(/:latest$/, '')}:<version>") or a digest (@sha256:...)`,
    });
  }
}

export default defineRule({
  id: 'unpinned-image',
  title: 'Image not pinned to a version',
  category: 'security',
  severity: 'warning',
  refs: {
    cis: '4.2',
    cwe: 'CWE-1357',
    hadolint: ['DL3006', 'DL3007'],
    kics: ['Image Version Not Explicit', "Image Version Using 'latest'"],
    checkov: ['CKV_DOCKER_7'],
    trivy: ['DS001'],
  },
  docs: {
    why: 'An image without a tag, or with `latest`, resolves to whatever was pushed last: the same Dockerfile or Compose file builds and runs different software from one day to the next, a compromised or broken upstream release arrives unnoticed, and rollbacks are guesswork. ARG defaults in FROM and `${VAR:-default}` in Compose are expanded before the check; a reference that stays unresolved is not guessed at.',
    bad: 'FROM node\nFROM python:latest\n\nservices:\n  db:\n    image: postgres',
    good: 'FROM node:22.11-bookworm-slim\nFROM python:3.13-slim@sha256:<digest>\n\nservices:\n  db:\n    image: postgres:17.2',
    fix: 'Pin a version tag, or better, a digest: "Pin to digest" (editor, with `shipshape.network.resolveDigests` on) or `shipshape pin` asks the registry for the digest the tag points to now and appends it.',
  },
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
