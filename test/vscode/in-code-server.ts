// The extension-host suite inside code-server (VS Code 1.139 server and workbench), for machines
// that cannot download desktop VS Code. The workbench's smoke-test driver runs the suite named in
// the URL payload with the extension loaded from the repository, and reports the suite's console
// and exit code through two functions the page calls (../../../shared/E2E-NOTES.md).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium, requireInstalled, ROOT, startCodeServer } from '../e2e/code-server';

/** The whole run, start to exit code: a suite that never reports back fails instead of hanging CI. */
const SUITE_TIMEOUT_MS = 5 * 60_000;

const USER_SETTINGS = {
  // The folder is the test's own copy: trusting it keeps Restricted Mode out of this suite (the UI
  // e2e test covers Restricted Mode).
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
};

function remoteUri(port: number, file: string): string {
  return `vscode-remote://127.0.0.1:${port}${file}`;
}

/** Newest extension-host log, the first place to look when the suite never started. */
function extensionHostLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '(no logs)';
  const found = fs
    .readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('remoteexthost.log'))
    .map((file) => path.join(logs, file));
  return found.map((file) => `${file}:\n${fs.readFileSync(file, 'utf8').slice(-4000)}`).join('\n') || '(no extension-host log)';
}

export async function runInCodeServer(paths: { extension: string; suite: string; workspace: string }): Promise<number> {
  // Installs code-server, Node 24 and chromium on the first run; afterwards it only checks.
  execFileSync('bash', [path.join(ROOT, 'test/e2e/setup.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  requireInstalled();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-vscode-tests-'));
  // A copy: the suite edits documents, and nothing may be left behind in the repository.
  const folder = path.join(work, 'workspace');
  fs.cpSync(paths.workspace, folder, { recursive: true });
  const userDataDir = path.join(work, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: path.join(work, 'extensions'),
    folder,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let reportExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    // Everything the workbench logs arrives here, the suite's mocha report among it (console.log
    // with format strings, as mocha writes it).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
      (type === 'error' ? console.error : console.log)(format(...args)),
    );
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remoteUri(server.port, paths.extension)],
      ['extensionTestsPath', remoteUri(server.port, paths.suite)],
    ]);
    await page.goto(
      `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`,
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)));
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      console.error(
        `the extension-host suite did not report back in ${SUITE_TIMEOUT_MS / 1000} s\n${extensionHostLog(userDataDir)}`,
      );
      return 1;
    }
    if (outcome !== 0) console.error(extensionHostLog(userDataDir));
    return outcome;
  } finally {
    await browser.close();
    server.process.kill();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
