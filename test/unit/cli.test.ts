// The built CLI (dist/cli.js, built by `npm test`) run as a user runs it, on real files.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';

const CLI = path.join(__dirname, '../../dist/cli.js');
const DIGEST = 'sha256:' + 'a'.repeat(64);

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
    severity: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fixable: boolean;
    suppressed?: unknown;
  }[];
  error: string | null;
  skipped?: string;
}

describe('shipshape CLI', function () {
  this.timeout(30_000);
  let root: string;

  before(function () {
    if (!fs.existsSync(CLI)) this.skip();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
    fs.mkdirSync(path.join(root, '.git')); // config discovery stops at the repository root
    write(root, 'api/Dockerfile', 'FROM ubuntu:latest\nRUN echo hi\n');
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
    assert.doesNotMatch(stdout, /hardened\/Dockerfile:/, 'a hardened Dockerfile has no findings');
    assert.match(
      stdout,
      /^binary\/Dockerfile\.bin: skipped: binary file/m,
      'Dockerfile.* is discovered, and a binary one is skipped with a reason',
    );
    assert.doesNotMatch(stdout, /ignored-by-git|node_modules|README/);
  });

  it('writes the JSON shape of DESIGN.md, 1-based, and keeps other files going when one is bad', () => {
    const { code, stdout } = run(root, 'lint', '--format', 'json', '.');
    assert.equal(code, 1);
    const files = JSON.parse(stdout) as JsonFile[];
    const api = files.find((f) => f.filePath === 'api/Dockerfile')!;
    assert.deepEqual(Object.keys(api).sort(), ['error', 'filePath', 'kind', 'messages']);
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
    assert.equal(api.messages.find((m) => m.ruleId === 'root-user')!.fixable, true);
    assert.ok(files.find((f) => f.filePath === 'huge/Dockerfile')!.skipped);
    assert.deepEqual(files.find((f) => f.filePath === 'empty/Dockerfile')!.messages, []);
    assert.ok(files.find((f) => f.filePath === 'broken/compose.yml')!.messages.some((m) => m.ruleId === 'syntax-error'));
  });

  it('exits 0 when nothing reaches --fail-on, and honours the threshold', () => {
    assert.equal(run(root, 'lint', 'hardened').code, 0);
    assert.equal(run(root, 'lint', 'api/Dockerfile').code, 0, 'warnings do not fail by default');
    assert.equal(run(root, 'lint', '--fail-on', 'warning', 'api/Dockerfile').code, 1);
    assert.equal(run(root, 'lint', '--fail-on', 'none', 'compose.yaml').code, 0);
  });

  it('lints a named file of any name with --kind, and errors (exit 2) on one it cannot classify', () => {
    const named = run(root, 'lint', '--kind', 'dockerfile', 'odd/build.docker');
    assert.match(named.stdout, /odd\/build\.docker:1:6 .*\[unpinned-image\]/);
    const unknown = run(root, 'lint', 'odd/build.docker', 'api/Dockerfile');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stdout, /odd\/build\.docker: error Cannot tell whether/);
    assert.match(unknown.stdout, /api\/Dockerfile:1:6/, 'the other file is still linted');
    const missing = run(root, 'lint', 'nope/Dockerfile');
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /No such file or directory/);
  });

  it('lints an explicitly named binary file as skipped, not as a crash', () => {
    const { code, stdout } = run(root, 'lint', '--kind', 'dockerfile', 'binary/Dockerfile.bin');
    assert.equal(code, 0);
    assert.match(stdout, /skipped: binary file/);
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
      assert.equal(json.find((f) => f.filePath === 'vendor/Dockerfile')!.skipped, 'ignored by the config ignore list');

      write(project, '.shipshape.yaml', 'rules:\n  root-user: loud\n');
      const broken = run(project, 'lint', '--format', 'json');
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^\.shipshape\.yaml:2:14 error Rule "root-user": severity must be one of/m);
      assert.doesNotThrow(() => JSON.parse(broken.stdout), 'stdout stays valid JSON');

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
      const message = (JSON.parse(stdout) as JsonFile[])[0]!.messages.find((m) => m.ruleId === 'privileged')!;
      assert.deepEqual(message.suppressed, { kind: 'inline', justification: 'reads host cgroups' });
      assert.match(run(project, 'lint', 'compose.yaml').stdout, /No problems found in 1 file \(1 suppressed\)/);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('lists every rule with `shipshape rules --format json`', () => {
    const { code, stdout } = run(root, 'rules', '--format', 'json');
    assert.equal(code, 0);
    const rules = JSON.parse(stdout) as { id: string; severity: string }[];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULES.map((r) => r.id),
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
  });
});
