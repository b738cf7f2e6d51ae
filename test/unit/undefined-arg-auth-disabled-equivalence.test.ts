// undefined-arg asks dockerfile-ast for a FROM's variables only when its text holds a `$`, and
// auth-disabled keeps only the ENV properties that can switch authentication off (and the Grafana
// role beside them) instead of a record and a map entry for every one. Held here to the checks
// they replaced, copied below as they were: the same reports, in the same order, on every
// Dockerfile of the real-world corpus (when present) and of the repository, each also with CRLF,
// lone CRs, a BOM, upper and lower case, and on edge cases.
import { strict as assert } from 'node:assert';
import type { Instruction } from 'dockerfile-ast';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { argsOf } from '../../server/src/engine/dockerfile/instruction-args';
import { editDistance, MAX_SUGGESTION_CANDIDATES } from '../../server/src/engine/edit-distance';
import { lint } from '../../server/src/engine';
import type { DockerfileContext } from '../../server/src/engine/rule';
import authDisabled from '../../server/src/engine/rules/auth-disabled';
import undefinedArg from '../../server/src/engine/rules/undefined-arg';
import type { Range } from '../../server/src/engine/types';
import { corpusAvailable, corpusTexts, repositoryTexts, variants } from './equivalence-texts';

type Reported = { range: Range; message: string };
type Check = (ctx: DockerfileContext) => void;

// ---- undefined-arg as it was ----

const PREDEFINED = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'ftp_proxy',
  'no_proxy',
  'all_proxy',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'SOURCE_DATE_EPOCH',
]);

const undefinedArgBefore: Check = (ctx) => {
  const declared = [...ctx.model.globalArgs.keys(), ...PREDEFINED];
  for (const stage of ctx.model.stages) {
    for (const variable of stage.from.getVariables()) {
      const name = variable.getName();
      if (ctx.model.globalArgs.has(name) || PREDEFINED.has(name)) continue;
      const close =
        declared.length > MAX_SUGGESTION_CANDIDATES
          ? []
          : declared.filter((d) => {
              const distance = editDistance(d.toLowerCase(), name.toLowerCase(), 2);
              return distance <= 2 && distance < name.length / 2;
            });
      const hint = close.length === 1 ? ` (did you mean $${close[0]}?)` : '';
      const fallback =
        variable.getModifier() === '-' || variable.getModifier() === ':-' ? variable.getSubstitutionParameter() : null;
      ctx.report({
        range: variable.getRange(),
        message:
          fallback !== null
            ? `$${name} in FROM is not declared by an ARG before the first FROM${hint}, so --build-arg cannot set it and it is always "${fallback}"; declare "ARG ${name}=${fallback}" at the top`
            : `$${name} in FROM is not declared by an ARG before the first FROM${hint}, so it expands to an empty string; declare "ARG ${name}=<default>" at the top`,
      });
    }
  }
};

// ---- auth-disabled's Dockerfile check as it was ----

const TRUE = new Set(['true', 'yes', '1', 'on']);
const isTrue = (value: string | undefined) => value !== undefined && TRUE.has(value.trim().toLowerCase());

function disablesAuthBefore(name: string, value: string, all: Map<string, string>): string | undefined {
  const v = value.trim();
  switch (name) {
    case 'POSTGRES_HOST_AUTH_METHOD':
      return v.toLowerCase() === 'trust' ? 'PostgreSQL accepts every connection without a password' : undefined;
    case 'MYSQL_ALLOW_EMPTY_PASSWORD':
    case 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD':
    case 'MARIADB_ALLOW_EMPTY_PASSWORD':
      return v !== '' ? 'the database root account has an empty password (any non-empty value enables this)' : undefined;
    case 'ALLOW_EMPTY_PASSWORD':
      return isTrue(v) ? 'the server runs without a password' : undefined;
    case 'AUTH_TYPE':
    case 'PGBOUNCER_AUTH_TYPE':
      return v.toLowerCase() === 'trust' ? 'PgBouncer lets clients in without a password' : undefined;
    case 'GF_AUTH_ANONYMOUS_ENABLED': {
      const role = all.get('GF_AUTH_ANONYMOUS_ORG_ROLE')?.trim();
      return isTrue(v) && (role === 'Admin' || role === 'Editor')
        ? `anonymous visitors get Grafana's ${role} role (GF_AUTH_ANONYMOUS_ORG_ROLE)`
        : undefined;
    }
    case 'xpack.security.enabled':
      return v.toLowerCase() === 'false' ? 'Elasticsearch security (authentication and TLS) is off' : undefined;
    case 'DISABLE_SECURITY_PLUGIN':
    case 'plugins.security.disabled':
      return isTrue(v) ? 'the OpenSearch security plugin (authentication and TLS) is off' : undefined;
    default:
      return undefined;
  }
}

function commandDisablesAuthBefore(words: string[]): string | undefined {
  const program = words.findIndex((w) => /(?:^|\/)(?:redis-server|valkey-server|mongod)$/.test(w));
  if (program === -1) return undefined;
  const args = words.slice(program + 1);
  const at = (flag: string) => args.findIndex((w) => w === flag || w.startsWith(`${flag}=`));
  if (/mongod$/.test(words[program]!)) return at('--noauth') !== -1 ? 'mongod runs with --noauth' : undefined;
  const mode = at('--protected-mode');
  if (mode === -1 || at('--requirepass') !== -1) return undefined;
  const value = args[mode]!.includes('=') ? args[mode]!.split('=')[1] : args[mode + 1];
  return value?.toLowerCase() === 'no' ? 'Redis runs with protected mode off and no requirepass' : undefined;
}

interface Property {
  getName(): string;
  getValue(): string | null;
  getRange(): Range;
}

const authDisabledBefore: Check = (ctx) => {
  for (const stage of ctx.model.stages) {
    const env = new Map<string, string>();
    const variables: { name: string; value: string; range: Range }[] = [];
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ENV') {
        for (const property of (instruction as Instruction & { getProperties(): Property[] }).getProperties()) {
          const value = property.getValue() ?? '';
          env.set(property.getName(), value);
          variables.push({ name: property.getName(), value, range: property.getRange() });
        }
      } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
        const args = argsOf(instruction);
        const reason = commandDisablesAuthBefore(args.map((a) => a.value));
        if (reason && args.length > 0)
          ctx.report({
            range: { start: args[0]!.range.start, end: args[args.length - 1]!.range.end },
            message: `${keyword}: ${reason}; anyone who can reach the port gets in. Set a password (requirepass from a secret) or keep protected mode on`,
          });
      }
    }
    for (const variable of variables) {
      const reason = disablesAuthBefore(variable.name, variable.value, env);
      if (reason)
        ctx.report({
          range: variable.range,
          message: `ENV ${variable.name}=${variable.value}: ${reason}, in every container of this image; set a password at run time (from a secret) instead`,
        });
    }
  }
};

// ---- the comparison ----

function reports(check: Check, text: string): Reported[] {
  const model = parseDockerfile(text);
  const found: Reported[] = [];
  check({ model, config: DEFAULT_CONFIG, report: (r) => void found.push({ range: r.range, message: r.message }) });
  return found;
}

const PAIRS: [string, Check, Check][] = [
  ['undefined-arg', undefinedArg.dockerfile!, undefinedArgBefore],
  ['auth-disabled', authDisabled.dockerfile!, authDisabledBefore],
];

/** How many reports each rule made on `text`, after checking they are the ones it made before. */
function assertSame(name: string, raw: string): number[] {
  // lint() lints the text without its BOM.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return PAIRS.map(([rule, now, before]) => {
    const expected = reports(before, text);
    assert.deepEqual(reports(now, text), expected, `${rule}: ${name}`);
    return expected.length;
  });
}

const EDGE_CASES: [string, string][] = [
  ['no FROM', 'ENV POSTGRES_HOST_AUTH_METHOD=trust\n'],
  ['a variable on a continuation line', 'FROM \\\n  ${IMAGE}:latest\nFROM alpine AS b\n'],
  ['a variable after a comment line', 'FROM alpine \\\n# comment\n  AS ${NAME}\n'],
  ['escaped dollars', 'FROM alp\\$ine\nFROM ${A:-x}\\$\n'],
  ['a trailing $', 'FROM alpine$\nFROM $\n'],
  ['an escape directive', '# escape=`\nFROM `\n  ${IMAGE}\n'],
  ['declared and predefined', 'ARG BASE=alpine\nFROM ${BASE}\nFROM --platform=$BUILDPLATFORM ${BAES:-x}\n'],
  [
    'Grafana role set after, twice',
    'FROM grafana/grafana\nENV GF_AUTH_ANONYMOUS_ENABLED=true\nENV GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n',
  ],
  ['Grafana role in another stage', 'FROM a\nENV GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\nFROM b\nENV GF_AUTH_ANONYMOUS_ENABLED=yes\n'],
  [
    'every switch, legacy form and empty values',
    'FROM db\nENV MYSQL_ALLOW_EMPTY_PASSWORD no\nENV MARIADB_ALLOW_EMPTY_PASSWORD=\nENV AUTH_TYPE=TRUST PGBOUNCER_AUTH_TYPE=trust\n' +
      'ENV xpack.security.enabled=false plugins.security.disabled=on DISABLE_SECURITY_PLUGIN=1 ALLOW_EMPTY_PASSWORD=yes\n' +
      'ENV MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 POSTGRES_HOST_AUTH_METHOD=trust\nENV POSTGRES_HOST_AUTH_METHOD=trust\n',
  ],
  ['a switch name in another case', 'FROM db\nENV postgres_host_auth_method=trust Xpack.security.enabled=false\n'],
  [
    'commands between the ENVs',
    'FROM redis\nENV ALLOW_EMPTY_PASSWORD=yes\nCMD ["redis-server", "--protected-mode", "no"]\nENTRYPOINT mongod --noauth\nENV AUTH_TYPE=trust\n',
  ],
];

describe('undefined-arg and auth-disabled: the same reports as the checks they replaced', () => {
  it('on the edge cases', () => {
    const totals = [0, 0];
    for (const [name, text] of EDGE_CASES)
      for (const [variant, shown] of variants(text))
        assertSame(`${name} (${variant})`, shown).forEach((n, i) => (totals[i]! += n));
    assert.ok(
      totals.every((n) => n > 10),
      `reports per rule: ${totals}`,
    );
  });

  it("on the repository's Dockerfiles (fixtures, examples, tests)", function () {
    this.timeout(300_000);
    const files = repositoryTexts().filter(([, text]) => /^\s*from\s/im.test(text));
    assert.ok(files.length > 100, `${files.length} files`);
    const totals = [0, 0];
    for (const [name, text] of files)
      for (const [variant, shown] of variants(text))
        assertSame(`${name} (${variant})`, shown).forEach((n, i) => (totals[i]! += n));
    // The rules' fixtures report on every shape above: a comparison of two empty lists would pass vacuously.
    assert.ok(
      totals.every((n) => n > 20),
      `reports per rule: ${totals}`,
    );
  });

  (corpusAvailable ? it : it.skip)('on the real-world corpus', function () {
    this.timeout(300_000);
    const files = corpusTexts().filter(([, text]) => /^\s*from\s/im.test(text));
    assert.ok(files.length > 200, `${files.length} files`);
    for (const [name, text] of files) for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, shown);
  });

  it('Compose: the last GF_AUTH_ANONYMOUS_ORG_ROLE of a service decides, wherever it is', () => {
    const compose = (environment: string) =>
      lint({ text: `services:\n  grafana:\n    image: grafana/grafana\n    environment:\n${environment}`, kind: 'compose' })
        .findings.filter((f) => f.ruleId === 'auth-disabled')
        .map((f) => f.message);
    // The list form may repeat a name (a map may not).
    const list = compose(
      '      - GF_AUTH_ANONYMOUS_ORG_ROLE=Editor\n      - GF_AUTH_ANONYMOUS_ENABLED=true\n      - GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer\n',
    );
    const listAdmin = compose('      - GF_AUTH_ANONYMOUS_ENABLED=true\n      - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n');
    assert.deepEqual(list, []);
    assert.equal(listAdmin.length, 1);
    assert.match(listAdmin[0]!, /Grafana's Admin role/);
  });
});
