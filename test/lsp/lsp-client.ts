// A minimal LSP client over stdio for tests: spawns the bundled server and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = path.join(__dirname, '../../dist/server.js');

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown> = { enable: true, rules: {} };
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** `rootPath` null: the editor opened single files, with no workspace folder. */
  async initialize(
    rootPath: string | null,
    codeAction: Record<string, unknown> = {},
    workspace: Record<string, unknown> = {},
  ): Promise<{ capabilities: Record<string, unknown> }> {
    const rootUri = rootPath === null ? null : `file://${rootPath}`;
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri === null ? null : [{ uri: rootUri, name: 'test' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          ...workspace,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, ...codeAction },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy the predicate (or the current ones if they already do). */
  waitForDiagnostics(
    uri: string,
    predicate: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))}\n${this.stderr}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
