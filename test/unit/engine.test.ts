import { strict as assert } from 'node:assert';
import { parseShortPort, bindsAllInterfaces } from '../../server/src/engine/compose/ports';
import { parseDotEnv } from '../../server/src/engine/compose/dotenv';
import { parseCompose } from '../../server/src/engine/compose/model';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { parseImageRef } from '../../server/src/engine/image-ref';
import { expandVariables } from '../../server/src/engine/interpolate';
import { startCounting, stopCounting, workOf } from '../robustness/work-counter';
import {
  applyFixes,
  DEFAULT_CONFIG,
  lint,
  mergeConfig,
  parseConfig,
  RULES,
  detectKind,
  imageInfoAt,
  imageInfoMarkdown,
} from '../../server/src/engine';

describe('expandVariables', () => {
  const env = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ]);
  const lookup = (name: string) => env.get(name);
  const cases: [string, string, boolean][] = [
    ['plain', 'plain', false],
    ['$SET/${SET}', 'value/value', false],
    ['${UNSET:-def}', 'def', false],
    ['${EMPTY:-def}', 'def', false],
    ['${EMPTY-def}', '', false],
    ['${UNSET-def}', 'def', false],
    ['${UNSET:-${SET}}', 'value', false],
    ['${UNSET:-${ALSO_UNSET}}', '', true],
    ['${SET:+alt}', 'alt', false],
    ['${UNSET:+alt}', '', true],
    ['${UNSET:?required}', '', true],
    ['${UNSET}', '', true],
    ['$UNSET', '', true],
    ['cost: $5', 'cost: $5', false],
    ['${', '', true],
  ];
  for (const [input, value, unresolved] of cases) {
    it(`expands ${JSON.stringify(input)}`, () => {
      assert.deepEqual(expandVariables(input, lookup), { value, unresolved });
    });
  }
  it('honours Compose $$ escapes and Dockerfile escape characters', () => {
    assert.deepEqual(expandVariables('$${SET}', lookup, { dollarEscape: true }), { value: '${SET}', unresolved: false });
    assert.deepEqual(expandVariables('\\$SET', lookup, { escapeChar: '\\' }), { value: '$SET', unresolved: false });
  });
  it('marks where unresolved variables were when asked', () => {
    assert.equal(expandVariables('${IP}:80', lookup, { unresolvedMarker: '?' }).value, '?:80');
  });
  it('does work linear in the size of pathological input (counted, not timed)', () => {
    startCounting();
    try {
      for (const shape of [(n: number) => '${A:-'.repeat(n) + '}'.repeat(n), (n: number) => '$'.repeat(20 * n)]) {
        expandVariables(shape(250), lookup);
        const small = workOf(() => expandVariables(shape(1250), lookup));
        const large = workOf(() => expandVariables(shape(5000), lookup));
        assert.ok(large < 1.5 * 4 * small, `${small} -> ${large} code blocks for 4x the input`);
      }
    } finally {
      stopCounting();
    }
  });
});

describe('parseImageRef', () => {
  const cases: [string, Partial<NonNullable<ReturnType<typeof parseImageRef>>>][] = [
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/nginx:latest', { registry: 'docker.io', repository: 'bitnami/nginx', tag: 'latest' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['index.docker.io/library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    ['localhost/app:1', { registry: 'localhost', repository: 'app', tag: '1' }],
    ['ghcr.io/acme/api:1.2@sha256:abc', { registry: 'ghcr.io', repository: 'acme/api', tag: '1.2', digest: 'sha256:abc' }],
    ['registry.example.com:5000/team/app', { registry: 'registry.example.com:5000', repository: 'team/app' }],
  ];
  for (const [raw, expected] of cases) {
    it(`parses ${raw}`, () => {
      const ref = parseImageRef(raw)!;
      for (const [key, value] of Object.entries(expected)) assert.equal(ref[key as keyof typeof ref], value, key);
      if (!('tag' in expected)) assert.equal(ref.tag, undefined);
    });
  }
  it('rejects empty and spaced references', () => {
    assert.equal(parseImageRef(''), undefined);
    assert.equal(parseImageRef('a b'), undefined);
  });
});

describe('Compose ports', () => {
  it('parses short syntax forms', () => {
    assert.deepEqual(parseShortPort('3000'), { containerPort: '3000' });
    assert.deepEqual(parseShortPort('8080:80'), { hostPort: '8080', containerPort: '80' });
    assert.deepEqual(parseShortPort('127.0.0.1::80/udp'), { hostIp: '127.0.0.1', containerPort: '80', protocol: 'udp' });
    assert.deepEqual(parseShortPort('[::1]:8080:80'), { hostIp: '::1', hostPort: '8080', containerPort: '80' });
    assert.deepEqual(parseShortPort('::1:8080:80'), { hostIp: '::1', hostPort: '8080', containerPort: '80' });
    assert.deepEqual(parseShortPort('8000-8010:8000-8010'), { hostPort: '8000-8010', containerPort: '8000-8010' });
  });
  it('knows which host IPs mean every interface', () => {
    for (const ip of [undefined, '', '0.0.0.0', '::', '[::]']) assert.ok(bindsAllInterfaces(ip), String(ip));
    for (const ip of ['127.0.0.1', '::1', '10.0.0.5', 'localhost']) assert.ok(!bindsAllInterfaces(ip), ip);
  });
});

describe('parseDotEnv', () => {
  it('reads KEY=VALUE lines with quotes, export and comments', () => {
    const env = parseDotEnv('# c\nA=1\nexport B="two words"\nC=\'x\' \nD=plain # comment\r\nbad line\n');
    assert.deepEqual(Object.fromEntries(env), { A: '1', B: 'two words', C: 'x', D: 'plain' });
  });
});

describe('Dockerfile model', () => {
  it('tracks stages, aliases, parents and global ARG expansion', () => {
    const model = parseDockerfile('ARG V=3.20\nFROM alpine:${V} AS Base\nRUN x\nFROM base\nFROM scratch\n');
    assert.equal(model.stages.length, 3);
    assert.equal(model.stages[0]!.alias, 'base');
    assert.equal(model.stages[0]!.ref?.tag, '3.20');
    assert.equal(model.stages[1]!.parent, model.stages[0]);
    assert.ok(model.stages[2]!.isScratch);
    assert.equal(model.finalStage, model.stages[2]);
  });
});

describe('Compose model', () => {
  it('resolves merge keys with YAML precedence (own keys, then earlier sources)', () => {
    const model = parseCompose(
      'x-a: &a\n  user: a\n  image: a\nx-b: &b\n  user: b\n  read_only: true\nservices:\n  s:\n    <<: [*a, *b]\n    image: own\n',
    );
    const service = model.services[0]!;
    assert.equal(String((service.get('user')!.value as { value: unknown }).value), 'a');
    assert.equal(String((service.get('image')!.value as { value: unknown }).value), 'own');
    assert.ok(service.get('read_only'));
  });
  it('interpolates from .env and never from the process environment', () => {
    process.env.SHIPSHAPE_TEST_VAR = 'from-process';
    const model = parseCompose('services: {}\n', 'FROM_DOTENV=yes\n');
    assert.equal(model.interpolate('${FROM_DOTENV}').value, 'yes');
    assert.equal(model.interpolate('${SHIPSHAPE_TEST_VAR}').unresolved, true);
  });
  it('survives merge cycles and extends cycles', () => {
    const model = parseCompose('services:\n  a:\n    extends: b\n  b:\n    extends: a\n');
    assert.equal(model.services.length, 2);
  });
});

describe('lint on bad input', () => {
  it('skips binary files with a clear reason', () => {
    const result = lint({ text: 'FROM x\u0000\u0001', kind: 'dockerfile' });
    assert.match(result.skipped!, /binary/);
  });
  it('skips files over maxFileSize without parsing them', () => {
    const big = 'RUN echo hi\n'.repeat(500_000);
    assert.match(lint({ text: big, kind: 'dockerfile' }).skipped!, /over the 2\.0 MB limit/);
    assert.match(lint({ text: big, kind: 'compose' }, mergeConfig({ maxFileSize: 100 })).skipped!, /limit/);
  });
  it('lints an empty file without findings', () => {
    assert.deepEqual(lint({ text: '', kind: 'dockerfile' }).findings, []);
    assert.deepEqual(lint({ text: '', kind: 'compose' }).findings, []);
  });
  it('reports malformed YAML as syntax-error and still lints what parses', () => {
    const { findings } = lint({ text: 'services:\n  a:\n    privileged: true\n  b: [\n', kind: 'compose' });
    assert.ok(findings.some((f) => f.ruleId === 'syntax-error'));
  });
  it('ignores a UTF-8 BOM', () => {
    const { findings } = lint({ text: '\uFEFFFROM alpine:3\nUSER 1000\n', kind: 'dockerfile' });
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      [],
    );
  });
  it('turns a throwing rule into one finding instead of a crash', () => {
    const broken = {
      ...RULES[1]!,
      id: 'boom',
      dockerfile: () => {
        throw new Error('kaput');
      },
    };
    const { findings } = lint({ text: 'FROM alpine:3.20\n', kind: 'dockerfile' }, DEFAULT_CONFIG, [broken]);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /boom failed.*kaput/);
  });
});

describe('severity and config', () => {
  it('applies presets, rules and overrides in that order', () => {
    const text = 'services:\n  traefik:\n    image: traefik:v3.2\n    privileged: true\n';
    const off = lint(
      { text, kind: 'compose', path: 'deploy/compose.yaml' },
      mergeConfig({
        overrides: [{ rules: { privileged: 'off' }, services: ['traefik'], reason: 'needs it (SEC-1)' }],
      }),
    );
    const finding = off.findings.find((f) => f.ruleId === 'privileged')!;
    assert.deepEqual(finding.suppressed, { kind: 'override', justification: 'needs it (SEC-1)' });
    const strict = lint({ text, kind: 'compose' }, mergeConfig({ extends: 'strict', rules: { privileged: 'hint' } }));
    assert.equal(strict.findings.find((f) => f.ruleId === 'privileged')!.severity, 'hint');
    const scoped = lint(
      { text, kind: 'compose', path: 'other/compose.yaml' },
      mergeConfig({
        overrides: [{ rules: { privileged: 'off' }, files: ['deploy/**'], reason: 'x' }],
      }),
    );
    assert.equal(scoped.findings.find((f) => f.ruleId === 'privileged')!.suppressed, undefined);
  });
  it('settles a service-scoped override per finding, not once per rule', () => {
    // Two services' findings of one rule in one lint: the setting is worked out per service.
    const text =
      'services:\n  traefik:\n    image: traefik:v3.2\n    privileged: true\n  db:\n    image: postgres:16\n    privileged: true\n';
    const config = mergeConfig({ overrides: [{ rules: { privileged: 'off' }, services: ['traefik'], reason: 'proxy' }] });
    const privileged = lint({ text, kind: 'compose' }, config).findings.filter((f) => f.ruleId === 'privileged');
    assert.deepEqual(
      privileged.map((f) => [f.service, f.suppressed?.kind]),
      [
        ['traefik', 'override'],
        ['db', undefined],
      ],
    );
  });
  it('keeps the rule-assigned severity unless the user sets one', () => {
    const text = 'services:\n  a:\n    image: alpine:3.20\n    cap_add: [ALL, NET_RAW]\n';
    const severities = lint({ text, kind: 'compose' })
      .findings.filter((f) => f.ruleId === 'dangerous-capability')
      .map((f) => f.severity);
    assert.deepEqual(severities, ['error', 'warning']);
  });
  it('reports config problems with ranges and keeps defaults', () => {
    const { config, problems } = parseConfig(
      'extends: lax\nrules:\n  root-user: loud\ntrustedRegistries: ghcr.io\nbogus: 1\n',
      new Set(['root-user']),
    );
    assert.deepEqual(config, { rules: {} });
    assert.deepEqual(
      problems.map((p) => p.range.start.line),
      [0, 2, 3, 4],
    );
  });
  it('parses a complete config', () => {
    const { config, problems } = parseConfig(
      'extends: strict\nrules: {root-user: error, read-only-rootfs: off}\ntrustedRegistries: [ghcr.io/acme]\ndefaultUser: 1000\noverrides:\n  - rules: {privileged: off}\n    services: [traefik]\n    reason: proxy\n',
    );
    assert.deepEqual(problems, []);
    assert.equal(config.extends, 'strict');
    assert.equal(config.defaultUser, '1000');
    assert.deepEqual(config.overrides, [{ rules: { privileged: 'off' }, services: ['traefik'], reason: 'proxy' }]);
  });
});

describe('applyFixes', () => {
  it('takes non-overlapping fixes whole and skips overlapping ones', () => {
    const at = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
    const result = applyFixes('abcdef\nxyz', [
      [{ range: at(0, 0, 2), newText: 'AB' }],
      [
        { range: at(0, 1, 3), newText: '!!' },
        { range: at(1, 0, 1), newText: 'X' },
      ],
      [{ range: at(1, 1, 1), newText: '+' }],
    ]);
    assert.deepEqual({ ...result, edits: result.edits.length }, { text: 'ABcdef\nx+yz', edits: 2, applied: 2, skipped: 1 });
  });
});

describe('detectKind', () => {
  const cases: [string, string | undefined][] = [
    ['Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['web.dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Containerfile.dev', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.override.yml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.prod.yaml', 'compose'],
    ['Dockerfile.dockerignore', undefined],
    ['values.yaml', undefined],
    ['dir/sub/compose.yml', 'compose'],
    ['README.md', undefined],
  ];
  for (const [name, kind] of cases) it(`${name} -> ${kind}`, () => assert.equal(detectKind(name), kind));
});

describe('imageInfoAt', () => {
  it('describes the image under the cursor, after ARG expansion', () => {
    const text = 'ARG TAG=1.27\nFROM nginx:${TAG}@sha256:abc AS web\nFROM quay.io/acme/tool\n';
    const first = imageInfoAt(text, 'dockerfile', { line: 1, character: 8 }, DEFAULT_CONFIG)!;
    assert.equal(first.resolved, 'nginx:1.27@sha256:abc');
    assert.equal(first.official, true);
    assert.equal(first.pinned, 'digest');
    const second = imageInfoAt(text, 'dockerfile', { line: 2, character: 6 }, DEFAULT_CONFIG)!;
    assert.equal(second.trusted, false);
    assert.equal(second.pinned, 'none');
    assert.match(imageInfoMarkdown(second), /not trusted/);
    assert.equal(imageInfoAt(text, 'dockerfile', { line: 0, character: 2 }, DEFAULT_CONFIG), undefined);
  });
  it('works on Compose image values', () => {
    const info = imageInfoAt('services:\n  a:\n    image: "redis:7"\n', 'compose', { line: 2, character: 14 }, DEFAULT_CONFIG)!;
    assert.equal(info.repository, 'library/redis');
  });
});

describe('fix safety of individual fixes', () => {
  const cleanupFix = (text: string) =>
    lint({ text, kind: 'dockerfile' }).findings.find((f) => f.ruleId === 'package-cache-cleanup')?.fixes[0];

  it('offers the apt list cleanup for review only when a later install would need the lists', () => {
    const breaksLater = cleanupFix(
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN apt-get install -y --no-install-recommends git\nUSER 1000\n',
    );
    assert.equal(breaksLater?.changesBehaviour, true, 'the second RUN cannot find git once the lists are gone');
    const inChild = cleanupFix(
      'FROM debian:12-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nFROM base\nRUN apt-get install -y --no-install-recommends git\nUSER 1000\n',
    );
    assert.equal(inChild?.changesBehaviour, true, 'a stage built FROM it inherits the missing lists');
    const updatesItself = cleanupFix(
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nUSER 1000\n',
    );
    assert.ok(updatesItself, 'still offered');
    assert.equal(updatesItself.changesBehaviour, undefined, 'a later RUN that updates first is unaffected: safe');
  });
});
