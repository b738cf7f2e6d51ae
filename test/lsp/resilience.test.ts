// The language server under abuse: rapid edits, requests for closed documents, cancellation,
// a parent editor that dies without saying goodbye.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes, type CodeAction, type Hover } from 'vscode-languageserver-protocol';
import { ensureFreshDist } from '../setup/fresh-dist';
import { SERVER, TestClient } from './lsp-client';

/** A registry stand-in that holds every request until released, then answers each with 404. */
async function startHeldRegistry(): Promise<{
  host: string;
  received: Promise<void>;
  release(): void;
  stop(): Promise<void>;
}> {
  const held: http.ServerResponse[] = [];
  let released = false;
  let onFirst!: () => void;
  const received = new Promise<void>((resolve) => (onFirst = resolve));
  // A real answer once released (an index with a linux/amd64 image), so a server that ignored the
  // cancellation would go on to pin the image.
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${'a'.repeat(64)}`,
        size: 100,
        platform: { architecture: 'amd64', os: 'linux' },
      },
    ],
  });
  const answer = (res: http.ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(index);
  const server = http.createServer((_req, res) => {
    if (released) return answer(res);
    held.push(res);
    onFirst();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    release() {
      released = true;
      for (const res of held.splice(0)) answer(res);
    },
    stop() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('language server resilience', function () {
  this.timeout(40_000);
  let dir: string;

  before(() => {
    ensureFreshDist();
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
    await client.change(uri, 'FROM alpine:latest\nUSER 1000\n', 41);
    const diagnostics = await client.waitForDiagnostics(uri);
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

    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(cleared, []);
    assert.equal(await client.shutdown(), 0);
    assert.doesNotMatch(client.stderr, /Error|TypeError/);
  });

  it('answers a request cancelled while in flight, and keeps serving', async () => {
    // "Pin to digest" waits on the registry, which holds its request: while the registry has it,
    // the command is provably in flight in the server when the client cancels it.
    const registry = await startHeldRegistry();
    const client = new TestClient({
      ...process.env,
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      DOCKER_CONFIG: path.join(dir, 'docker'),
    });
    try {
      client.settings = { enable: true, rules: {}, network: { resolveDigests: true } };
      await client.initialize(dir);
      const uri = `file://${path.join(dir, 'pin', 'Dockerfile')}`;
      await client.open(uri, 'dockerfile', `FROM ${registry.host}/team/app:1\nUSER 10001\n`);
      await client.waitForDiagnostics(uri);
      // The settings arrive through workspace/configuration, in parallel with the open: ask until
      // the action is the real pin rather than the explanation that lookups are off.
      let pin: CodeAction | undefined;
      for (let attempt = 0; attempt < 50 && !pin; attempt++) {
        const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } },
          context: { diagnostics: [] },
        });
        pin = actions.find((a) => a.command?.command === 'shipshape.pinToDigest');
      }
      assert.ok(pin, 'the server offers "Pin to digest" once it has the settings');
      const edits: unknown[] = [];
      client.connection.onRequest('workspace/applyEdit', (params: unknown) => {
        edits.push(params);
        return { applied: true };
      });

      const cancellation = new CancellationTokenSource();
      let answered = false;
      const response = client.connection
        .sendRequest<unknown>('workspace/executeCommand', pin.command, cancellation.token)
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        )
        .finally(() => (answered = true));
      await registry.received;
      // The client sends $/cancelRequest with this request's id. The server reads messages in
      // order, so once the hover below is answered it has the cancellation, and the command is
      // still waiting on the registry.
      cancellation.cancel();
      const during = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 8 },
      });
      assert.ok(during, 'other requests are served while the command waits');
      assert.equal(answered, false, 'the command was still in flight when it was cancelled');
      registry.release();
      const answer = await response;
      // LSP: a cancelled request still gets one response; the server checks the cancellation once
      // the registry answers and ends with RequestCancelled (-32800) instead of pinning.
      assert.ok('error' in answer, `expected RequestCancelled, got ${JSON.stringify(answer)}`);
      assert.ok(answer.error instanceof ResponseError, String(answer.error));
      assert.equal(answer.error.code, LSPErrorCodes.RequestCancelled, answer.error.message);
      assert.deepEqual(edits, [], 'nothing was pinned after the cancellation');

      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 8 },
      });
      assert.ok(hover, 'still serving after a cancellation');
      assert.equal(await client.shutdown(), 0);
      assert.doesNotMatch(client.stderr, /Error|TypeError/);
    } finally {
      client.process.kill();
      await registry.stop();
    }
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
