// Property: a secret planted anywhere a rule can quote it (its own line, a variable expanded into
// another instruction, a `.env` value interpolated into Compose, a command line, a line that does
// not parse) appears in no output of any format: text, compact, JSON, SARIF, GitHub annotations,
// the --fix-dry-run diff, nor in what the editor gets (diagnostic messages, code action titles and
// edits). FUZZ_RUNS raises the number of cases for `npm run fuzz`.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyFixes, combineRedactors, lint, mergeConfig, preferredFixGroups, type FileKind } from '../../server/src/engine';
import { formatFixDiff } from '../../server/src/cli/format-diff';
import { formatGithub } from '../../server/src/cli/format-github';
import { formatJson } from '../../server/src/cli/format-json';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { formatText } from '../../server/src/cli/format-text';
import type { FileResult } from '../../server/src/cli/lint-files';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
if (process.env.FUZZ_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261206) });

// Every rule on, so every rule's message and fix is exercised.
const strict = mergeConfig({ extends: 'strict' });

interface Planted {
  name: string;
  kind: FileKind;
  text: string;
  dotEnv?: string;
}

type Template = (secret: string) => Planted;

const D =
  (name: string, body: (s: string) => string): Template =>
  (s) => ({ name, kind: 'dockerfile', text: body(s) });
const C =
  (name: string, body: (s: string) => string, dotEnv?: (s: string) => string): Template =>
  (s) => ({
    name,
    kind: 'compose',
    text: body(s),
    ...(dotEnv ? { dotEnv: dotEnv(s) } : {}),
  });

const TEMPLATES: Template[] = [
  D('legacy ENV', (s) => `FROM alpine:3.19\nENV DB_PASSWORD ${s}\nCMD ["sh"]\n`),
  D('ENV key=value', (s) => `FROM alpine:3.19\nENV DB_PASSWORD=${s} OTHER=1\n`),
  D('legacy LABEL', (s) => `FROM alpine:3.19\nLABEL api_token ${s}\n`),
  D(
    'ARG into an ADD URL',
    (s) => `FROM alpine:3.19\nARG NPM_TOKEN=${s}\nADD https://host.example/pkg.tgz?token=\${NPM_TOKEN} /tmp/\n`,
  ),
  D('ARG into WORKDIR', (s) => `FROM alpine:3.19\nARG TOKEN=${s}\nWORKDIR \${TOKEN}\n`),
  D('ARG into EXPOSE', (s) => `FROM alpine:3.19\nARG ADMIN_SECRET=${s}\nEXPOSE \${ADMIN_SECRET}\n`),
  D('ARG into FROM', (s) => `ARG REGISTRY_TOKEN=${s}\nFROM evil.example/\${REGISTRY_TOKEN}:latest\n`),
  D('ARG into COPY --from', (s) => `ARG STAGE_SECRET=${s}\nFROM alpine:3.19\nCOPY --from=\${STAGE_SECRET} /a /b\n`),
  D('ARG into USER', (s) => `FROM alpine:3.19\nARG USER_PASSWORD=${s}\nUSER \${USER_PASSWORD}\nUSER root\n`),
  D('ENV into a later ENV', (s) => `FROM alpine:3.19\nENV API_KEY=${s}\nENV URL http://x/?k=\${API_KEY}\n`),
  D('URL credentials', (s) => `FROM alpine:3.19\nADD https://user:${s}@host.example/f /tmp/\n`),
  D('curl -u', (s) => `FROM alpine:3.19\nRUN curl -u admin:${s} https://x.example/i.sh | sh\n`),
  D('Authorization header', (s) => `FROM alpine:3.19\nRUN curl -H "Authorization: Bearer ${s}" http://x.example/i | sh\n`),
  D('wget --password', (s) => `FROM alpine:3.19\nRUN wget --password ${s} http://x.example/a && chmod 777 /a\n`),
  D('unknown instruction', (s) => `FROM alpine:3.19\nDB_PASSWORD=${s}\n`),
  D(
    'secret on a continuation line',
    (s) => `FROM alpine:3.19\nRUN apt-get update && \\\n  export GITHUB_TOKEN=${s} && \\\n  curl http://x | bash\n`,
  ),
  C('environment map', (s) => `services:\n  web:\n    image: nginx\n    environment:\n      DB_PASSWORD: ${s}\n`),
  C(
    'environment list',
    (s) => `services:\n  web:\n    image: nginx:latest\n    environment:\n      - DB_PASSWORD=${s}\n    privileged: true\n`,
  ),
  C('unclosed quote', (s) => `services:\n  web:\n    image: nginx\n    environment:\n      DB_PASSWORD: "${s}\n`),
  C('flow sequence value', (s) => `services:\n  web:\n    image: nginx\n    environment:\n      DB_PASSWORD: [${s}]\n`),
  C('block scalar header', (s) => `services:\n  web:\n    image: nginx\n    environment:\n      DB_PASSWORD: >-${s}\n`),
  C('unknown key quoting the value', (s) => `services:\n  web:\n    image: nginx\n    api_token: ${s}\n`),
  C(
    '.env into ports, image and user',
    () =>
      'services:\n  web:\n    image: "registry.example/${ADMIN_PASSWORD}:latest"\n    user: "${ADMIN_PASSWORD}"\n    ports:\n      - "${ADMIN_PASSWORD}:80"\n',
    (s) => `ADMIN_PASSWORD=${s}\n`,
  ),
  C('build args', (s) => `services:\n  web:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${s}\n`),
  C(
    'healthcheck credentials',
    (s) => `services:\n  web:\n    image: nginx\n    healthcheck:\n      test: curl -u admin:${s} http://localhost\n`,
  ),
];

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (set: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...set), { minLength: min, maxLength: max }).map((a) => a.join(''));
const secret = fc.oneof(
  fc
    .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), chars(alnum, 9, 31))
    .map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), chars(`${alnum}_.~!%^+-`, 9, 23)).map(([a, b]) => a + b),
  chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16, 16).map((b) => `AKIA${b}`),
  chars(alnum, 36, 36).map((b) => `ghp_${b}`),
);

/** Everything a user, a CI log or a code-scanning upload would see for one file. */
function everyOutput(planted: Planted): string[] {
  const readFile = (relative: string) => (relative === '.env' ? planted.dotEnv : undefined);
  const result = lint({ text: planted.text, kind: planted.kind, path: 'x', readFile }, strict);
  const groups = preferredFixGroups(result.findings, { unsafe: true });
  const after = groups.length > 0 ? applyFixes(planted.text, groups).text : planted.text;
  const second = lint({ text: after, kind: planted.kind, path: 'x', readFile }, strict);
  const file: FileResult = {
    path: '/p/x',
    displayPath: 'x',
    kind: planted.kind,
    findings: result.findings,
    text: planted.text,
    redact: combineRedactors([result.redact!, second.redact!]),
    ...(after !== planted.text ? { fixed: { before: planted.text, after, applied: groups.length } } : {}),
  };
  const editor = result.findings.flatMap((f) => [
    f.message,
    ...f.fixes.flatMap((fix) => [fix.title, ...fix.edits.map((e) => e.newText)]),
  ]);
  return [
    formatText([file], { color: false }),
    formatText([file], { color: false, compact: true }),
    formatJson([file]),
    formatSarif([file]),
    formatGithub([file]),
    formatFixDiff([file]),
    ...editor,
  ];
}

describe('Redaction property: planted secrets never reach any output', () => {
  for (const template of TEMPLATES) {
    const name = template('x').name;
    it(name, () => {
      fc.assert(
        fc.property(secret, (s) => {
          const planted = template(s);
          for (const output of everyOutput(planted)) {
            assert.ok(!output.includes(s), `${name}: the secret ${s} leaked:\n${output}`);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('finds something to redact in every template (the property is not vacuous)', () => {
    for (const template of TEMPLATES) {
      const planted = template('Zq9vLw3Xr7Tp2Kd8');
      const readFile = (relative: string) => (relative === '.env' ? planted.dotEnv : undefined);
      const { redact } = lint({ text: planted.text, kind: planted.kind, path: 'x', readFile }, strict);
      assert.notEqual(redact!('Zq9vLw3Xr7Tp2Kd8'), 'Zq9vLw3Xr7Tp2Kd8', `${planted.name}: the secret is not recognised`);
    }
  });
});
