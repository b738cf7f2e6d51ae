// The language server under abuse: rapid edits, requests for closed documents, cancellation,
// a parent editor that dies without saying goodbye.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './lsp-client';

describe('language server resilience', function () {
  this.timeout(40_000);
  let dir: string;

  before(function () {
    if (!fs.existsSync(SERVER)) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-resilience-'));
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('settles on the last version after a burst of edits, and serves closed or unknown documents safely', async () => {
    const client = new TestClient();
    await client.initialize(dir);
    const uri = `file://${path.join(dir, 'Dockerfile')}`;
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER 1000\n');
    // 40 edits with no pause: only the last text matters, and it has exactly one finding.
    for (let version = 2; version <= 40; version++) {
      await client.change(uri, `FROM alpine:3.20\n${version % 2 ? 'USER 1000' : 'USER root'}\n# v${version}\n`, version);
    }
    const settled = client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unpinned-image'));
    await client.change(uri, 'FROM alpine:latest\nUSER 1000\n', 41);
    const diagnostics = await settled;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['unpinned-image'],
    );

    const closedUri = `file://${path.join(dir, 'never-opened', 'Dockerfile')}`;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: closedUri },
      range,
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: closedUri },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover, null);

    // A cancelled request must not break the connection: the next request is answered.
    const cancelled = client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 6 },
    });
    await client.connection.sendNotification('$/cancelRequest', { id: 999_999 });
    await cancelled.catch(() => undefined);
    const after = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 6 },
    });
    assert.ok(after, 'still serving after a cancellation');

    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await client.waitForDiagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(cleared, []);
    assert.equal(await client.shutdown(), 0);
    assert.doesNotMatch(client.stderr, /Error|TypeError/);
  });

  it('exits when the editor process it was started for dies', async () => {
    // A stand-in editor: the server watches its pid (initialize.processId) and exits with it.
    const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const message = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: editor.pid, rootUri: null, capabilities: {} },
    });
    server.stdin!.write(`Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
    await new Promise((resolve) => server.stdout!.once('data', resolve));
    editor.kill('SIGKILL');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000));
    const result = await Promise.race([exited, timeout]);
    if (result === 'timeout') server.kill('SIGKILL');
    assert.notEqual(result, 'timeout', 'the server kept running after its editor died');
  });
});
