// The report formats, each read by what consumes it: ESLint's own formatter for the JSON, an XML
// parser for JUnit and Checkstyle, the shapes GitLab and reviewdog document; plus standard input
// and --output-file. The CLI runs in this process (main() with captured streams).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { main } from '../../server/src/cli/main';
import { FORMAT_NAMES } from '../../server/src/cli/formats';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function lintIn(cwd: string, args: string[], stdin?: string): Ran {
  let stdout = '';
  let stderr = '';
  const code = main(['lint', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
    cwd,
    readStdin: () => stdin ?? '',
  });
  assert.equal(typeof code, 'number');
  return { code: code as number, stdout, stderr };
}

// sax ships with the toolchain (through @vscode/vsce); strict mode rejects any malformed XML.
function assertWellFormedXml(xml: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sax = require('sax') as { parser(strict: boolean): { onerror: (e: Error) => void; write(s: string): { close(): void } } };
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
}

describe('report formats', function () {
  this.timeout(30_000);
  let dir: string;
  let outside: string;

  before(() => {
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-formats-')));
    dir = path.join(base, 'repo');
    outside = path.join(base, 'elsewhere');
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM ubuntu:latest\nENV MODE production\nUSER root\nMAINTAINER a <b>\n');
    fs.writeFileSync(
      path.join(dir, 'compose.yaml'),
      'services:\n  web:\n    image: nginx:1.27\n    # shipshape-ignore privileged -- vendor driver\n    privileged: true\n    ports: ["8080:80"]\n    user: "\u001b]52;c;aGk=\u0007<&>"\n',
    );
    fs.writeFileSync(path.join(outside, 'Dockerfile'), 'FROM alpine:latest\nUSER 10001\n');
  });
  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('has one module behind one table for every format it documents', () => {
    assert.deepEqual(FORMAT_NAMES, ['text', 'compact', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle', 'rdjson']);
    const help = (() => {
      let out = '';
      main(['lint', '--help'], { stdout: (t) => (out += t), stderr: () => undefined, isTTY: false, env: {}, cwd: dir });
      return out;
    })();
    for (const name of FORMAT_NAMES) assert.match(help, new RegExp(`^\\s+${name}\\s`, 'm'), `--help lists ${name}`);
  });

  it("writes ESLint's result format, which ESLint's own stylish formatter prints", async () => {
    const { stdout } = lintIn(dir, ['--format', 'json', '.']);
    const results = JSON.parse(stdout) as ESLint.LintResult[];
    const dockerfile = results.find((r) => r.filePath === path.join(dir, 'Dockerfile'))!;
    assert.ok(dockerfile, 'filePath is absolute, as ESLint writes it');
    for (const key of ['errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount'] as const)
      assert.equal(typeof dockerfile[key], 'number', key);
    assert.ok(dockerfile.messages.every((m) => m.severity === 1 || m.severity === 2));
    assert.equal(dockerfile.warningCount + dockerfile.errorCount, dockerfile.messages.length);
    // The safe legacy ENV fix becomes an ESLint fix in character offsets; applying it gives ENV MODE=production.
    const legacy = dockerfile.messages.find((m) => m.ruleId === 'legacy-env-format')!;
    const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const fixed = text.slice(0, legacy.fix!.range[0]) + legacy.fix!.text + text.slice(legacy.fix!.range[1]);
    assert.match(fixed, /^ENV MODE=production$/m);
    assert.ok(dockerfile.fixableWarningCount >= 1);
    // Behaviour-changing fixes are suggestions, not fixes `eslint --fix`-style tools would apply.
    const root = dockerfile.messages.find((m) => m.ruleId === 'root-user')!;
    assert.equal(root.fix, undefined);
    const compose = results.find((r) => r.filePath.endsWith('compose.yaml'))!;
    assert.deepEqual(
      compose.suppressedMessages.map((m) => [m.ruleId, m.suppressions]),
      [['privileged', [{ kind: 'directive', justification: 'vendor driver' }]]],
    );
    assert.ok(!compose.messages.some((m) => m.ruleId === 'privileged'), 'suppressed findings are not active messages');

    const stylish = await new ESLint().loadFormatter('stylish');
    const printed = await stylish.format(results);
    assert.match(printed, /Dockerfile/);
    assert.match(printed, /legacy-env-format/);
    const total = results.reduce((n, r) => n + r.messages.length, 0);
    assert.match(printed, new RegExp(`${total} problems? \\(\\d+ errors?, \\d+ warnings?\\)`));
  });

  it('reports a file it cannot lint as a fatal ESLint message', () => {
    const { stdout, code } = lintIn(dir, ['--format', 'json', 'missing.Dockerfile']);
    assert.equal(code, 2);
    const [missing] = JSON.parse(stdout) as ESLint.LintResult[];
    assert.equal(missing!.fatalErrorCount, 1);
    assert.equal(missing!.messages[0]!.fatal, true);
  });

  it('writes SARIF with absolute file URIs outside the working directory, fingerprints and automation details, and leaves suppressed findings out', () => {
    const { stdout } = lintIn(dir, ['--format', 'sarif', '.', path.join(outside, 'Dockerfile')]);
    const run = JSON.parse(stdout).runs[0];
    const uris = run.results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) =>
        r.locations[0]!.physicalLocation.artifactLocation,
    );
    assert.ok(uris.some((u: { uri: string; uriBaseId?: string }) => u.uri === 'Dockerfile' && u.uriBaseId === 'SRCROOT'));
    assert.ok(
      uris.some(
        (u: { uri: string; uriBaseId?: string }) => u.uri === `file://${outside}/Dockerfile` && u.uriBaseId === undefined,
      ),
    );
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${dir}/`);
    assert.equal(run.automationDetails.id, 'shipshape/');
    const prints = run.results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['shipshapeFindingHash/v1'],
    );
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique');
    assert.ok(!run.results.some((r: { ruleId: string }) => r.ruleId === 'privileged'), 'GitHub would open an alert for it');
    assert.equal(run.invocations[0].properties.suppressedResultsLeftOut, 1);
  });

  it('keeps SARIF fingerprints stable when lines are added above a finding', () => {
    const first = JSON.parse(lintIn(dir, ['--format', 'sarif', 'Dockerfile']).stdout).runs[0].results;
    const moved = path.join(dir, 'moved');
    fs.mkdirSync(moved);
    fs.writeFileSync(path.join(moved, 'Dockerfile'), '# a comment\n\n' + fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'));
    const second = JSON.parse(lintIn(moved, ['--format', 'sarif', 'Dockerfile']).stdout).runs[0].results;
    fs.rmSync(moved, { recursive: true });
    const prints = (results: { ruleId: string; partialFingerprints: Record<string, string> }[]) =>
      results.map((r) => `${r.ruleId} ${r.partialFingerprints['shipshapeFindingHash/v1']}`).sort();
    assert.deepEqual(prints(second), prints(first));
  });

  it('writes a GitLab Code Quality report', () => {
    const issues = JSON.parse(lintIn(dir, ['--format', 'gitlab', '.']).stdout) as Record<string, unknown>[];
    assert.ok(issues.length > 3);
    for (const issue of issues) {
      assert.equal(typeof issue.description, 'string');
      assert.equal(typeof issue.check_name, 'string');
      assert.match(issue.fingerprint as string, /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity as string));
      const location = issue.location as { path: string; lines: { begin: number } };
      assert.ok(location.path === 'Dockerfile' || location.path === 'compose.yaml');
      assert.ok(location.lines.begin >= 1);
    }
  });

  it('writes well-formed JUnit and Checkstyle XML, control characters and all', () => {
    const junit = lintIn(dir, ['--format', 'junit', '--fail-on', 'warning', '.']).stdout;
    assertWellFormedXml(junit);
    assert.match(junit, /<testsuites name="shipshape" tests="\d+" failures="[1-9]\d*"/);
    assert.match(junit, /<failure message="[^"]*" type="warning">/);
    assert.match(junit, /<system-out>Dockerfile:\d+:\d+ info /, 'findings below --fail-on pass, with their message');
    assert.doesNotMatch(junit, /\u001b/);
    const checkstyle = lintIn(dir, ['--format', 'checkstyle', '.']).stdout;
    assertWellFormedXml(checkstyle);
    assert.match(
      checkstyle,
      /<file name="Dockerfile">\n\s+<error line="\d+" column="\d+" severity="(error|warning|info)" message="[^"]+" source="shipshape\.[a-z-]+"\/>/,
    );
    assert.doesNotMatch(checkstyle, /\u001b|\u0007/);
  });

  it("writes reviewdog's rdjson with rule links and suggestions for safe fixes", () => {
    const report = JSON.parse(lintIn(dir, ['--format', 'rdjson', 'Dockerfile']).stdout) as {
      source: { name: string };
      diagnostics: {
        code: { value: string; url: string };
        severity: string;
        suggestions?: { text: string }[];
        location: { path: string; range: { start: { line: number; column: number } } };
      }[];
    };
    assert.equal(report.source.name, 'shipshape');
    const legacy = report.diagnostics.find((d) => d.code.value === 'legacy-env-format')!;
    assert.deepEqual(
      legacy.suggestions!.map((s) => s.text),
      ['=production'],
    );
    assert.equal(legacy.location.path, 'Dockerfile');
    assert.match(legacy.code.url, /legacy-env-format\.md$/);
    assert.ok(report.diagnostics.every((d) => ['ERROR', 'WARNING', 'INFO'].includes(d.severity)));
  });

  it('lints standard input as the file --stdin-filename names', () => {
    const ran = lintIn(
      dir,
      ['-', '--stdin-filename', 'api/Dockerfile', '--format', 'compact'],
      'FROM ubuntu:latest\nUSER root\n',
    );
    assert.match(ran.stdout, /^api\/Dockerfile:2:1 warning .*\[root-user\]$/m);
    assert.equal(lintIn(dir, ['-', '--kind', 'compose'], 'services:\n  a:\n    image: x\n    privileged: true\n').code, 1);
    assert.equal(lintIn(dir, ['-'], 'FROM x\n').code, 2, 'without a name or --kind the kind is unknown');
    assert.equal(lintIn(dir, ['-', 'Dockerfile'], '').code, 2);
  });

  it('--output-file writes the report, and never through a symlink', () => {
    const report = path.join(dir, 'report.sarif');
    const ran = lintIn(dir, ['--format', 'sarif', '--output-file', 'report.sarif', 'Dockerfile']);
    assert.equal(ran.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(report, 'utf8')).version, '2.1.0');
    const target = path.join(outside, 'victim');
    fs.writeFileSync(target, 'keep me\n');
    fs.symlinkSync(target, path.join(dir, 'linked.sarif'));
    const refused = lintIn(dir, ['--format', 'sarif', '--output-file', 'linked.sarif', 'Dockerfile']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /cannot write --output-file: linked\.sarif is a symbolic link/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep me\n');
  });
});
