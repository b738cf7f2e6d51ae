// The Action's step as GitHub runs it: action.yml's `run` under bash, with the step's `env:` where
// GitHub substitutes the inputs, a fake GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and the bundle at
// GITHUB_ACTION_PATH. Nothing is installed, which is the point.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BAD_DOCKERFILE, cleanEnv, gitEnv, ROOT, run, runOk, snapshotRepository, tempDir, type Run } from './helpers';
import { ensureFreshDist } from '../setup/fresh-dist';

interface Step {
  id?: string;
  shell: string;
  run: string;
  if?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** GitHub's `${{ inputs.x }}` substitution, the only expression the action's env uses. */
function substitute(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    assert.ok(name in action.inputs, `unknown input ${name}`);
    return inputs[name] ?? action.inputs[name]!.default ?? '';
  });
}

interface ActionRun extends Run {
  outputs: Record<string, string>;
  summary: string;
}

function runAction(workspace: string, inputs: Record<string, string> = {}, actionPath = ROOT): ActionRun {
  const scratch = tempDir('action-files');
  const outputFile = path.join(scratch, 'output');
  const summaryFile = path.join(scratch, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  let last: Run | undefined;
  for (const step of action.runs.steps) {
    assert.equal(step.if, undefined, 'the test runs every step: a conditional step needs handling here');
    const env = cleanEnv({
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: workspace,
    });
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(value, inputs);
    last = run(step.shell, ['-e', '-c', step.run], { cwd: workspace, env });
  }
  const outputs: Record<string, string> = {};
  const text = fs.readFileSync(outputFile, 'utf8');
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  const summary = fs.readFileSync(summaryFile, 'utf8');
  fs.rmSync(scratch, { recursive: true, force: true });
  return { ...last!, outputs, summary };
}

/** Twelve privileged services: more error annotations than GitHub shows for one step. */
function manyErrors(): string {
  let text = 'services:\n';
  for (let i = 1; i <= 12; i++) text += `  svc${i}:\n    image: nginx:1.27\n    privileged: true\n`;
  text +=
    '  proxy:\n    image: traefik:3.1\n    # shipshape-ignore privileged -- reads host cgroups (SEC-1)\n    privileged: true\n';
  return text;
}

describe('GitHub Action (action.yml step, run locally)', function () {
  this.timeout(120_000);
  let workspace: string;

  before(() => {
    ensureFreshDist();
    workspace = tempDir('action-workspace');
    fs.writeFileSync(path.join(workspace, 'compose.yaml'), manyErrors());
    fs.mkdirSync(path.join(workspace, 'my app'));
    fs.writeFileSync(path.join(workspace, 'my app', 'Dockerfile'), BAD_DOCKERFILE);
  });

  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('is a composite action that installs nothing and never puts an input into a script', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) {
      assert.doesNotMatch(step.run, /\$\{\{/, `step "${step.id}" interpolates an expression into its script`);
      assert.doesNotMatch(step.run, /\bnpm\b|\bnpx\b|yarn|pnpm/, 'the action runs the bundle; it installs nothing');
    }
    for (const name of ['paths', 'config', 'format', 'fail-on', 'sarif-file']) assert.ok(action.inputs[name], `input ${name}`);
    for (const name of ['findings', 'errors', 'warnings', 'sarif-file'])
      assert.match(action.outputs[name]!.value, /steps\.lint\.outputs/, `output ${name}`);
  });

  it('fails on errors, annotates, and lists every finding in the job summary when annotations are capped', () => {
    const result = runAction(workspace, { paths: '.', 'sarif-file': 'reports/shipshape.sarif' });
    assert.equal(result.status, 1, result.output);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error '));
    assert.equal(errors.length, 13, result.stdout); // 12 privileged services and the Dockerfile's COPY
    assert.equal(result.outputs.errors, '13');
    assert.equal(result.outputs.suppressed, '1');
    assert.equal(result.outputs['exit-code'], '1');
    assert.ok(Number(result.outputs.findings) > 13, JSON.stringify(result.outputs));
    assert.match(result.summary, /GitHub shows at most 10 annotations/);
    for (let i = 1; i <= 12; i++) assert.match(result.summary, new RegExp(`Service "svc${i}" runs privileged`));
    assert.match(result.summary, /`my app\/Dockerfile:2:\d+` \| copy-args-slash/);
    assert.match(result.summary, /1 suppressed with a reason/);
    // The SARIF file: written where asked, its path an output, the suppressed finding left out.
    const sarifPath = result.outputs['sarif-file']!;
    assert.equal(sarifPath, path.join(fs.realpathSync(workspace), 'reports/shipshape.sarif'));
    const sarif = JSON.parse(fs.readFileSync(sarifPath, 'utf8')) as { runs: { results: { suppressions?: unknown[] }[] }[] };
    assert.equal(sarif.runs[0]!.results.filter((r) => r.suppressions?.length).length, 0);
    const privileged = sarif.runs[0]!.results.filter((r) => JSON.stringify(r).includes('"privileged"'));
    assert.equal(privileged.length, 12, 'the suppressed privileged finding on proxy is not uploaded');
  });

  it('takes paths with spaces one per line, and the config, format and fail-on inputs', () => {
    fs.writeFileSync(path.join(workspace, 'quiet.yaml'), 'rules:\n  copy-args-slash: off\n');
    const result = runAction(workspace, {
      paths: 'my app/Dockerfile\n',
      config: 'quiet.yaml',
      format: 'compact',
      'fail-on': 'warning',
    });
    assert.equal(result.status, 1, result.output); // root-user is a warning
    assert.match(result.stdout, /^my app\/Dockerfile:3:1 warning .*\[root-user\]$/m);
    assert.doesNotMatch(result.stdout, /copy-args-slash/);
    assert.equal(result.outputs.errors, '0');
    assert.equal(result.outputs.warnings, '1');
    assert.equal(result.outputs['sarif-file'], '');
  });

  it('passes inputs as data: a path that looks like shell or an option is only a path', () => {
    const result = runAction(workspace, { paths: '$(touch pwned) `touch pwned2` --fix', format: 'text' });
    assert.equal(result.status, 2, result.output);
    assert.match(result.output, /No such file or directory: \$\(touch/);
    assert.match(result.output, /No such file or directory: --fix/);
    assert.ok(!fs.existsSync(path.join(workspace, 'pwned')) && !fs.existsSync(path.join(workspace, 'pwned2')));
  });

  it('runs from a release tag made as the README says, with nothing installed', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const command = /`(node esbuild\.mjs --production && git switch --detach[^`]*)`/.exec(readme)?.[1];
    assert.ok(command, 'README.md has the release command');
    const source = snapshotRepository();
    const checkout = tempDir('action-tag');
    try {
      // The build needs the devDependencies; the tag's checkout below has none.
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source.dir, 'node_modules'));
      runOk('bash', ['-e', '-c', command], { cwd: source.dir, env: gitEnv() });
      fs.rmSync(checkout, { recursive: true });
      runOk('git', ['clone', '-q', '--branch', 'v0.1.0', source.dir, checkout], { cwd: source.dir, env: gitEnv() });
      assert.ok(!fs.existsSync(path.join(checkout, 'node_modules')));
      const result = runAction(workspace, { paths: 'my app/Dockerfile\n' }, checkout);
      assert.equal(result.status, 1, result.output);
      assert.match(result.stdout, /^::error file=my app\/Dockerfile,line=2,.*copy-args-slash/m);
    } finally {
      fs.rmSync(source.dir, { recursive: true, force: true });
      fs.rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('says what to do when the bundle is missing (a branch, not a release tag)', () => {
    const empty = tempDir('action-no-dist');
    try {
      fs.mkdirSync(path.join(empty, 'scripts'));
      fs.copyFileSync(path.join(ROOT, 'scripts/github-action.mjs'), path.join(empty, 'scripts/github-action.mjs'));
      const result = runAction(workspace, {}, empty);
      assert.equal(result.status, 2);
      assert.match(result.stdout, /^::error title=Shipshape::.*dist\/cli\.js is missing.*release tag/m);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format with an annotation', () => {
    const result = runAction(workspace, { format: 'xml; rm -rf /' });
    assert.equal(result.status, 2);
    assert.match(result.stdout, /^::error title=Shipshape::format must be one of/m);
  });
});
