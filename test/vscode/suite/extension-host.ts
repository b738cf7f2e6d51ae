// Inside the extension host: diagnostics through vscode.languages.getDiagnostics and quick fixes
// through vscode.executeCodeActionProvider, the way VS Code itself consumes the extension.
import { strict as assert } from 'node:assert';
import Mocha from 'mocha';
import * as vscode from 'vscode';

async function diagnosticsFor(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (predicate(current)) return current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri.fsPath}`)), 30_000);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      const next = vscode.languages.getDiagnostics(uri);
      if (!predicate(next)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(next);
    });
  });
}

function codes(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
}

export function registerExtensionTests(root: Mocha.Suite): void {
  const suite = Mocha.Suite.create(root, 'Shipshape in the VS Code extension host');
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

  suite.addTest(
    new Mocha.Test('reports Dockerfile findings with rule ids', async () => {
      const uri = vscode.Uri.joinPath(folder(), 'Dockerfile');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await diagnosticsFor(uri, (d) => d.length >= 2);
      assert.deepEqual(codes(diagnostics), ['root-user', 'unpinned-image']);
      assert.ok(diagnostics.every((d) => d.source === 'shipshape'));
    }),
  );

  suite.addTest(
    new Mocha.Test('applies the port-all-interfaces quick fix', async () => {
      const uri = vscode.Uri.joinPath(folder(), 'compose.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostics = await diagnosticsFor(uri, (d) => d.some((x) => codes([x])[0] === 'port-all-interfaces'));
      const port = diagnostics.find((d) => codes([d])[0] === 'port-all-interfaces')!;
      // The diagnostics may come from the lint of the file on disk (the extension hands the server
      // every Compose file) before the open document's own lint has run; the server answers code
      // actions for a version it has linted, so ask until that lint is in (as VS Code re-asks when
      // diagnostics change).
      let actions: vscode.CodeAction[] = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          port.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        if (actions.some((a) => a.title === 'Bind to 127.0.0.1')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const fix = actions.find((a) => a.title === 'Bind to 127.0.0.1');
      assert.ok(fix?.edit, `no "Bind to 127.0.0.1" among ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      // The fix keeps the fixture's single quotes.
      assert.match(document.getText(), /'127\.0\.0\.1:8080:80'/);
      await diagnosticsFor(uri, (d) => !d.some((x) => codes([x])[0] === 'port-all-interfaces'));
    }),
  );
}
