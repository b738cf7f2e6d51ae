// The hook as users get it: the real pre-commit tool (Debian's package) installs it from a git
// repository of this project (`language: node`: npm install, npm pack, npm install -g of the
// tarball in pre-commit's own cache) and runs it on `git commit`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureInstalled } from '../registry/local-registry';
import {
  BAD_COMPOSE,
  BAD_DOCKERFILE,
  CLEAN_DOCKERFILE,
  gitEnv,
  run,
  runOk,
  snapshotRepository,
  tempDir,
  WARNING_DOCKERFILE,
  type Run,
} from './helpers';

const PRE_COMMIT = '/usr/bin/pre-commit';

describe('pre-commit hook (real pre-commit, git commit)', function () {
  this.timeout(600_000);
  const cleanup: string[] = [];
  let project: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    await ensureInstalled(PRE_COMMIT, 'pre-commit');
    const source = snapshotRepository();
    cleanup.push(source.dir);
    project = tempDir('precommit-project');
    cleanup.push(project);
    const home = tempDir('precommit-home');
    cleanup.push(home);
    // pre-commit's cache (the cloned hook repository and its node environment) stays in the test.
    env = gitEnv({ PRE_COMMIT_HOME: home });
    runOk('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: project, env });
    fs.writeFileSync(
      path.join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${source.dir}\n    rev: ${source.sha}\n    hooks:\n      - id: shipshape\n`,
    );
    runOk(PRE_COMMIT, ['install'], { cwd: project, env });
    runOk('git', ['add', '.pre-commit-config.yaml'], { cwd: project, env });
    // The first commit installs the hook's environment (npm install, npm pack, npm install -g).
    const first = commit('add the pre-commit config');
    assert.equal(first.status, 0, first.output);
  });

  after(() => {
    for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
  });

  function stage(name: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    fs.writeFileSync(path.join(project, name), text);
    runOk('git', ['add', name], { cwd: project, env });
  }

  function commit(message: string): Run {
    return run('git', ['commit', '-m', message], { cwd: project, env, timeout: 540_000 });
  }

  it('blocks a commit with an error in a staged Dockerfile and shows the finding', () => {
    stage('Dockerfile', BAD_DOCKERFILE);
    const result = commit('bad Dockerfile');
    assert.notEqual(result.status, 0, result.output);
    assert.match(result.output, /shipshape.*Failed/);
    assert.match(result.output, /Dockerfile:2:\d+ error .*\[copy-args-slash\]/);
    assert.match(runOk('git', ['status', '--porcelain'], { cwd: project, env }).stdout, /^A {2}Dockerfile$/m);
  });

  it('blocks a Compose file with an error, under another Compose name', () => {
    stage('deploy/docker-compose.prod.yml', BAD_COMPOSE);
    const result = commit('bad compose');
    assert.notEqual(result.status, 0, result.output);
    assert.match(result.output, /deploy\/docker-compose\.prod\.yml:4:\d+ error .*\[privileged\]/);
    runOk('git', ['rm', '-q', '--cached', 'deploy/docker-compose.prod.yml'], { cwd: project, env });
  });

  it('lets a commit with only warnings through and shows the warnings', () => {
    stage('Dockerfile', WARNING_DOCKERFILE);
    const result = commit('Dockerfile with a warning');
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /shipshape.*Passed/);
    assert.match(result.output, /Dockerfile:2:1 warning .*\[root-user\]/);
  });

  it('lets a clean Containerfile through', () => {
    stage('images/Containerfile', CLEAN_DOCKERFILE);
    const result = commit('clean Containerfile');
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /shipshape.*Passed/);
  });

  it('skips files that only look like Dockerfiles (Dockerfile.dockerignore, Dockerfile.md, README.md)', () => {
    // Contents that would fail if they were linted as Dockerfiles.
    stage('Dockerfile.dockerignore', 'node_modules\n.git\n');
    stage('Dockerfile.md', '# Building\n\nRun `docker build .`\n');
    stage('README.md', '# Project\n');
    const result = commit('docs');
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /shipshape.*\(no files to check\).*Skipped/);
  });
});
