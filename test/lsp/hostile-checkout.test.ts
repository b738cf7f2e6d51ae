// Issue 15's reproductions against the bundled language server: diagnostics, hovers and code
// actions carry no secret; a config that never ends, or one above the workspace, changes nothing;
// an open buffer outside the project is not read for cross-file checks.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { leaksIn, makeEndlessConfigCheckout, makeHostileCheckout, type HostileCheckout } from '../hostile/hostile-checkout';
import { TestClient } from './lsp-client';

const uriOf = (file: string) => `file://${file}`;

/** Everything the editor would show for a document: diagnostics, then a hover and the code actions at each. */
async function everythingShown(client: TestClient, uri: string, diagnostics: Diagnostic[]): Promise<string> {
  const shown: unknown[] = [diagnostics];
  for (const diagnostic of diagnostics) {
    shown.push(
      await client.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: diagnostic.range.start,
      }),
      await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      }),
    );
  }
  return JSON.stringify(shown);
}

/**
 * A fresh checkout and a server on it for one describe block. `workspace`: whether the editor
 * opened the project as a workspace folder (false: single files, no folder).
 */
function serverOnCheckout(make: () => HostileCheckout, workspace = true): { checkout: HostileCheckout; client: TestClient } {
  const state = {} as { checkout: HostileCheckout; client: TestClient };
  before(async () => {
    state.checkout = make();
    state.client = new TestClient();
    await state.client.initialize(workspace ? state.checkout.project : null);
  });
  after(async () => {
    if (state.client) await state.client.shutdown();
    state.checkout?.cleanup();
  });
  return state;
}

describe('hostile checkout: the language server', function () {
  this.timeout(60_000);
  const server = serverOnCheckout(makeHostileCheckout);

  for (const [name, languageId] of [
    ['Dockerfile', 'dockerfile'],
    ['compose.yaml', 'dockercompose'],
  ] as const) {
    it(`shows no secret of ${name} in diagnostics, hovers or code actions`, async () => {
      const file = path.join(server.checkout.project, name);
      const uri = uriOf(file);
      await server.client.open(uri, languageId, fs.readFileSync(file, 'utf8'));
      const diagnostics = await server.client.waitForDiagnostics(uri, (d) => d.length > 0);
      const shown = await everythingShown(server.client, uri, diagnostics);
      assert.deepEqual(leaksIn(shown), [], shown);
      assert.match(shown, /\*\*\*\*/, 'the masked value is shown instead');
      // base/.shipshape.yaml, above the workspace folder, would turn these off.
      if (name === 'Dockerfile')
        for (const rule of ['root-user', 'secret-in-env', 'legacy-env-format'])
          assert.ok(
            diagnostics.some((d) => d.code === rule),
            `${rule} is reported`,
          );
    });
  }

  it('does not read an open buffer outside the project for a cross-file check', async () => {
    // The editor has the outside Dockerfile open; a service building it must not see its USER root.
    const outsideUri = uriOf(path.join(server.checkout.outside, 'Dockerfile'));
    await server.client.open(outsideUri, 'dockerfile', 'FROM alpine:3.20\nUSER root\n');
    const compose = path.join(server.checkout.project, 'build-outside', 'compose.yaml');
    fs.mkdirSync(path.dirname(compose));
    const text = 'services:\n  app:\n    build: ../../outside\n    cap_drop: [ALL]\n';
    fs.writeFileSync(compose, text);
    const uri = uriOf(compose);
    await server.client.open(uri, 'dockercompose', text);
    const diagnostics = await server.client.waitForDiagnostics(uri);
    assert.ok(!diagnostics.some((d) => /USER root|runs as root/.test(String(d.message))), JSON.stringify(diagnostics));
  });
});

describe('hostile checkout: the language server and an endless .shipshape.yaml', function () {
  this.timeout(60_000);
  const server = serverOnCheckout(makeEndlessConfigCheckout);

  it('still lints with the defaults and stays up', async () => {
    const uri = uriOf(path.join(server.checkout.project, 'Dockerfile'));
    await server.client.open(uri, 'dockerfile', 'FROM ubuntu:latest\nUSER root\n');
    const diagnostics = await server.client.waitForDiagnostics(uri, { predicate: (d) => d.length > 0, timeoutMs: 15_000 });
    assert.ok(diagnostics.some((d) => d.code === 'root-user'));
    assert.equal(server.client.process.exitCode, null, 'the server is still running');
  });
});

describe('hostile checkout: the language server without a workspace folder', function () {
  this.timeout(60_000);
  const server = serverOnCheckout(makeHostileCheckout, false);

  it('applies no .shipshape.yaml from above the folder of the file', async () => {
    // base/.shipshape.yaml turns root-user off; a loose file below it has no repository.
    const loose = path.join(server.checkout.base, 'loose', 'Dockerfile');
    fs.mkdirSync(path.dirname(loose));
    fs.writeFileSync(loose, 'FROM ubuntu:latest\nUSER root\n');
    const uri = uriOf(loose);
    await server.client.open(uri, 'dockerfile', 'FROM ubuntu:latest\nUSER root\n');
    const diagnostics = await server.client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(
      diagnostics.some((d) => d.code === 'root-user'),
      JSON.stringify(diagnostics.map((d) => d.code)),
    );
  });
});
