// The CLI features for pre-commit and CI: SARIF (checked by Microsoft's validator), GitHub
// annotations, --fix / --fix-dry-run, --staged from the git index, --max-warnings, --quiet, init.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const MULTITOOL = path.join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const SECRET = 's3cr3t-passw0rd-value';

describe('shipshape CLI for CI and pre-commit', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    ensureFreshDist();
    dir = tempDir('shipshape-ci-');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'compose.secrets.yaml'),
      `services:\n  api:\n    image: node:22\n    environment:\n      DB_PASSWORD: ${SECRET}\n    # shipshape-ignore privileged -- needed for the old driver\n    privileged: true\n`,
    );
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes SARIF 2.1.0 that Microsoft’s SARIF validator accepts without errors', function () {
    // A file outside the working directory too: its location must be an absolute URI (SARIF1004).
    const elsewhere = tempDir('shipshape-ci-elsewhere-');
    fs.writeFileSync(path.join(elsewhere, 'Dockerfile'), 'FROM alpine:latest\nUSER root\n');
    const { stdout } = run(dir, 'lint', '--format', 'sarif', '.', path.join(elsewhere, 'Dockerfile'));
    fs.rmSync(elsewhere, { recursive: true, force: true });
    assert.ok(
      JSON.parse(stdout).runs[0].results.some((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('file:///'),
      ),
    );
    const log = JSON.parse(stdout);
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.ok(driver.rules.length > 40);
    const privileged = driver.rules.find((r: { id: string }) => r.id === 'privileged');
    assert.match(privileged.helpUri, /docs\/rules\/privileged\.md$/);
    assert.equal(privileged.properties['security-severity'], '8.0');
    const results = log.runs[0].results as { ruleId: string; suppressions?: { justification: string }[]; fixes?: unknown[] }[];
    assert.ok(
      results.some((r) => r.fixes && r.fixes.length > 0),
      'fixes are included',
    );
    // GitHub opens an alert for every result, suppressed or not: they are left out unless asked for.
    assert.ok(!results.some((r) => r.ruleId === 'privileged' && r.suppressions));
    const kept = JSON.parse(run(dir, 'lint', '--format', 'sarif', '--keep-suppressed', '.').stdout).runs[0]
      .results as typeof results;
    assert.deepEqual(
      kept.find((r) => r.ruleId === 'privileged' && r.suppressions)!.suppressions![0]!.justification,
      'needed for the old driver',
    );

    if (!fs.existsSync(MULTITOOL)) this.skip();
    // npm 11 does not run the package's chmod postinstall; the binary ships without the x bit.
    fs.chmodSync(MULTITOOL, 0o755);
    const file = path.join(dir, 'out.sarif');
    fs.writeFileSync(file, stdout);
    const validation = spawnSync(
      MULTITOOL,
      ['validate', file, '--output', path.join(dir, 'validation.sarif'), '--log', 'ForceOverwrite'],
      { encoding: 'utf8' },
    );
    assert.equal(validation.status, 0, validation.stdout + validation.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'validation.sarif'), 'utf8'));
    // The validator's log lists rule violations as results; none, not even warnings.
    const problems = (report.runs[0].results as { ruleId: string; level?: string }[]).map(
      (r) => `${r.level ?? 'warning'} ${r.ruleId}`,
    );
    assert.deepEqual(problems, []);
  });

  it('never prints a secret value, in any output format', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const { stdout, stderr } = run(dir, 'lint', '--format', format, 'compose.secrets.yaml');
      assert.ok(stdout.includes('DB_PASSWORD'), `${format} reports the key`);
      assert.ok(!stdout.includes(SECRET) && !stderr.includes(SECRET), `${format} leaks the secret`);
    }
  });

  it('writes GitHub workflow-command annotations with escaped properties', () => {
    const { stdout } = run(dir, 'lint', '--format', 'github', 'examples/compose.yaml');
    assert.match(
      stdout,
      /^::error file=examples\/compose\.yaml,line=33,col=17,endLine=33,endColumn=21,title=Shipshape privileged::Service "admin" runs privileged/m,
    );
    assert.match(stdout, /^::notice file=/m);
    assert.ok(
      stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => /^::(error|warning|notice) /.test(line)),
    );
  });

  it('--fix applies only safe fixes and says how many behaviour-changing ones it left; --unsafe-fixes applies those too', () => {
    const file = path.join(dir, 'examples/compose.yaml');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(path.join(dir, 'examples/Dockerfile.legacy'), 'FROM alpine:3.20\nENV MODE production\nUSER 1000\n');
    try {
      const safe = run(dir, 'lint', '--fix', 'examples');
      assert.match(safe.stderr, /fixed examples\/Dockerfile\.legacy \(1 fix\)/);
      assert.match(safe.stderr, /\d+ fixes that change how an image builds or a container runs were not applied/);
      assert.equal(
        fs.readFileSync(path.join(dir, 'examples/Dockerfile.legacy'), 'utf8'),
        'FROM alpine:3.20\nENV MODE=production\nUSER 1000\n',
      );
      assert.equal(fs.readFileSync(file, 'utf8'), before, 'binding ports and dropping privileges is not a safe fix');

      const dry = run(dir, 'lint', '--fix-dry-run', '--unsafe-fixes', 'examples');
      assert.match(dry.stderr, /^--- a\/examples\/compose\.yaml/m);
      assert.match(dry.stderr, /^-\s+- "3000:3000"$/m);
      assert.match(dry.stderr, /^\+\s+- "127\.0\.0\.1:3000:3000"$/m);
      assert.doesNotMatch(dry.stderr, /were not applied/);
      assert.equal(fs.readFileSync(file, 'utf8'), before, '--fix-dry-run changes nothing');

      assert.equal(run(dir, 'lint', '--unsafe-fixes', 'examples').code, 2, '--unsafe-fixes needs --fix or --fix-dry-run');

      const fixed = run(dir, 'lint', '--fix', '--unsafe-fixes', '--format', 'json', 'examples');
      assert.match(fixed.stderr, /fixed examples\/compose\.yaml/);
      assert.notEqual(fs.readFileSync(file, 'utf8'), before);
      const again = JSON.parse(run(dir, 'lint', '--format', 'json', 'examples').stdout) as {
        messages: { fixable: boolean; suppressed?: unknown }[];
      }[];
      const stillFixable = again.flatMap((f) => f.messages).filter((m) => m.fixable && !m.suppressed);
      assert.deepEqual(stillFixable, [], 'only unfixable findings remain');
    } finally {
      fs.writeFileSync(file, before);
      fs.rmSync(path.join(dir, 'examples/Dockerfile.legacy'), { force: true });
    }
  });

  it('--staged lints what is in the git index, not the working tree', () => {
    const repo = tempDir('shipshape-staged-');
    try {
      git(repo, 'init', '-q');
      fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3\nUSER 1000\n');
      git(repo, 'add', 'Dockerfile');
      // The working tree is now worse than the index: the staged file must be judged, not this one.
      fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:latest\nUSER root\n');
      fs.writeFileSync(path.join(repo, 'compose.yaml'), 'services:\n  a:\n    image: nginx\n    privileged: true\n');
      const clean = run(repo, 'lint', '--staged', '--format', 'json');
      assert.equal(clean.code, 0, clean.stderr);
      const files = JSON.parse(clean.stdout) as { filePath: string; messages: unknown[] }[];
      assert.deepEqual(
        files.map((f) => [path.relative(repo, f.filePath), f.messages.length]),
        [['Dockerfile', 0]],
        'unstaged compose.yaml is not linted',
      );

      fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
      git(repo, 'add', 'Dockerfile');
      fs.writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine:3\nUSER 1000\n');
      const dirty = run(repo, 'lint', '--staged', '--fail-on', 'warning');
      assert.equal(dirty.code, 1);
      assert.match(dirty.stdout, /^Dockerfile:2:1 warning .*\[root-user\]/m);
      assert.equal(run(repo, 'lint', '--staged', '--fix').code, 2, '--staged cannot rewrite the index');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('--max-warnings and --quiet', () => {
    // examples/Dockerfile has warnings and no errors: --fail-on error passes, --max-warnings 0 does not.
    assert.equal(run(dir, 'lint', 'examples/hardened/Dockerfile').code, 0);
    const capped = run(dir, 'lint', '--max-warnings', '0', 'examples/hardened/Dockerfile');
    assert.equal(capped.code, 0, 'no warnings, within the cap');
    const over = run(dir, 'lint', '--fail-on', 'none', '--max-warnings', '1', 'examples/Dockerfile');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings 1/);
    const quiet = run(dir, 'lint', '--quiet', 'examples/compose.yaml', 'examples/Dockerfile');
    assert.doesNotMatch(quiet.stdout, / warning | info /);
    assert.equal(run(dir, 'lint', '--max-warnings', 'many', '.').code, 2);
  });

  it('init writes a commented config that validates, and refuses to overwrite', () => {
    const project = tempDir('shipshape-init-');
    try {
      assert.equal(run(project, 'init').code, 0);
      const text = fs.readFileSync(path.join(project, '.shipshape.yaml'), 'utf8');
      assert.match(text, /^# yaml-language-server: \$schema=\S+\n# Shipshape configuration/);
      fs.writeFileSync(path.join(project, 'Dockerfile'), 'FROM alpine:3.20\nUSER 1000\n');
      const lint = run(project, 'lint', '.');
      assert.equal(lint.stderr, '', 'the generated config has no problems');
      assert.equal(run(project, 'init').code, 2);
      assert.equal(run(project, 'init', '--force').code, 0);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('pre-commit hook and GitHub Action definitions', () => {
  it('parse, and the hook matches the files discovery finds', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      files: string;
      entry: string;
    }[];
    assert.equal(hooks[0]!.id, 'shipshape');
    const files = new RegExp(hooks[0]!.files);
    for (const name of [
      'Dockerfile',
      'api/Dockerfile.prod',
      'web.Dockerfile',
      'Containerfile',
      'compose.yaml',
      'deploy/docker-compose.prod.yml',
    ]) {
      assert.ok(files.test(name), name);
    }
    for (const name of ['README.md', 'values.yaml', 'Dockerfile.md/x']) assert.ok(!files.test(name), name);
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string };
      inputs: Record<string, unknown>;
    };
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.inputs['sarif-file']);
  });
});
