// Which references pinning rewrites and the text it produces; the registry side is in test/registry.
import { strict as assert } from 'node:assert';
import { applyPins, isUpdatable, pinTargets, pullReference, type PinTarget } from '../../server/src/engine';

const DIGEST = 'sha256:' + 'c'.repeat(64);

function summary(targets: PinTarget[]) {
  return targets.map((t) => ({
    line: t.range.start.line,
    written: t.written,
    status: t.status,
    pull: t.ref && pullReference(t.ref),
  }));
}

function pinAll(text: string, kind: 'dockerfile' | 'compose', dotEnv?: string): string {
  const targets = pinTargets(text, kind, dotEnv);
  const digests = new Map(targets.filter((t) => t.ref).map((t) => [pullReference(t.ref!), DIGEST]));
  return applyPins(text, targets, digests);
}

describe('pin targets', () => {
  it('finds FROM and COPY --from images, skipping stages, scratch and pinned ones, and reports variables', () => {
    const text = [
      'ARG BASE=node:20',
      'ARG UNSET',
      'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
      'FROM $UNSET',
      'FROM build',
      'FROM scratch AS empty',
      'FROM node',
      'COPY --from=ghcr.io/org/tool:1.2 /tool /tool',
      'COPY --from=build /app /app',
      `FROM alpine:3.20@${DIGEST}`,
    ].join('\n');
    assert.deepEqual(summary(pinTargets(text, 'dockerfile')), [
      { line: 2, written: '${BASE}', status: 'variable', pull: 'node:20' },
      { line: 3, written: '$UNSET', status: 'variable', pull: undefined },
      { line: 6, written: 'node', status: 'pinnable', pull: 'node:latest' },
      { line: 7, written: 'ghcr.io/org/tool:1.2', status: 'pinnable', pull: 'ghcr.io/org/tool:1.2' },
      { line: 9, written: `alpine:3.20@${DIGEST}`, status: 'pinned', pull: 'alpine:3.20' },
    ]);
  });

  it('appends the digest after the tag, leaving variables, CRLF and other text as they are', () => {
    const text = 'ARG BASE=node:20\r\nFROM ${BASE}\r\nFROM node:20-slim AS run\r\nCOPY --from=ghcr.io/org/tool:1.2 /t /t\r\n';
    assert.equal(
      pinAll(text, 'dockerfile'),
      `ARG BASE=node:20\r\nFROM \${BASE}\r\nFROM node:20-slim@${DIGEST} AS run\r\nCOPY --from=ghcr.io/org/tool:1.2@${DIGEST} /t /t\r\n`,
    );
  });

  it('pins Compose image: once where an anchor writes it, inside quotes, in block and flow style', () => {
    const text = [
      'x-base: &base',
      '  image: "redis:7" # cache',
      'services:',
      '  a: { <<: *base }',
      '  b:',
      '    <<: *base',
      "  c: { image: 'postgres:16', read_only: true }",
      '  d:',
      '    build: .',
      '    image: myorg/app:1',
      '  e:',
      '    image: ${REGISTRY}/app:${TAG:-1}',
      '  f:',
      '    image: ${MIRROR:-docker.io}/library/nginx:1.27',
      '',
    ].join('\n');
    assert.deepEqual(summary(pinTargets(text, 'compose', 'REGISTRY=r.example.com\n')), [
      { line: 1, written: 'redis:7', status: 'pinnable', pull: 'redis:7' },
      { line: 6, written: 'postgres:16', status: 'pinnable', pull: 'postgres:16' },
      { line: 11, written: '${REGISTRY}/app:${TAG:-1}', status: 'variable', pull: 'r.example.com/app:1' },
      { line: 13, written: '${MIRROR:-docker.io}/library/nginx:1.27', status: 'variable', pull: 'nginx:1.27' },
    ]);
    const pinned = pinAll(text, 'compose');
    assert.match(pinned, new RegExp(`  image: "redis:7@${DIGEST}" # cache\\n`));
    assert.match(pinned, new RegExp(`c: \\{ image: 'postgres:16@${DIGEST}', read_only: true \\}`));
    assert.match(pinned, /image: myorg\/app:1\n/);
    assert.match(pinned, /image: \$\{REGISTRY\}\/app:\$\{TAG:-1\}\n/);
  });

  it('updates a moved tag only with update on, and never a digest-only reference', () => {
    const old = 'sha256:' + 'a'.repeat(64);
    const text = `FROM node:20@${old}\nFROM node@${old}\n`;
    const targets = pinTargets(text, 'dockerfile');
    assert.deepEqual(targets.map(isUpdatable), [true, false]);
    const digests = new Map([
      ['node:20', DIGEST],
      ['node:latest', DIGEST],
    ]);
    assert.equal(applyPins(text, targets, digests), text);
    assert.equal(applyPins(text, targets, digests, true), `FROM node:20@${DIGEST}\nFROM node@${old}\n`);
  });

  it('names registries the way docker pull does', () => {
    const [target] = pinTargets('FROM localhost:5000/team/app:2\n', 'dockerfile');
    assert.equal(pullReference(target!.ref!), 'localhost:5000/team/app:2');
    const [hub] = pinTargets('FROM docker.io/bitnami/redis:7\n', 'dockerfile');
    assert.equal(pullReference(hub!.ref!), 'bitnami/redis:7');
  });
});
