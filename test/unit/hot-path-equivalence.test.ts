// Helpers rewritten to allocate less (issue 22) must answer as the code they replaced: the URL
// scheme test behind connection-string detection (which the redaction layer runs on every URL of
// a file) and the package-command option tests every package rule asks. Each is compared with the
// previous code, kept below, on the rule fixtures, the shared corpus (when checked out), edge cases
// and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { hasOption, hasShortFlag, packageCommands, type PackageCommand } from '../../server/src/engine/dockerfile/packages';
import { connectionStringPassword } from '../../server/src/engine/secrets';

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

// packages.ts before.
function referenceHasOption(command: PackageCommand, ...names: string[]): boolean {
  return command.args.some((word) =>
    names.some((name) => word.value === name || (name.startsWith('--') && word.value.startsWith(`${name}=`))),
  );
}

function referenceHasShortFlag(command: PackageCommand, letter: string): boolean {
  return command.args.some((word) => /^-[A-Za-z]+$/.test(word.value) && word.value.slice(1).includes(letter));
}

function filesUnder(dir: string, matches: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, matches));
    else if (matches(entry.name)) found.push(full);
  }
  return found;
}

const isDockerfile = (name: string) => /dockerfile/i.test(name) && !/\.(findings|fixed|ya?ml|json|md)$/i.test(name);
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
  it('connection-string passwords on the rule fixtures and the shared corpus', () => {
    let compared = 0;
    const files = [
      ...filesUnder(path.resolve(__dirname, '../rules'), isLintable),
      ...filesUnder(path.resolve(__dirname, '../../../shared/corpus'), isLintable),
    ];
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
    const files = [
      ...filesUnder(path.resolve(__dirname, '../rules'), isDockerfile),
      ...filesUnder(path.resolve(__dirname, '../../../shared/corpus'), isDockerfile),
    ];
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
