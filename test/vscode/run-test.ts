// `npm run test:vscode`: the extension-host suite in desktop VS Code via @vscode/test-electron.
// It downloads VS Code, which this project's CI network cannot; on such machines point
// VSCODE_EXECUTABLE at an installed VS Code instead. (CI here runs test/e2e in code-server.)
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.join(__dirname, '../..');
  const workspace = path.join(root, 'test/vscode/workspace');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/vscode-tests/suite.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
