// Issue 15's reproductions against the built CLI (dist/cli.js): a hostile checkout cannot make
// Shipshape print its secrets, read or write outside the project, or hang on an endless file.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  leaksIn,
  makeEndlessConfigCheckout,
  makeHostileCheckout,
  PLANTED,
  type HostileCheckout,
} from '../hostile/hostile-checkout';
import { ensureFreshDist } from '../setup/fresh-dist';

const CLI = path.join(__dirname, '../../dist/cli.js');

// A hang is the failure mode under test: the child is killed long before mocha would give up.
function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.notEqual(result.signal, 'SIGTERM', `shipshape ${args.join(' ')} did not finish in 20 s`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: result.stdout + result.stderr };
}

function assertNoLeak(output: string, what: string): void {
  assert.deepEqual(leaksIn(output), [], `${what} printed a planted secret:\n${output}`);
}

describe('hostile checkout: the CLI', function () {
  this.timeout(60_000);
  let checkout: HostileCheckout;

  before(function () {
    ensureFreshDist();
    checkout = makeHostileCheckout();
  });
  after(() => checkout?.cleanup());

  for (const format of ['text', 'compact', 'json', 'sarif', 'github']) {
    it(`lints the whole checkout (${format}) without a leak, a hang, or a file from outside`, () => {
      const { code, stdout, stderr, all } = run(checkout.project, 'lint', '.', '--format', format);
      assertNoLeak(all, `lint . --format ${format}`);
      assert.equal(code, 1, stderr);
      // The symlinked .gitignore files are refused with a warning; their folders are still linted.
      assert.match(
        stderr,
        /zero\/\.gitignore is a symbolic link to a file outside the project; not read; its patterns do not apply/,
      );
      assert.match(stderr, /fifo\/\.gitignore is not a regular file/);
      assert.match(stdout, /zero\/Dockerfile/);
      assert.match(stdout, /fifo\/Dockerfile/);
      assert.doesNotMatch(stdout, /Dockerfile\.cfg|outside\.Dockerfile/);
    });
  }

  it('refuses a named target that is a symlink out of the project, or into .git', () => {
    for (const [name, reason] of [
      ['outside.Dockerfile', /symbolic link to a file outside the project/],
      ['Dockerfile.cfg', /inside \(or a symbolic link into\) the \.git folder/],
      ['zero/.gitignore', /Not a regular file|outside the project/],
    ] as const) {
      const { code, all } = run(checkout.project, 'lint', name, '--kind', 'dockerfile');
      assertNoLeak(all, `lint ${name}`);
      assert.equal(code, 2, all);
      assert.match(all, reason);
    }
  });

  it('refuses a named target outside the working directory through a symlink (/etc/passwd)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-passwd-'));
    try {
      fs.symlinkSync('/etc/passwd', path.join(dir, 'Dockerfile'));
      const { code, all } = run(dir, 'lint', 'Dockerfile');
      assert.equal(code, 2, all);
      assert.match(all, /outside the project/);
      assert.doesNotMatch(all, /root:x:0:0/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops .gitignore patterns too costly to match instead of running them (39 s before)', () => {
    const deep = path.join(checkout.base, 'deep');
    let folder = deep;
    for (let i = 0; i < 48; i++) folder = path.join(folder, 'a');
    fs.mkdirSync(folder, { recursive: true });
    fs.mkdirSync(path.join(deep, '.git'));
    fs.writeFileSync(path.join(deep, '.gitignore'), `${'a/**/'.repeat(8)}b\nvendor/\n`);
    fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM alpine:latest\nUSER 10001\n');
    try {
      const { code, stdout, stderr } = run(deep, 'lint', '.', '--format', 'compact');
      assert.equal(code, 0, stderr);
      assert.match(stdout, /unpinned-image/);
      assert.match(stderr, /1 pattern with more than 3 "\*\*" or 8 wildcards ignored/);
    } finally {
      fs.rmSync(deep, { recursive: true, force: true });
    }
  });

  it('does not hang on an --ignore-path that never ends', () => {
    const { code, all } = run(checkout.project, 'lint', 'zero', '--ignore-path', 'zero/.gitignore');
    assert.equal(code, 0, all);
    assert.match(all, /zero\/\.gitignore is a symbolic link to a file outside the project/);
  });

  it('--fix --unsafe-fixes never writes .git/config, a file outside, or through a symlink', () => {
    const gitConfig = fs.readFileSync(path.join(checkout.project, '.git', 'config'), 'utf8');
    const outside = fs.readFileSync(path.join(checkout.outside, 'Dockerfile'), 'utf8');
    const inside = path.join(checkout.project, 'linked');
    fs.mkdirSync(inside);
    fs.writeFileSync(path.join(inside, 'real.Dockerfile'), 'FROM alpine:3.20\nENV MODE production\nUSER 10001\n');
    fs.symlinkSync('real.Dockerfile', path.join(inside, 'alias.Dockerfile'));
    try {
      const { all } = run(
        checkout.project,
        'lint',
        'Dockerfile.cfg',
        'outside.Dockerfile',
        'linked/alias.Dockerfile',
        '--kind',
        'dockerfile',
        '--fix',
        '--unsafe-fixes',
      );
      assertNoLeak(all, '--fix');
      assert.equal(fs.readFileSync(path.join(checkout.project, '.git', 'config'), 'utf8'), gitConfig);
      assert.equal(fs.readFileSync(path.join(checkout.outside, 'Dockerfile'), 'utf8'), outside);
      assert.equal(
        fs.readFileSync(path.join(inside, 'real.Dockerfile'), 'utf8'),
        'FROM alpine:3.20\nENV MODE production\nUSER 10001\n',
      );
      assert.match(all, /not fixed: linked\/alias\.Dockerfile is a symbolic link; Shipshape never writes through one/);
    } finally {
      fs.rmSync(inside, { recursive: true, force: true });
    }
  });

  it('--fix-dry-run prints no secret in its diff', () => {
    const { all } = run(checkout.project, 'lint', 'Dockerfile', 'compose.yaml', '--fix-dry-run', '--unsafe-fixes');
    assertNoLeak(all, '--fix-dry-run');
    assert.match(all, /^\+\+\+ b\/Dockerfile/m, 'the diff is printed');
  });

  it('shipshape init never writes through a .shipshape.yaml symlink, dangling or not', () => {
    const dir = path.join(checkout.base, 'init');
    fs.mkdirSync(dir);
    try {
      const created = path.join(checkout.outside, 'created.yaml');
      fs.symlinkSync(created, path.join(dir, '.shipshape.yaml'));
      let result = run(dir, 'init');
      assert.equal(result.code, 2, result.all);
      assert.equal(fs.existsSync(created), false, 'init created a file outside the project');
      result = run(dir, 'init', '--force');
      assert.equal(result.code, 2, result.all);
      assert.match(result.all, /symbolic link/);
      assert.equal(fs.existsSync(created), false);
      fs.rmSync(path.join(dir, '.shipshape.yaml'));
      fs.symlinkSync(path.join(checkout.outside, 'target.yaml'), path.join(dir, '.shipshape.yaml'));
      result = run(dir, 'init', '--force');
      assert.equal(result.code, 2, result.all);
      assert.equal(fs.readFileSync(path.join(checkout.outside, 'target.yaml'), 'utf8'), `# ${PLANTED.outside}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a .shipshape.yaml above the repository never applies', () => {
    // base/.shipshape.yaml turns root-user off; the project's .git ends the lookup below it.
    const { stdout } = run(checkout.project, 'lint', 'Dockerfile', '--format', 'json');
    assert.ok(JSON.parse(stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'root-user'));
  });

  it('outside a repository, lookup stops at the working directory, or at the named file when it is outside it', () => {
    const loose = path.join(checkout.base, 'loose');
    fs.mkdirSync(loose);
    fs.writeFileSync(path.join(loose, 'Dockerfile'), 'FROM ubuntu:latest\nUSER root\n');
    try {
      const fromInside = run(loose, 'lint', 'Dockerfile', '--format', 'json');
      assert.ok(JSON.parse(fromInside.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'root-user'));
      // Named from elsewhere (a cwd that is not above it): the file's own folder is the project.
      const fromElsewhere = run(checkout.project, 'lint', path.join(loose, 'Dockerfile'), '--format', 'json');
      assert.ok(JSON.parse(fromElsewhere.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'root-user'));
    } finally {
      fs.rmSync(loose, { recursive: true, force: true });
    }
  });
});

describe('hostile checkout: an endless .shipshape.yaml (CLI)', function () {
  this.timeout(60_000);
  let checkout: HostileCheckout;

  before(function () {
    ensureFreshDist();
    checkout = makeEndlessConfigCheckout();
  });
  after(() => checkout?.cleanup());

  it('is refused with a config error, and the files are still linted with the defaults', () => {
    const { code, stdout, stderr } = run(checkout.project, 'lint', '.');
    assert.equal(code, 2, stderr);
    assert.match(stderr, /Cannot read config: \.shipshape\.yaml is a symbolic link to a file outside the project/);
    assert.match(stdout, /root-user/);
  });

  it('a named config that never ends is refused too', () => {
    const { code, stderr } = run(checkout.project, 'lint', 'Dockerfile', '--config', '.shipshape.yaml');
    assert.equal(code, 2, stderr);
    assert.match(stderr, /outside the project/);
  });
});
