// The extension-host suite in desktop VS Code via @vscode/test-electron, which downloads VS Code
// (or runs the one VSCODE_EXECUTABLE names). Chosen with SHIPSHAPE_VSCODE_HOST=electron.
import { runTests } from '@vscode/test-electron';

export async function runInElectron(paths: { extension: string; suite: string; workspace: string }): Promise<number> {
  return runTests({
    extensionDevelopmentPath: paths.extension,
    extensionTestsPath: paths.suite,
    launchArgs: [paths.workspace, '--disable-extensions', '--disable-workspace-trust'],
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
  });
}
