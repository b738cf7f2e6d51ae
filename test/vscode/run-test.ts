// `npm run test:vscode`: the extension-host suite (./suite, bundled to out/vscode-tests/suite.js)
// with the extension loaded from this repository. It runs in code-server by default, which
// test/e2e/setup.sh installs without downloading VS Code; SHIPSHAPE_VSCODE_HOST=electron runs it
// in desktop VS Code through @vscode/test-electron instead, where VS Code can be downloaded (or
// VSCODE_EXECUTABLE names an installed one).
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';
import { runInCodeServer } from './in-code-server';
import { runInElectron } from './in-electron';

const HOSTS = { 'code-server': runInCodeServer, electron: runInElectron } as const;

async function main(): Promise<number> {
  const root = path.join(__dirname, '../..');
  const host = process.env.SHIPSHAPE_VSCODE_HOST ?? 'code-server';
  if (!(host in HOSTS)) throw new Error(`SHIPSHAPE_VSCODE_HOST=${host}: expected ${Object.keys(HOSTS).join(' or ')}`);
  // The extension runs from this repository: dist/client.js starts dist/server.js.
  ensureFreshDist();
  return HOSTS[host as keyof typeof HOSTS]({
    extension: root,
    suite: path.join(root, 'out/vscode-tests/suite.js'),
    workspace: path.join(root, 'test/vscode/workspace'),
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
