// A minimal LSP client over stdio for tests: spawns the bundled server and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureFreshDist } from '../setup/fresh-dist';

export const SERVER = path.join(__dirname, '../../dist/server.js');

/** What a wait for diagnostics accepts; both conditions must hold. */
export interface DiagnosticsWanted {
  /**
   * The document version the diagnostics must have been computed for, at least. Default: the last
   * version this client sent for the document (open or change), so a wait never accepts diagnostics
   * of an older text; a document the client never opened accepts any.
   */
  version?: number;
  predicate?: (d: Diagnostic[]) => boolean;
  timeoutMs?: number;
}

interface Waiter {
  uri: string;
  accepts: (published: PublishDiagnosticsParams) => boolean;
  resolve: (d: Diagnostic[]) => void;
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown> = { enable: true, rules: {} };
  /** The last diagnostics published for each uri, kept so a wait that starts after they arrived still sees them. */
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly sentVersions = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  /** How many times diagnostics were published for each uri: a lint the server should not have run shows here. */
  private readonly publishCounts = new Map<string, number>();
  private configurationPulled: () => void = () => undefined;
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = process.env) {
    ensureFreshDist();
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.publishCounts.set(params.uri, (this.publishCounts.get(params.uri) ?? 0) + 1);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accepts(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationPulled();
      return params.items.map(() => this.settings);
    });
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

  /**
   * Resolves with the diagnostics last published for `uri` if they are wanted (they may have arrived
   * before this call), otherwise with the next wanted publish. A function is the predicate alone.
   */
  waitForDiagnostics(
    uri: string,
    wanted: DiagnosticsWanted | ((d: Diagnostic[]) => boolean) = {},
    timeoutMs?: number,
  ): Promise<Diagnostic[]> {
    const {
      version = this.sentVersions.get(uri),
      predicate = () => true,
      timeoutMs: ownTimeout,
    } = typeof wanted === 'function' ? { predicate: wanted } : wanted;
    const timeout = timeoutMs ?? ownTimeout ?? 10_000;
    // Publishes without a version (a closed document's clearing) answer only waits that name none.
    const accepts = (published: PublishDiagnosticsParams) =>
      (version === undefined || (published.version ?? -Infinity) >= version) && predicate(published.diagnostics);
    const last = this.published.get(uri);
    if (last && accepts(last)) return Promise.resolve(last.diagnostics);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        accepts,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const latest = this.published.get(uri);
        reject(
          new Error(
            `timed out after ${timeout} ms waiting for diagnostics on ${uri} (version >= ${version ?? 'any'}); last published: version ${latest?.version ?? 'none'}, ${JSON.stringify(latest?.diagnostics.map((d) => d.code))}\n${this.stderr}`,
          ),
        );
      }, timeout);
      this.waiters.push(waiter);
    });
  }

  publishCount(uri: string): number {
    return this.publishCounts.get(uri) ?? 0;
  }

  /**
   * Sends a settings change and resolves once the server has pulled the settings and been answered
   * (a message sent after this is read after the answer).
   */
  async changeConfiguration(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    const pulled = this.nextConfigurationPull();
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: settings } });
    await pulled;
  }

  /**
   * Initializes and waits for the settings pull that follows `initialized`, so a test starts after
   * the re-lint of what is open that comes with it: without file watching to register, that re-lint
   * follows the pull at once.
   */
  async initializeSettled(rootPath: string): Promise<void> {
    const pulled = this.nextConfigurationPull();
    await this.initialize(rootPath, {}, { didChangeWatchedFiles: { dynamicRegistration: false } });
    await pulled;
  }

  /** Resolves when the server next pulls its settings (after `initialized`, then after each change). */
  nextConfigurationPull(): Promise<void> {
    return new Promise<void>((resolve) => (this.configurationPulled = resolve));
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.sentVersions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    this.sentVersions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(uri: string): Promise<void> {
    this.sentVersions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
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
