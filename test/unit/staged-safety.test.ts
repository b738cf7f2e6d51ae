// `--staged` in a hostile repository: its `.git/config` names commands (core.fsmonitor, filters,
// textconv, an external diff, hooks) that git would run for an ordinary `git diff --cached` or
// `git show :file`. Reading the index for Shipshape must run none of them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';

const CLI = path.join(__dirname, '../../dist/cli.js');

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

describe('--staged runs no command the repository configures', function () {
  this.timeout(60_000);
  let repo: string;
  let markers: string;

  before(function () {
    ensureFreshDist();
  });
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-staged-hostile-'));
    markers = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-staged-markers-'));
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'test');
  });
  afterEach(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(markers, { recursive: true, force: true });
  });

  /** Config that runs `touch <markers>/<name>` wherever git would run a command. */
  function armRepository(): void {
    const touch = (name: string, then = '') => `sh -c 'touch ${markers}/${name}; ${then}' --`;
    git(repo, 'config', 'core.fsmonitor', touch('fsmonitor', 'echo'));
    git(repo, 'config', 'filter.evil.clean', touch('clean', 'cat'));
    git(repo, 'config', 'filter.evil.smudge', touch('smudge', 'cat'));
    git(repo, 'config', 'filter.evil.required', 'false');
    git(repo, 'config', 'diff.evil.textconv', touch('textconv', 'cat "$1"'));
    git(repo, 'config', 'diff.external', touch('external-diff'));
    git(repo, 'config', 'core.pager', touch('pager', 'cat'));
    const hooks = path.join(repo, '.git', 'evil-hooks');
    fs.mkdirSync(hooks);
    for (const hook of ['pre-commit', 'post-index-change', 'reference-transaction']) {
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch ${markers}/hook-${hook}\n`, { mode: 0o755 });
    }
    git(repo, 'config', 'core.hooksPath', hooks);
  }

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [CLI, 'lint', '--staged', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const ran = () => fs.readdirSync(markers).sort();

  it('in a repository with no commit yet', () => {
    fs.writeFileSync(path.join(repo, '.gitattributes'), '* filter=evil diff=evil\n');
    fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
    git(repo, 'add', '.gitattributes', 'Dockerfile');
    armRepository();
    const result = run('--format', 'json');
    assert.deepEqual(ran(), [], 'no configured command ran');
    const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    assert.deepEqual(
      // Other rules may have their say on alpine:3.20; root-user is what the staged content decides.
      files.map((f) => [path.basename(f.filePath), f.messages.some((m) => m.ruleId === 'root-user')]),
      [['Dockerfile', true]],
    );
  });

  it('after a commit, judging only what changed, and never a symlink target', () => {
    fs.writeFileSync(path.join(repo, '.gitattributes'), '* filter=evil diff=evil\n');
    fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3.20\nUSER 1000\n');
    fs.writeFileSync(path.join(repo, 'api.Dockerfile'), 'FROM alpine:3.20\nUSER 1000\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
    fs.symlinkSync('Dockerfile', path.join(repo, 'link.Dockerfile'));
    git(repo, 'add', 'Dockerfile', 'link.Dockerfile');
    armRepository();
    const result = run('--format', 'json');
    assert.deepEqual(ran(), [], 'no configured command ran');
    const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    assert.deepEqual(
      // Other rules may have their say on alpine:3.20; root-user is what the staged content decides.
      files.map((f) => [path.basename(f.filePath), f.messages.some((m) => m.ruleId === 'root-user')]),
      [['Dockerfile', true]],
    );
  });
});
