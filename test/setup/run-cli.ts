// How a test runs the CLI. In the in-process tier (`npm test`) it calls main() with the given
// folder and environment: the same code as `shipshape`, without starting Node each time. In the
// integration tier (`npm run test:integration`, whose config requires ./cli-as-process.ts) the
// same tests run `node dist/cli.js` as a child process, as users run it: start-up, exit codes
// through the process, real stdout and stderr.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { ensureFreshDist } from './fresh-dist';

const CLI = path.join(__dirname, '../../dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliRunsAsProcess(): boolean {
  return process.env.SHIPSHAPE_TEST_CLI === 'process';
}

/** Builds dist/ when the CLI runs from it and it is missing or stale. */
export function prepareCli(): void {
  if (cliRunsAsProcess()) ensureFreshDist();
}

export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv): CliRun {
  if (cliRunsAsProcess()) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    env,
    cwd,
  });
  if (typeof code !== 'number') throw new Error(`runCli: "${args[0]}" answers asynchronously; run it as a process`);
  return { code, stdout, stderr };
}
