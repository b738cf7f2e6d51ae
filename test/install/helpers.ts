// Shared by the install tests: they exercise the package as a user gets it (npm pack, npm install
// -g, pre-commit, the Action's commands), so they run outside the repository with the shipped bins.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '../..');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `shipshape-${prefix}-`));
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for messages and for checks that do not care which stream. */
  output: string;
}

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number; input?: string },
): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeout ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Runs and fails with everything it printed when the exit code is not `expected`. */
export function runOk(command: string, args: string[], options: Parameters<typeof run>[2], expected = 0): Run {
  const result = run(command, args, options);
  if (result.status !== expected)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status} (expected ${expected}):\n${result.output}`);
  return result;
}

/**
 * An environment without the variables `npm run`/`npm test` set for its child processes
 * (npm_config_*, npm_package_*): an npm started by a test must read its config as a user's would,
 * not inherit the outer run's prefix or user agent.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

let packed: string | undefined;

/** `npm pack` of the repository (prepack builds dist/), once per test run: the tarball's path. */
export function packTarball(): string {
  if (packed && fs.existsSync(packed)) return packed;
  const dest = tempDir('pack');
  const result = runOk('npm', ['pack', '--pack-destination', dest], { cwd: ROOT, env: cleanEnv() });
  // The last line names the tarball; lifecycle scripts print nothing on stdout (.npmrc), which
  // pre-commit relies on: it takes npm pack's whole stdout as the file name.
  const name = result.stdout.trim();
  assertSingleLine(name, 'npm pack printed more than the tarball name on stdout');
  packed = path.join(dest, name);
  return packed;
}

function assertSingleLine(text: string, message: string): void {
  if (text.includes('\n') || text === '') throw new Error(`${message}:\n${text}`);
}

/** A Dockerfile with an error (copy-args-slash) and a warning (root-user): every install path fails on it. */
export const BAD_DOCKERFILE = 'FROM ubuntu:24.04\nCOPY a.txt b.txt /app\nUSER root\n';
/** Only a warning (root-user): shown, but under the default --fail-on error nothing fails. */
export const WARNING_DOCKERFILE = 'FROM ubuntu:24.04\nUSER root\nCMD ["sleep", "1"]\n';
/** No finding at all. */
export const CLEAN_DOCKERFILE = 'FROM ubuntu:24.04\nUSER 10001\nCMD ["sleep", "1"]\n';
/** A Compose file with an error-level finding (privileged). */
export const BAD_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Shipshape Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Shipshape Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

/** The environment for git in a test repository: a fixed identity, no global or system config. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv({ ...GIT_IDENTITY, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...extra });
}

/**
 * A git repository holding this checkout's files as they are in the working tree (tracked and new,
 * not ignored), committed: the repository a user would point pre-commit at, including edits not
 * yet committed here. Returns its path and the commit's sha.
 */
export function snapshotRepository(): { dir: string; sha: string } {
  const dir = tempDir('repo');
  const env = gitEnv();
  const listed = runOk('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, env });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.cpSync(from, path.join(dir, file), { verbatimSymlinks: true });
  }
  runOk('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: dir, env });
  runOk('git', ['add', '-A'], { cwd: dir, env });
  runOk('git', ['commit', '-q', '--no-verify', '-m', 'snapshot'], { cwd: dir, env });
  const sha = runOk('git', ['rev-parse', 'HEAD'], { cwd: dir, env }).stdout.trim();
  return { dir, sha };
}
