// The CLI on real files: in process in `npm test`, as `node dist/cli.js` in
// `npm run test:integration` (test/setup/run-cli.ts).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { prepareCli, runCli } from '../setup/run-cli';

const DIGEST = 'sha256:' + 'a'.repeat(64);

function run(cwd: string, ...args: string[]) {
  const result = runCli(cwd, args, { ...process.env, NO_COLOR: '1' });
  return { ...result, stdout: asRelative(cwd, args, result.stdout) };
}

// JSON reports absolute paths, as ESLint does; these tests compare paths relative to where the CLI ran.
function asRelative(cwd: string, args: string[], stdout: string): string {
  if (args[0] !== 'lint' || !args.includes('json') || !stdout.startsWith('[')) return stdout;
  const files = JSON.parse(stdout) as { filePath: string }[];
  for (const file of files) file.filePath = path.relative(cwd, file.filePath).split(path.sep).join('/');
  return JSON.stringify(files);
}

function write(root: string, file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

interface JsonFile {
  filePath: string;
  kind: string | null;
  messages: {
    ruleId: string;
    severity: number;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fixable: boolean;
    unsafeFix?: boolean;
    suppressed?: unknown;
  }[];
  error: string | null;
  skipped?: string;
}

describe('shipshape CLI', function () {
  this.timeout(30_000);
  let root: string;

  before(function () {
    prepareCli();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
    fs.mkdirSync(path.join(root, '.git')); // config discovery stops at the repository root
    // An app image (it has a CMD of its own): root-user warns; a base image would be info.
    write(root, 'api/Dockerfile', 'FROM ubuntu:latest\nRUN echo hi\nCMD ["/usr/local/bin/api"]\n');
    write(
      root,
      'hardened/Dockerfile',
      `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}\nCOPY app /app\nENTRYPOINT ["/app"]\n`,
    );
    write(root, 'compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_drop: [ALL]\n');
    write(root, 'broken/compose.yml', 'services:\n  web:\n    image: [nginx\n');
    write(root, 'empty/Dockerfile', '');
    write(root, 'binary/Dockerfile.bin', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0xff, 0xfe]));
    write(root, 'huge/Dockerfile', 'FROM alpine:3.20\n' + 'RUN echo 0123456789012345678901234567890123456789\n'.repeat(110_000));
    write(root, 'ignored-by-git/Dockerfile', 'FROM ubuntu:latest\n');
    write(root, '.gitignore', 'ignored-by-git/\n');
    write(root, 'node_modules/pkg/Dockerfile', 'FROM ubuntu:latest\n');
    write(root, 'README.md', '# not linted\n');
    write(root, 'odd/build.docker', 'FROM ubuntu:latest\n');
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('lints a folder: findings with path:line:col severity message [rule] and a summary; exit 1 on errors', () => {
    const { code, stdout, stderr } = run(root, 'lint', '.');
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^api\/Dockerfile:1:6 warning Image "ubuntu:latest" uses the "latest" tag.* \[unpinned-image\]$/m);
    assert.match(stdout, /^api\/Dockerfile:1:1 warning .* \[root-user\]$/m);
    assert.match(stdout, /^compose\.yaml:4:17 error .* \[privileged\]$/m);
    assert.match(stdout, /^broken\/compose\.yml:\d+:\d+ error .* \[syntax-error\]$/m);
    assert.match(stdout, /^huge\/Dockerfile: skipped: file is 5\.\d MB, over the 2\.0 MB limit/m);
    assert.match(stdout, /^✖ \d+ problems \(\d+ errors?, \d+ warnings?.*\) in \d+ files, \d+ files linted$/m);
    // privileged and root-user have fixes, but only ones that change behaviour.
    assert.match(stdout, /^ {2}\d+ fixable with --fix --unsafe-fixes \(those change how the image builds or the container runs/m);
    assert.doesNotMatch(stdout, /hardened\/Dockerfile:/, 'a hardened Dockerfile has no findings');
    assert.match(
      stdout,
      /^binary\/Dockerfile\.bin: skipped: binary file/m,
      'Dockerfile.* is discovered, and a binary one is skipped with a reason',
    );
    assert.doesNotMatch(stdout, /ignored-by-git|node_modules|README/);
    // Finding lines, skip notices, code frames (`  12 | source` / `     | ^^^`) and blank lines between files.
    const summary = (line: string) => /^✖ /.test(line) || /^ {2}\d+ fixable with --fix/.test(line);
    for (const line of stdout
      .trimEnd()
      .split('\n')
      .filter((line) => !summary(line))) {
      assert.match(
        line,
        /^(?:[^:\s]+(?::\d+:\d+ (?:error|warning|info|hint) .+ \[[a-z-]+\]|: skipped: .+)| {2}\d+ \| .*|  +\| +\^+|)$/,
        line,
      );
    }
    const compact = run(root, 'lint', '--format', 'compact', '.').stdout;
    for (const line of compact
      .trimEnd()
      .split('\n')
      .filter((line) => !summary(line))) {
      assert.match(line, /^[^:\s]+(?::\d+:\d+ (?:error|warning|info|hint) .+ \[[a-z-]+\]|: skipped: .+)$/, line);
    }
    assert.match(stdout, /^ {2}1 \| FROM ubuntu:latest\n {4}\| {6}\^{13}$/m, 'a code frame underlines the image');
  });

  it('honours nested .gitignore files, the repository one above a named folder, and negation', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-gitignore-'));
    try {
      fs.mkdirSync(path.join(project, '.git'));
      write(project, '.gitignore', 'generated/\n*.local.yaml\n');
      write(project, 'svc/.gitignore', 'Dockerfile.tmp\n!compose.keep.local.yaml\n');
      for (const file of [
        'svc/Dockerfile',
        'svc/Dockerfile.tmp',
        'svc/generated/Dockerfile',
        'svc/compose.dev.local.yaml',
        'svc/compose.keep.local.yaml',
      ])
        write(project, file, file.endsWith('.yaml') ? 'services:\n  a:\n    image: nginx:1.27\n' : 'FROM alpine:3.20\n');
      fs.symlinkSync(path.join(project, 'svc'), path.join(project, 'link-to-svc'));
      const listed = (cwd: string, ...args: string[]) =>
        (JSON.parse(run(cwd, 'lint', '--format', 'json', ...args).stdout) as JsonFile[]).map((f) => f.filePath);
      const expected = ['svc/Dockerfile', 'svc/compose.keep.local.yaml'];
      assert.deepEqual(listed(project), expected, 'symlinked folders are not followed');
      assert.deepEqual(listed(project, 'svc'), expected, 'the root .gitignore applies to a named subfolder');
      assert.deepEqual(listed(path.join(project, 'svc'), '.'), ['Dockerfile', 'compose.keep.local.yaml']);
      assert.equal(listed(project, '--no-ignore', 'svc').length, 5);
      assert.deepEqual(listed(project, 'svc/Dockerfile.tmp'), ['svc/Dockerfile.tmp'], 'a named file is always linted');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('reports a path that is not a regular file, without blocking on it', function () {
    const fifo = path.join(root, 'fifo/Dockerfile');
    fs.mkdirSync(path.dirname(fifo), { recursive: true });
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    try {
      const named = run(root, 'lint', 'fifo/Dockerfile', 'api/Dockerfile');
      assert.equal(named.code, 2);
      assert.match(named.stdout, /^fifo\/Dockerfile: error Not a regular file/m);
      assert.match(named.stdout, /^api\/Dockerfile:1:6/m);
      assert.doesNotMatch(run(root, 'lint', 'fifo').stdout, /fifo\/Dockerfile/, 'a walk ignores it');
    } finally {
      fs.rmSync(path.dirname(fifo), { recursive: true, force: true });
    }
  });

  it('warns about a folder it cannot read and lints the rest', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const locked = path.join(root, 'locked');
    write(root, 'locked/Dockerfile', 'FROM ubuntu:latest\n');
    fs.chmodSync(locked, 0o000);
    try {
      const { code, stdout, stderr } = run(root, 'lint', '--fail-on', 'none', '.');
      assert.equal(code, 0);
      assert.match(stderr, /warning: cannot read folder .*locked/);
      assert.match(stdout, /^api\/Dockerfile:/m);
    } finally {
      fs.chmodSync(locked, 0o755);
      fs.rmSync(locked, { recursive: true, force: true });
    }
  });

  it('writes the JSON shape of DESIGN.md, 1-based, and keeps other files going when one is bad', () => {
    const { code, stdout } = run(root, 'lint', '--format', 'json', '.');
    assert.equal(code, 1);
    const files = JSON.parse(stdout) as JsonFile[];
    const api = files.find((f) => f.filePath === 'api/Dockerfile')!;
    assert.deepEqual(Object.keys(api).sort(), [
      'error',
      'errorCount',
      'fatalErrorCount',
      'filePath',
      'fixableErrorCount',
      'fixableWarningCount',
      'kind',
      'messages',
      'suppressedMessages',
      'usedDeprecatedRules',
      'warningCount',
    ]);
    for (const message of files.flatMap((f) => f.messages)) {
      assert.deepEqual(
        Object.keys(message).filter((key) => !['unsafeFix', 'fix', 'suggestions'].includes(key)),
        ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'shipshapeSeverity', 'fixable'],
      );
      assert.ok(message.severity === 1 || message.severity === 2, 'ESLint severities');
      if ('unsafeFix' in message) assert.equal(message.unsafeFix, true, 'unsafeFix is present only when true');
      assert.ok(message.line >= 1 && message.column >= 1 && message.endLine >= message.line);
    }
    assert.deepEqual(
      files.map((f) => f.filePath),
      [...files.map((f) => f.filePath)].sort(),
      'deterministic, sorted order',
    );
    assert.equal(api.kind, 'dockerfile');
    assert.equal(api.error, null);
    const unpinned = api.messages.find((m) => m.ruleId === 'unpinned-image')!;
    assert.deepEqual(
      {
        line: unpinned.line,
        column: unpinned.column,
        endLine: unpinned.endLine,
        endColumn: unpinned.endColumn,
        fixable: unpinned.fixable,
      },
      { line: 1, column: 6, endLine: 1, endColumn: 19, fixable: false },
    );
    const rootUser = api.messages.find((m) => m.ruleId === 'root-user')!;
    assert.equal(rootUser.fixable, true);
    assert.equal(rootUser.unsafeFix, true, 'inserting USER changes how the container runs');
    assert.ok(files.find((f) => f.filePath === 'huge/Dockerfile')!.skipped);
    assert.deepEqual(files.find((f) => f.filePath === 'empty/Dockerfile')!.messages, []);
    assert.ok(files.find((f) => f.filePath === 'broken/compose.yml')!.messages.some((m) => m.ruleId === 'syntax-error'));
  });

  it('exits 0 when nothing reaches --fail-on, and honours the threshold', () => {
    assert.equal(run(root, 'lint', 'hardened').code, 0);
    assert.equal(run(root, 'lint', 'api/Dockerfile').code, 0, 'warnings do not fail by default');
    assert.equal(run(root, 'lint', '--fail-on', 'warning', 'api/Dockerfile').code, 1);
    assert.equal(run(root, 'lint', '--fail-on', 'none', 'compose.yaml').code, 0);
    assert.equal(run(root, 'lint', '--fail-on', 'hint', 'hardened').code, 0);
  });

  it('lints a named file of any name with --kind, and errors (exit 2) on one it cannot classify', () => {
    const named = run(root, 'lint', '--kind', 'dockerfile', 'odd/build.docker');
    assert.match(named.stdout, /odd\/build\.docker:1:6 .*\[unpinned-image\]/);
    const unknown = run(root, 'lint', 'odd/build.docker', 'api/Dockerfile');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stdout, /odd\/build\.docker: error Cannot tell whether/);
    assert.match(unknown.stdout, /api\/Dockerfile:1:6/, 'the other file is still linted');
    const missing = run(root, 'lint', '--format', 'json', 'nope/Dockerfile', 'compose.yaml');
    assert.equal(missing.code, 2, 'errors take precedence over findings');
    const [nope, compose] = JSON.parse(missing.stdout) as JsonFile[];
    assert.match(nope!.error!, /No such file or directory/);
    assert.equal(nope!.kind, null);
    assert.ok(
      compose!.messages.some((m) => m.ruleId === 'privileged'),
      'the other file is still linted',
    );
  });

  it('lints explicitly named binary, huge and empty files without crashing', () => {
    const { code, stdout } = run(root, 'lint', '--kind', 'dockerfile', 'binary/Dockerfile.bin');
    assert.equal(code, 0);
    assert.match(stdout, /skipped: binary file/);
    const huge = run(root, 'lint', '--format', 'json', 'huge/Dockerfile', 'empty/Dockerfile');
    assert.equal(huge.code, 0);
    const [big, empty] = JSON.parse(huge.stdout) as JsonFile[];
    assert.deepEqual(big!.messages, []);
    assert.match(big!.skipped!, /^file is 5\.\d MB, over the 2\.0 MB limit \(maxFileSize\); not linted$/);
    assert.deepEqual(empty!.messages, []);
    assert.equal(empty!.error, null);
  });

  it('applies the nearest .shipshape.yaml: rules, ignore, and reports config errors with exit 2', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-config-'));
    try {
      fs.mkdirSync(path.join(project, '.git'));
      write(project, 'Dockerfile', 'FROM ubuntu:latest\n');
      write(project, 'vendor/Dockerfile', 'FROM ubuntu:latest\n');
      write(project, '.shipshape.yaml', 'rules:\n  root-user: off\nignore: ["vendor/**"]\n');
      const json = JSON.parse(run(project, 'lint', '--format', 'json').stdout) as JsonFile[];
      const main = json.find((f) => f.filePath === 'Dockerfile')!;
      assert.deepEqual(
        main.messages.map((m) => m.ruleId),
        ['unpinned-image'],
      );
      assert.deepEqual(
        json.map((f) => f.filePath),
        ['Dockerfile'],
        'a walked file the config ignores is left out',
      );
      const named = JSON.parse(run(project, 'lint', '--format', 'json', 'vendor/Dockerfile').stdout) as JsonFile[];
      assert.match(named[0]!.skipped!, /^ignored by the config ignore list/, 'a named file (pre-commit) still obeys it');
      const forcedIn = JSON.parse(run(project, 'lint', '--format', 'json', '--no-ignore').stdout) as JsonFile[];
      assert.deepEqual(
        forcedIn.map((f) => f.filePath),
        ['Dockerfile', 'vendor/Dockerfile'],
      );
      // From a subfolder, the repository's config still applies (lookup stops at the git root).
      write(project, 'sub/Dockerfile', 'FROM ubuntu:latest\n');
      const fromSub = JSON.parse(run(path.join(project, 'sub'), 'lint', '--format', 'json').stdout) as JsonFile[];
      assert.deepEqual(
        fromSub[0]!.messages.map((m) => m.ruleId),
        ['unpinned-image'],
      );

      write(project, '.shipshape.yaml', 'rules:\n  root-user: loud\n');
      const broken = run(project, 'lint', '--format', 'json');
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^\.shipshape\.yaml:2:14 error Rule "root-user": severity must be one of/m);
      assert.doesNotThrow(() => JSON.parse(broken.stdout), 'stdout stays valid JSON');
      assert.ok(
        (JSON.parse(broken.stdout) as JsonFile[]).some((f) => f.messages.some((m) => m.ruleId === 'root-user')),
        'a broken setting keeps its default: checks stay on',
      );

      const missingConfig = run(project, 'lint', '--config', 'nope.yaml', '--format', 'json', 'Dockerfile');
      assert.equal(missingConfig.code, 2);
      assert.match(missingConfig.stderr, /^nope\.yaml:1:1 error Cannot read config/m);
      assert.doesNotThrow(() => JSON.parse(missingConfig.stdout));

      write(project, 'other.yaml', 'rules:\n  unpinned-image: off\n');
      const forced = JSON.parse(
        run(project, 'lint', '--config', 'other.yaml', '--format', 'json', 'Dockerfile').stdout,
      ) as JsonFile[];
      assert.deepEqual(
        forced[0]!.messages.map((m) => m.ruleId),
        ['root-user'],
      );
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('keeps suppressed findings in JSON with their reason, and never fails on them', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-suppress-'));
    try {
      write(
        project,
        'compose.yaml',
        'services:\n  proxy:\n    image: traefik:v3.2\n    cap_drop: [ALL]\n    # shipshape-ignore privileged -- reads host cgroups\n    privileged: true\n',
      );
      const { code, stdout } = run(project, 'lint', '--format', 'json', 'compose.yaml');
      assert.equal(code, 0);
      const [file] = JSON.parse(stdout) as (JsonFile & { suppressedMessages: { ruleId: string; suppressions: unknown }[] })[];
      assert.ok(!file!.messages.some((m) => m.ruleId === 'privileged'), 'not an active message');
      const message = file!.suppressedMessages.find((m) => m.ruleId === 'privileged')!;
      assert.deepEqual(message.suppressions, [{ kind: 'directive', justification: 'reads host cgroups' }]);
      // Other rules (info by default) may report on this service; only privileged is suppressed.
      const text = run(project, 'lint', 'compose.yaml').stdout;
      assert.doesNotMatch(text, /\[privileged\]/);
      assert.match(text, /\(1 suppressed\)$/m);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('lists every rule with `shipshape rules --format json`', () => {
    const { code, stdout } = run(root, 'rules', '--format', 'json');
    assert.equal(code, 0);
    const rules = JSON.parse(stdout) as { id: string; severity: string; fix: string | null }[];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULES.map((r) => r.id),
    );
    const fixOf = (id: string) => rules.find((r) => r.id === id)!.fix;
    assert.deepEqual(
      [fixOf('legacy-env-format'), fixOf('privileged'), fixOf('pipe-to-shell')],
      ['safe', 'changes-behaviour', null],
    );
    assert.match(run(root, 'rules').stdout, /^root-user\s+warning\s+dockerfile,compose\s+Container runs as root$/m);
  });

  it('prints the version and usage, and rejects unknown options with exit 2', () => {
    assert.match(run(root, '--version').stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(run(root, 'lint', '--help').stdout, /--fail-on/);
    const bad = run(root, 'lint', '--frobnicate');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown option '--frobnicate'/);
    assert.equal(run(root, 'lint', '--format', 'xml').code, 2);
    assert.equal(run(root, 'bogus').code, 2);
    assert.equal(run(root, '--fail-on', 'warning').code, 2, 'an option before the command is a usage error');
    assert.equal(run(root, 'lint', '--fail-on', 'loud').code, 2);
    const bare = run(root);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^Usage: shipshape/);
  });
});
