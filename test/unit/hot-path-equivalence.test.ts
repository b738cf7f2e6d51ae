// Helpers rewritten to allocate less (issue 22) must answer as the code they replaced: the URL
// scheme test behind connection-string detection (which the redaction layer runs on every URL of
// a file) and the package-command option tests every package rule asks. Each is compared with the
// previous code, kept below, on the rule fixtures, the shared corpus (when checked out), edge cases
// and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { hasOption, hasShortFlag, packageCommands, type PackageCommand } from '../../server/src/engine/dockerfile/packages';
import { connectionStringPassword, looksLikeSecretName } from '../../server/src/engine/secrets';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

// secrets.ts before: the scheme was the last [\s=]-separated word before `://`.
function referenceConnectionStringPassword(value: string): string | undefined {
  const scheme = value.indexOf('://');
  if (scheme <= 0 || !/^[A-Za-z][A-Za-z0-9+.:-]*$/.test(value.slice(0, scheme).split(/[\s=]/).pop() ?? '')) return undefined;
  const from = scheme + 3;
  let end = from;
  while (end < value.length && !'/?#'.includes(value[end]!) && !/\s/.test(value[end]!)) end++;
  const at = value.lastIndexOf('@', end - 1);
  if (at < from) return undefined;
  const colon = value.indexOf(':', from);
  if (colon === -1 || colon > at) return undefined;
  const password = value.slice(colon + 1, at);
  if (password.trim() === '' || password.includes('${') || password.startsWith('$')) return undefined;
  return value.slice(colon + 1, at);
}

// secrets.ts before (its word lists are the same objects' contents, copied here).
const SECRET_SEGMENTS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'APIKEY',
  'CREDENTIALS',
  'CREDENTIAL',
  'ENCRYPTIONKEY',
  'ENCKEY',
  'SIGNINGKEY',
  'MASTERKEY',
]);
const SECRET_SUFFIXES = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY', 'ENCRYPTIONKEY', 'SIGNINGKEY'];
const NOT_SECRET_PASS_ENDINGS = [
  'BYPASS',
  'COMPASS',
  'SURPASS',
  'TRESPASS',
  'OVERPASS',
  'UNDERPASS',
  'HIGHPASS',
  'LOWPASS',
  'BANDPASS',
  'TWOPASS',
  'MULTIPASS',
  'KEEPASS',
  'LASTPASS',
];
const PASS_ON_WORDS = new Set(['THROUGH', 'THRU']);
const SECRET_PAIRS = new Set([
  'API_KEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'SECRET_KEY',
  'ENCRYPTION_KEY',
  'ENC_KEY',
  'SIGNING_KEY',
  'AUTH_KEY',
  'MASTER_KEY',
  'LICENSE_KEY',
  'CLIENT_SECRET',
]);
const KEY_KINDS = ['ENCRYPTION', 'ENC', 'SIGNING', 'MASTER'];
const NOT_SECRET_SUFFIXES = new Set([
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'ID',
  'USER',
  'USERNAME',
  'TYPE',
  'LENGTH',
  'EXPIRY',
  'EXPIRATION',
  'EXPIRES',
  'LIFETIME',
  'TTL',
  'TIMEOUT',
  'LIMIT',
  'SIZE',
  'COUNT',
  'MIN',
  'MAX',
  'HEADER',
  'ALGORITHM',
  'REGION',
  'ENABLED',
  'DISABLED',
  'REQUIRED',
  'POLICY',
  'FORMAT',
  'MODE',
  'VERSION',
  'METHOD',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'PROVIDER',
  'BACKEND',
  'STORE',
]);

function referenceWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[_.-]/)
    .filter(Boolean);
}

function referenceIsSecretSegment(segment: string, next: string | undefined): boolean {
  if (segment === 'PASS') return next === undefined || !PASS_ON_WORDS.has(next);
  if (SECRET_SEGMENTS.has(segment)) return true;
  if (SECRET_SUFFIXES.some((suffix) => segment.length > suffix.length && segment.endsWith(suffix))) return true;
  return segment.length > 4 && segment.endsWith('PASS') && !NOT_SECRET_PASS_ENDINGS.some((ending) => segment.endsWith(ending));
}

function referenceLooksLikeSecretName(name: string): boolean {
  const segments = referenceWords(name);
  if (segments.length === 0 || (segments.length === 1 && (segments[0] === 'PWD' || segments[0] === 'OLDPWD'))) return false;
  if (segments.length > 1 && NOT_SECRET_SUFFIXES.has(segments[segments.length - 1]!)) return false;
  if (segments.some((s, i) => referenceIsSecretSegment(s, segments[i + 1]))) return true;
  for (let i = 0; i + 1 < segments.length; i++) if (SECRET_PAIRS.has(`${segments[i]}_${segments[i + 1]}`)) return true;
  const last = segments.length > 1 ? segments[segments.length - 2]! : '';
  if (segments[segments.length - 1] === 'KEY' && KEY_KINDS.some((kind) => last.length > kind.length && last.endsWith(kind)))
    return true;
  return false;
}

// packages.ts before.
function referenceHasOption(command: PackageCommand, ...names: string[]): boolean {
  return command.args.some((word) =>
    names.some((name) => word.value === name || (name.startsWith('--') && word.value.startsWith(`${name}=`))),
  );
}

function referenceHasShortFlag(command: PackageCommand, letter: string): boolean {
  return command.args.some((word) => /^-[A-Za-z]+$/.test(word.value) && word.value.slice(1).includes(letter));
}

const isLintable = (name: string) => isDockerfile(name) || /\.ya?ml$/i.test(name);

/** Each line of the text, each of its words, and each text from every `://` back to the line's start. */
function connectionStringInputs(text: string): string[] {
  const inputs: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.includes('://')) continue;
    inputs.push(line, ...line.split(/\s+/));
    for (let at = line.indexOf('://'); at !== -1; at = line.indexOf('://', at + 1)) inputs.push(line.slice(0, at + 40));
  }
  return inputs;
}

function assertSameConnectionStrings(text: string, label: string): number {
  let compared = 0;
  for (const input of connectionStringInputs(text)) {
    assert.equal(connectionStringPassword(input), referenceConnectionStringPassword(input), `${label}: ${JSON.stringify(input)}`);
    compared++;
  }
  return compared;
}

const OPTION_QUESTIONS: string[][] = [
  ['--no-cache'],
  ['--no-network'],
  ['-c', '--constraint'],
  ['-U', '--upgrade'],
  ['-v', '--version'],
  ['--assume-no', '--trivial-only'],
  ['--yes', '--assume-yes', '--quiet=2', '-q=2'],
  ['--assumeyes'],
  ['--non-interactive', '--no-confirm'],
  ['--no-cache-dir', '--no-cache'],
  ['--no-install-recommends'],
  ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'],
  ['--version', '-v', '--help', '-h'],
  ['--', '-', ''],
];

function assertSameOptions(text: string, label: string): number {
  let compared = 0;
  const model = parseDockerfile(text);
  for (const script of model.runScripts) {
    for (const command of packageCommands(script)) {
      const where = `${label}: ${command.args.map((w) => w.value).join(' ')}`;
      for (const names of OPTION_QUESTIONS)
        assert.equal(hasOption(command, ...names), referenceHasOption(command, ...names), where);
      for (const word of command.args) {
        assert.equal(hasOption(command, word.value), referenceHasOption(command, word.value), where);
        const eq = word.value.indexOf('=');
        if (eq > 0)
          assert.equal(hasOption(command, word.value.slice(0, eq)), referenceHasOption(command, word.value.slice(0, eq)), where);
      }
      for (const letter of 'abcdefghijklmnopqrstuvwxyzSY-')
        assert.equal(hasShortFlag(command, letter), referenceHasShortFlag(command, letter), `${where} ${letter}`);
      compared++;
    }
  }
  return compared;
}

describe('allocation-light helpers answer as the code they replaced', () => {
  it('looksLikeSecretName on every name-like word of the rule fixtures and the shared corpus, edge cases and random names', () => {
    const names = new Set<string>();
    const files = [...filesUnder(FIXTURES_DIR, isLintable), ...filesUnder(CORPUS_DIR, isLintable)];
    for (const file of files)
      for (const word of fs.readFileSync(file, 'utf8').match(/[\w.\-\u00c0-\uffff]+/g) ?? []) names.add(word);
    assert.ok(names.size > 5000, `only ${names.size} names`);
    const edge = [
      'dbPassword',
      'DB_PASSWORD',
      'apiKey',
      'API.KEY',
      'a1B2c3',
      '__',
      '-',
      '',
      'PWD',
      'OLDPWD',
      'x_PWD',
      'jwtSigning_key',
      'APPENC_KEY',
      'ssl_pass_through',
      'ADMINPASS',
      'BYPASS',
      'straße_password',
      'ﬁle_token',
      'ıd_secret',
      'aPASSword',
      'Client_Secret',
      'clientSecret',
      'CLIENT__SECRET',
      'my-api-key-file',
      'Token9Name',
      'K8sToken',
    ];
    for (const name of edge) names.add(name);
    const alphabet = [
      'a',
      'z',
      'A',
      'Z',
      '0',
      '9',
      '_',
      '.',
      '-',
      'ß',
      'é',
      'ﬁ',
      'İ',
      'PASS',
      'KEY',
      'API',
      'Token',
      'secret',
      'ENC',
      'pwd',
      'FILE',
    ];
    let state = 7;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 20000; n++) {
      let name = '';
      for (let i = 0, length = Math.floor(next() * 8); i < length; i++) name += alphabet[Math.floor(next() * alphabet.length)];
      names.add(name);
    }
    for (const name of names) assert.equal(looksLikeSecretName(name), referenceLooksLikeSecretName(name), JSON.stringify(name));
  });

  it('connection-string passwords on the rule fixtures and the shared corpus', () => {
    let compared = 0;
    const files = [...filesUnder(FIXTURES_DIR, isLintable), ...filesUnder(CORPUS_DIR, isLintable)];
    for (const file of files) compared += assertSameConnectionStrings(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 500, `only ${compared} values compared`);
  });

  it('connection-string passwords on edge cases and random texts', () => {
    const cases = [
      'postgres://app:s3cret@db:5432/app',
      'DATABASE_URL=postgres://app:s3cret@db/app',
      'x=redis://:pw@cache',
      'url postgresql+psycopg://u:p@h/d',
      'a.b-c+d://u:p@h',
      '1abc://u:p@h',
      '://u:p@h',
      'http//x://u:p@h',
      '"postgres://u:p@h"',
      'pre\u00a0mysql://u:p@h',
      'pre\u2003mysql://u:p@h',
      'é=mysql://u:p@h',
      'x:y://u:p@h',
      'mongodb://u:${PASS}@h',
      'amqp://u:$PASS@h',
      'amqp://u: @h',
      'smtp://u:p@a@h/x?y#z',
    ];
    for (const value of cases)
      assert.equal(connectionStringPassword(value), referenceConnectionStringPassword(value), JSON.stringify(value));
    const alphabet = ['a', 'Z', '1', '+', '.', ':', '-', '=', ' ', '\t', '\u00a0', '://', '@', '/', '$', '{', 'é', '"', '?'];
    let state = 99;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 20000; n++) {
      let value = '';
      for (let i = 0, length = Math.floor(next() * 24); i < length; i++) value += alphabet[Math.floor(next() * alphabet.length)];
      assert.equal(connectionStringPassword(value), referenceConnectionStringPassword(value), JSON.stringify(value));
    }
  });

  it('hasOption and hasShortFlag on every package command of the rule fixtures and the shared corpus', () => {
    let compared = 0;
    const files = [...filesUnder(FIXTURES_DIR, isDockerfile), ...filesUnder(CORPUS_DIR, isDockerfile)];
    for (const file of files) compared += assertSameOptions(fs.readFileSync(file, 'utf8'), file);
    const edge = [
      'RUN apt-get install -y --no-install-recommends= --no-install-recommendsx -qq --yes=1 -o=x curl',
      'RUN apk add --no-cache=false --no-cachex -- - "" pkg',
      'RUN apk add --no-cachex pkg && apt-get install --yesno --no-install-recommendsx x',
      'RUN pip install -Uy --upgrade=eager --constraint=c.txt -c c2.txt x',
      'RUN zypper -n in -y --non-interactive=1 x && yum -yq install y && dnf -y-z install z',
    ];
    for (const text of edge) compared += assertSameOptions(text, JSON.stringify(text));
    assert.ok(compared > 200, `only ${compared} package commands compared`);
  });
});
