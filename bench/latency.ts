// Editor latency: drives the bundled language server over stdio the way an editor does (open, type,
// ask for quick fixes and hovers) and times each round trip, then measures the server's memory with
// the whole corpus open. The typing debounce is switched off so the numbers are the server's own work.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import type { FileKind } from '../server/src/engine';
import { SERVER_FLAGS, serverEnv } from '../client/src/server-process';
import { CORPUS, ROOT, corpusFiles, type CorpusFile } from './corpus';

// SHIPSHAPE_BENCH_SERVER points the editor benchmark at another bundle (e.g. an older build) to
// compare two servers in one run, on the same machine load.
export const SERVER = process.env.SHIPSHAPE_BENCH_SERVER
  ? path.resolve(process.env.SHIPSHAPE_BENCH_SERVER)
  : path.join(ROOT, 'dist/server.js');

export interface Percentiles {
  samples: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface DocumentLatency {
  kind: FileKind;
  /** Human-readable size, e.g. "2000 lines" or "300 services". */
  size: string;
  lines: number;
  bytes: number;
  /** didOpen to the first publishDiagnostics. */
  openMs: number;
  /** Diagnostics published for the opened document. */
  diagnostics: number;
  /** didChange sent to the publishDiagnostics for that version. */
  edits: Percentiles;
  /** The slowest edits and where they fell in the run (the first ones meet cold code). */
  slowestEdits: { index: number; ms: number }[];
  /** textDocument/codeAction round trips at a diagnostic, with the diagnostics there as context. */
  codeAction: Percentiles;
  /** Mean number of code actions returned per request (0 would mean the requests measured nothing). */
  actionsPerRequest: number;
  /** textDocument/hover round trips at a diagnostic's start. */
  hover: Percentiles;
}

export interface Footprint {
  files: number;
  /** First didOpen to the first publishDiagnostics of the last file. */
  openAllMs: number;
  /** publishDiagnostics received until the server went quiet (more than `files` means documents were linted again). */
  publishes: number;
  /** Server RSS after initialize, before any document was opened. */
  idleRssMb?: number;
  /** Server RSS with every corpus file open and linted. */
  rssMb?: number;
  /** Peak RSS of the server process (VmHWM). */
  peakRssMb?: number;
}

export interface LatencyResult {
  /** The sync kind the server advertised; incremental edits are sent only if it asked for them. */
  sync: 'incremental' | 'full';
  /** How a publish was matched to an edit: by the version the server echoes, or as the next publish for the URI. */
  matchedBy: 'version' | 'next publish';
  dockerfile: DocumentLatency;
  compose: DocumentLatency;
  /** Undefined when no corpus files were given (corpus not checked out). */
  footprint?: Footprint;
  /** The same server with its default settings (the typing debounce on), as a user runs it. */
  defaults: {
    /** A freshly started server: didOpen of a Compose file to its first diagnostics. */
    composeFirstOpenMs: number;
    composeFirstOpenSize: string;
    small: DocumentLatency;
    large: DocumentLatency;
    /** The large file again, each edit after a pause in typing: what a user feels for a single change. */
    largeAfterPause: DocumentLatency;
    pauseMs: number;
    /** The large file again, half the edits adding or removing a line (Enter, joining lines, a pasted line): every line below moves. */
    largeLineEdits: DocumentLatency;
  };
}

const EDIT_TIMEOUT_MS = 30_000;

// Deterministic so that runs type the same characters at the same places and stay comparable
// (mulberry32; the stage-reuse fuzz test replays its sequences from seeds with it too).
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: with 200 samples p99 is the second-slowest, not an interpolation between samples.
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { samples: sorted.length, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}

export function syntheticDockerfile(lines: number): string {
  const bases = [
    'debian:12-slim',
    'node:20',
    'python:3.12-slim',
    'alpine:latest',
    'ubuntu',
    'golang:1.22@sha256:' + 'ab'.repeat(32),
  ];
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE_IMAGE=debian:12-slim', 'ARG APP_VERSION=1.0.0'];
  const stageLength = 250;
  let stage = 0;
  let i = 0;
  const body = (n: number): string[] => {
    switch (n % 11) {
      case 0:
        return [
          'RUN apt-get update \\',
          `    && apt-get install -y --no-install-recommends ca-certificates curl pkg${n} \\`,
          '    && rm -rf /var/lib/apt/lists/*',
        ];
      case 1:
        return [`ENV APP_HOME=/srv/app${n} \\`, `    PATH=/srv/app${n}/bin:$PATH`];
      case 2:
        return [`COPY --chown=10001:10001 src/${n} /srv/app/${n}`];
      case 3:
        return [`RUN curl -fsSL https://example.com/install${n}.sh | sh`];
      case 4:
        return [`ARG BUILD_${n}=on`, `ENV API_TOKEN_${n}=tok${n}`];
      case 5:
        return [`ADD https://example.com/archive${n}.tar.gz /tmp/`];
      case 6:
        return ['WORKDIR /srv/app', `RUN make -j4 target${n} && ./configure --prefix=/opt/${n}`];
      case 7:
        return ['# build the next component', `RUN pip install --no-cache-dir package${n}==1.${n}`];
      case 8:
        return [`RUN chmod 777 /srv/app/${n}`, `EXPOSE ${8000 + (n % 1000)}`];
      case 9:
        return [
          `RUN wget -q https://example.com/${n}.bin -O /usr/local/bin/tool${n} \\`,
          `    && chmod +x /usr/local/bin/tool${n}`,
        ];
      default:
        return [`COPY . /srv/app`, `LABEL org.opencontainers.image.version=${n}`];
    }
  };
  while (out.length < lines - 4) {
    const from = stage === 0 ? '${BASE_IMAGE}' : bases[stage % bases.length]!;
    out.push('', `FROM ${from} AS stage${stage}`);
    if (stage > 0) out.push(`COPY --from=stage${stage - 1} /srv/app /srv/app`);
    out.push(stage % 2 === 0 ? 'USER root' : 'USER 10001');
    const end = Math.min(lines - 4, out.length + stageLength);
    while (out.length < end) out.push(...body(i++));
    stage++;
  }
  out.push(
    'USER 10001',
    'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1',
    'CMD ["/srv/app/bin/app"]',
  );
  return out.join('\n') + '\n';
}

export function syntheticCompose(services: number): string {
  const out = [
    'name: bench',
    'x-logging: &logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "10m"',
    'x-env: &common-env',
    '  TZ: UTC',
    '  LOG_LEVEL: info',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const image =
      i % 7 === 0
        ? `registry.example.com/team/svc${i}:latest`
        : i % 11 === 0
          ? `postgres`
          : i % 13 === 0
            ? `registry.example.com/team/svc${i}@sha256:${'cd'.repeat(32)}`
            : `registry.example.com/team/svc${i}:1.${i}`;
    out.push(`  svc${i}:`, `    image: ${image}`, '    logging: *logging', '    restart: unless-stopped', '    ports:');
    out.push(i % 3 === 0 ? `      - "127.0.0.1:${9000 + (i % 1000)}:9000"` : `      - "${8000 + (i % 1000)}:80"`);
    out.push(
      '    environment:',
      '      <<: *common-env',
      i % 2 === 0 ? `      DB_PASSWORD: secret${i}` : '      DB_PASSWORD: ${DB_PASSWORD}',
    );
    out.push('    volumes:', `      - ./data/svc${i}:/data`);
    if (i % 25 === 0) out.push('      - /var/run/docker.sock:/var/run/docker.sock');
    if (i % 4 === 0) out.push('    cap_add:', '      - NET_ADMIN');
    if (i % 50 === 0) out.push('    privileged: true');
    if (i % 5 === 0)
      out.push('    read_only: true', '    security_opt:', '      - no-new-privileges:true', '    cap_drop: [ALL]');
    if (i % 9 === 0) out.push('    network_mode: host');
    if (i > 0 && i % 6 === 0) out.push('    depends_on:', `      - svc${i - 1}`);
  }
  out.push('volumes:', '  data: {}', 'networks:', '  default: {}');
  return out.join('\n') + '\n';
}

function readRssMb(pid: number | undefined): { rss?: number; peak?: number } {
  if (pid === undefined) return {};
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) / 1024 : undefined;
    };
    const result: { rss?: number; peak?: number } = {};
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    if (rss !== undefined) result.rss = rss;
    if (peak !== undefined) result.peak = peak;
    return result;
  } catch {
    // No /proc (macOS): ps reports the resident set in KiB, without a peak.
    const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    const kib = Number.parseInt(ps.stdout ?? '', 10);
    return Number.isFinite(kib) ? { rss: kib / 1024 } : {};
  }
}

interface Waiter {
  uri: string;
  version: number | undefined;
  resolve: (publish: { diagnostics: Diagnostic[]; at: number }) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A bare LSP client for the benchmark: one server process, publish tracking, guaranteed clean-up. */
export class BenchClient {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  sync: LatencyResult['sync'] = 'full';
  sawVersion = false;
  publishes = 0;
  lastPublishAt = 0;
  private stderr = '';
  private exited = false;
  private disposed = false;
  private readonly waiters: Waiter[] = [];
  private readonly configured: Promise<void>;
  private readonly killOnExit = () => this.child.kill('SIGKILL');

  constructor(root: string, debounceOff = true, server = SERVER) {
    const env: NodeJS.ProcessEnv = { ...process.env, SHIPSHAPE_DEBOUNCE_MS: '0' };
    if (!debounceOff) delete env.SHIPSHAPE_DEBOUNCE_MS;
    // Started as the VS Code client starts it (client/src/server-process.ts).
    // SHIPSHAPE_BENCH_NODE_FLAGS adds Node flags for the server alone (e.g. --cpu-prof, --trace-gc).
    const extra = process.env.SHIPSHAPE_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...SERVER_FLAGS, ...extra, server, '--stdio'], {
      cwd: root,
      env: serverEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The server would outlive a benchmark that crashes between spawn and dispose.
    process.once('exit', this.killOnExit);
    this.child.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-4000)));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      this.failAll(new Error(`server exited (${signal ?? code}) while the benchmark waited for it\n${this.stderr}`));
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) =>
      this.onPublish(params),
    );
    let configured: () => void = () => undefined;
    this.configured = new Promise((resolve) => (configured = resolve));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      configured();
      // Registry look-ups stay off whatever the server's default: a benchmark must not depend on the network.
      return params.items.map(() => ({ enable: true, rules: {}, run: 'onType', network: { resolveDigests: false } }));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onError(([error]) => this.failAll(error));
    this.connection.listen();
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    const at = performance.now();
    this.publishes++;
    this.lastPublishAt = at;
    if (params.version !== undefined) this.sawVersion = true;
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri) continue;
      // Without a version in the publish, the next one for the URI is taken to answer the edit.
      if (params.version !== undefined && waiter.version !== undefined && params.version !== waiter.version) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.resolve({ diagnostics: params.diagnostics, at });
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  /** Must be called before the message that triggers the publish, so a fast reply cannot be missed. */
  waitForPublish(uri: string, version?: number, timeoutMs = EDIT_TIMEOUT_MS): Promise<{ diagnostics: Diagnostic[]; at: number }> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`server has exited\n${this.stderr}`));
      const waiter: Waiter = {
        uri,
        version,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms\n${this.stderr}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once no diagnostics have arrived for `quietMs`: re-lints the server queued on its own are over. */
  async settle(quietMs = 150, maxMs = 10_000): Promise<void> {
    const start = performance.now();
    this.lastPublishAt = Math.max(this.lastPublishAt, start);
    while (performance.now() - this.lastPublishAt < quietMs && performance.now() - start < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async initialize(root: string): Promise<void> {
    const rootUri = pathToFileURL(root).href;
    const result = await this.connection.sendRequest<{ capabilities: { textDocumentSync?: number | { change?: number } } }>(
      'initialize',
      {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { didSave: true },
            // What VS Code declares, so the server sends what it would send there.
            publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
              dataSupport: true,
              resolveSupport: { properties: ['edit'] },
            },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
        },
      },
    );
    const sync = result.capabilities.textDocumentSync;
    this.sync = (typeof sync === 'number' ? sync : sync?.change) === 2 ? 'incremental' : 'full';
    await this.connection.sendNotification('initialized', {});
    // The server pulls its settings and re-lints everything open once they arrive: let that pass first.
    await Promise.race([this.configured, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.settle(50);
  }

  rss(): { rss?: number; peak?: number } {
    return readRssMb(this.child.pid);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    process.removeListener('exit', this.killOnExit);
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), timeout(2000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // The kill below covers a server that no longer answers.
      }
      await Promise.race([exited, timeout(2000)]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    this.failAll(new Error('benchmark client disposed'));
    this.connection.dispose();
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

interface Edit {
  range: Range;
  text: string;
}

/**
 * Typing and correcting: each burst types two characters at one place and backspaces them, so the
 * text keeps its shape over hundreds of edits while every edit is still a real change to lint.
 */
function typingBursts(lines: string[], count: number, next: () => number): Edit[] {
  const edits: Edit[] = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  while (edits.length < count) {
    const line = Math.floor(next() * lines.length);
    const text = lines[line]!;
    // Never after a line-continuation backslash: that would join lines and change the file's structure.
    const last = text.endsWith('\\') ? text.length - 1 : text.length;
    const character = Math.floor(next() * (last + 1));
    const a = letters[Math.floor(next() * letters.length)]!;
    const b = letters[Math.floor(next() * letters.length)]!;
    const at = (c: number) => ({ line, character: c });
    edits.push(
      { range: { start: at(character), end: at(character) }, text: a },
      { range: { start: at(character + 1), end: at(character + 1) }, text: b },
      { range: { start: at(character + 1), end: at(character + 2) }, text: '' },
      { range: { start: at(character), end: at(character + 1) }, text: '' },
    );
  }
  return edits.slice(0, count);
}

/** How a run edits the document: typing within lines only, or with lines added and removed as well. */
export type EditStyle = 'typing' | 'lines';

/**
 * Typing bursts alternating with line bursts, so that half the edits add or remove a line. A line
 * burst is one of: Enter at the end of a line (a new line, indented as the editor indents it) and
 * Backspace joining it back; Enter inside a line, splitting it, and joining the halves; a pasted
 * instruction line and its deletion. Every burst leaves the text as it found it, so the edits can be
 * planned on the text as opened, and every line after the edit moves by one line and back.
 */
function lineBursts(lines: string[], count: number, next: () => number): Edit[] {
  const typing = typingBursts(lines, count, next);
  const edits: Edit[] = [];
  for (let burst = 0; edits.length < count; burst++) {
    edits.push(...typing.slice(burst * 4, burst * 4 + 4));
    for (let k = 0; k < 2; k++) {
      const line = Math.floor(next() * lines.length);
      const text = lines[line]!;
      const at = (l: number, c: number) => ({ line: l, character: c });
      const indent = /^\s*/.exec(text)![0];
      switch (Math.floor(next() * 3)) {
        case 0:
          edits.push(
            { range: { start: at(line, text.length), end: at(line, text.length) }, text: `\n${indent}` },
            { range: { start: at(line, text.length), end: at(line + 1, indent.length) }, text: '' },
          );
          break;
        case 1: {
          // Anywhere before a continuation backslash, as typing a newline into the middle of a line does.
          const last = text.endsWith('\\') ? text.length - 1 : text.length;
          const character = Math.floor(next() * (last + 1));
          edits.push(
            { range: { start: at(line, character), end: at(line, character) }, text: '\n' },
            { range: { start: at(line, character), end: at(line + 1, 0) }, text: '' },
          );
          break;
        }
        default:
          edits.push(
            { range: { start: at(line, 0), end: at(line, 0) }, text: `RUN echo pasted ${burst}\n` },
            { range: { start: at(line, 0), end: at(line + 1, 0) }, text: '' },
          );
      }
    }
  }
  return edits.slice(0, count);
}

/** Applies an LSP edit (any range, any text) to the document held as lines. */
function applyEdit(lines: string[], edit: Edit): void {
  const { start, end } = edit.range;
  const joined = lines[start.line]!.slice(0, start.character) + edit.text + lines[end.line]!.slice(end.character);
  lines.splice(start.line, end.line - start.line + 1, ...joined.split('\n'));
}

export async function measureDocument(
  client: BenchClient,
  root: string,
  spec: { kind: FileKind; name: string; languageId: string; text: string; size: string },
  editCount: number,
  seed: number,
  /** Idle time before each edit (0: each edit follows the last request's answer at once, as in fast typing). */
  pauseMs = 0,
  style: EditStyle = 'typing',
): Promise<DocumentLatency> {
  const uri = pathToFileURL(path.join(root, spec.name)).href;
  const lines = spec.text.split('\n');
  let version = 1;

  const opened = client.waitForPublish(uri, version);
  const openStart = performance.now();
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: spec.languageId, version, text: spec.text },
  });
  let current = await opened;
  const openMs = current.at - openStart;
  const openDiagnostics = current.diagnostics.length;
  // The server lints again on its own after an open (onDidChangeContent fires for opens too); keep that out of the first edit.
  await client.settle();

  const editTimes: number[] = [];
  const actionTimes: number[] = [];
  const hoverTimes: number[] = [];
  let actions = 0;
  const plan = style === 'lines' ? lineBursts : typingBursts;
  for (const [index, edit] of plan(lines, editCount, random(seed)).entries()) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    applyEdit(lines, edit);
    version++;
    const contentChanges =
      client.sync === 'incremental' ? [{ range: edit.range, text: edit.text }] : [{ text: lines.join('\n') }];
    const published = client.waitForPublish(uri, version);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    current = await published;
    editTimes.push(current.at - start);

    // An editor asks for quick fixes and hovers where the cursor is; here, at a different diagnostic each time.
    const diagnostics = current.diagnostics;
    const target = diagnostics[index % Math.max(1, diagnostics.length)];
    if (!target) continue;
    const context = diagnostics.filter((d) => overlaps(d.range, target.range));
    let t = performance.now();
    const result = await client.connection.sendRequest<unknown[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: context, triggerKind: 2 },
    });
    actionTimes.push(performance.now() - t);
    actions += result?.length ?? 0;
    t = performance.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: target.range.start });
    hoverTimes.push(performance.now() - t);
  }

  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await client.settle(50);
  return {
    kind: spec.kind,
    size: spec.size,
    lines: spec.text.split('\n').length - 1,
    bytes: Buffer.byteLength(spec.text),
    openMs,
    diagnostics: openDiagnostics,
    edits: percentiles(editTimes),
    slowestEdits: editTimes
      .map((ms, index) => ({ index, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3),
    codeAction: percentiles(actionTimes),
    actionsPerRequest: actionTimes.length > 0 ? actions / actionTimes.length : 0,
    hover: percentiles(hoverTimes),
  };
}

function commonFolder(paths: string[]): string {
  let folder = path.dirname(paths[0]!);
  while (!paths.every((p) => p.startsWith(folder + path.sep)) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

export async function measureFootprint(files: CorpusFile[], server = SERVER): Promise<Footprint> {
  // Workspace root above every file so config lookup and cross-file reads behave as in a real workspace.
  const root = files.every((file) => file.path.startsWith(CORPUS + path.sep)) ? CORPUS : commonFolder(files.map((f) => f.path));
  // With the debounce off, every Dockerfile open re-lints every open Compose file at once (they may
  // build from it): quadratic in a bulk open. The server's default debounce coalesces those re-lints
  // as it does when an editor restores a workspace, which is the state whose memory is of interest.
  const client = new BenchClient(root, /* debounceOff */ false, server);
  try {
    await client.initialize(root);
    const idle = client.rss();
    const start = performance.now();
    const publishesBefore = client.publishes;
    const waits: Promise<{ at: number }>[] = [];
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      waits.push(client.waitForPublish(uri, 1, 120_000));
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: file.kind === 'compose' ? 'dockercompose' : 'dockerfile', version: 1, text: file.text },
      });
    }
    const arrivals = await Promise.all(waits);
    const openAllMs = Math.max(...arrivals.map((a) => a.at)) - start;
    // Past the server's idle collection (1 s after the last lint), as an editor sits after opening.
    await client.settle(1500, 60_000);
    const loaded = client.rss();
    const footprint: Footprint = { files: files.length, openAllMs, publishes: client.publishes - publishesBefore };
    if (idle.rss !== undefined) footprint.idleRssMb = idle.rss;
    if (loaded.rss !== undefined) footprint.rssMb = loaded.rss;
    if (loaded.peak !== undefined) footprint.peakRssMb = loaded.peak;
    return footprint;
  } finally {
    await client.dispose();
  }
}

/**
 * Typing latency, quick-fix and hover round trips on large synthetic files, and the server's memory
 * with `files` (default: the shared corpus) open. Needs `npm run build` (dist/server.js).
 */
export async function editorLatency(smoke: boolean, files: CorpusFile[] = corpusFiles()): Promise<LatencyResult> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} not found: run npm run build first`);
  const dockerfileLines = smoke ? 300 : 2000;
  const services = smoke ? 40 : 300;
  const editCount = smoke ? 20 : 200;
  // A fresh folder as the workspace: no .shipshape.yaml or .env from elsewhere changes what is linted.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-latency-'));
  const client = new BenchClient(root);
  try {
    await client.initialize(root);
    const dockerfile = await measureDocument(
      client,
      root,
      {
        kind: 'dockerfile',
        name: 'Dockerfile',
        languageId: 'dockerfile',
        text: syntheticDockerfile(dockerfileLines),
        size: `${dockerfileLines} lines`,
      },
      editCount,
      1,
    );
    const compose = await measureDocument(
      client,
      root,
      {
        kind: 'compose',
        name: 'compose.yaml',
        languageId: 'dockercompose',
        text: syntheticCompose(services),
        size: `${services} services`,
      },
      editCount,
      2,
    );
    await client.dispose();
    const defaults = await withDefaultSettings(smoke, editCount, dockerfileLines);
    const result: LatencyResult = {
      sync: client.sync,
      matchedBy: client.sawVersion ? 'version' : 'next publish',
      dockerfile,
      compose,
      defaults,
    };
    if (files.length > 0) result.footprint = await measureFootprint(smoke ? files.slice(0, 100) : files);
    return result;
  } finally {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Small and large Dockerfiles edited through a server with default settings, after a Compose file opened first. */
async function withDefaultSettings(smoke: boolean, editCount: number, largeLines: number): Promise<LatencyResult['defaults']> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-latency-defaults-'));
  const client = new BenchClient(root, false);
  try {
    await client.initialize(root);
    // A typical project's Compose file (the example's), first thing the server lints: cold code paths included.
    const composeText = fs.readFileSync(path.join(ROOT, 'examples/compose.yaml'), 'utf8');
    const uri = pathToFileURL(path.join(root, 'compose.yaml')).href;
    const opened = client.waitForPublish(uri, 1);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockercompose', version: 1, text: composeText },
    });
    const composeFirstOpenMs = (await opened).at - start;
    await client.settle();
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const smallLines = 150;
    const small = await measureDocument(
      client,
      root,
      {
        kind: 'dockerfile',
        name: 'small/Dockerfile',
        languageId: 'dockerfile',
        text: syntheticDockerfile(smallLines),
        size: `${smallLines} lines`,
      },
      editCount,
      3,
    );
    const large = await measureDocument(
      client,
      root,
      {
        kind: 'dockerfile',
        name: 'large/Dockerfile',
        languageId: 'dockerfile',
        text: syntheticDockerfile(largeLines),
        size: `${largeLines} lines`,
      },
      // Each edit waits out the debounce when the file is slow to lint: fewer edits keep the run short.
      smoke ? editCount : editCount / 2,
      4,
    );
    // Past the debounce: the server has been quiet, so even a slow document's edit is linted at once.
    const pauseMs = 300;
    const largeAfterPause = await measureDocument(
      client,
      root,
      {
        kind: 'dockerfile',
        name: 'paused/Dockerfile',
        languageId: 'dockerfile',
        text: syntheticDockerfile(largeLines),
        size: `${largeLines} lines`,
      },
      smoke ? 10 : 40,
      5,
      pauseMs,
    );
    // After the rows above so that they stay as earlier sessions measured them.
    const lineEdits = await measureDocument(
      client,
      root,
      {
        kind: 'dockerfile',
        name: 'lines/Dockerfile',
        languageId: 'dockerfile',
        text: syntheticDockerfile(largeLines),
        size: `${largeLines} lines`,
      },
      smoke ? editCount : editCount / 2,
      6,
      0,
      'lines',
    );
    return {
      composeFirstOpenMs,
      composeFirstOpenSize: `examples/compose.yaml, ${composeText.split('\n').length - 1} lines`,
      small,
      large,
      largeAfterPause,
      pauseMs,
      largeLineEdits: lineEdits,
    };
  } finally {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The result as Markdown for RESULTS.md. */
export function formatLatency(result: LatencyResult): string[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const cells = (p: Percentiles) => `${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} | ${p.samples}`;
  const lines = [
    `Server \`dist/server.js --stdio\`, \`SHIPSHAPE_DEBOUNCE_MS=0\`, ${result.sync} document sync, publishes matched by ${result.matchedBy}.`,
    '',
    '| File | Request | p50 | p95 | p99 | Max | Samples |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const doc of [result.dockerfile, result.compose]) {
    const name = `${doc.kind === 'dockerfile' ? 'Dockerfile' : 'Compose'}, ${doc.size} (${Math.round(doc.bytes / 1024)} KB, ${doc.diagnostics} diagnostics)`;
    lines.push(
      `| ${name} | open → diagnostics | ${ms(doc.openMs)} | | | | 1 |`,
      `| ${name} | didChange → diagnostics | ${cells(doc.edits)} |`,
      `| ${name} | codeAction (${doc.actionsPerRequest.toFixed(1)} actions each) | ${cells(doc.codeAction)} |`,
      `| ${name} | hover | ${cells(doc.hover)} |`,
    );
  }
  const d = result.defaults;
  lines.push(
    '',
    `With the server's default settings (typing debounce on: an edit is linted at once when one of the document's last three lints used under 50 ms of CPU or it has not been linted for 150 ms, otherwise after 150 ms without edits), in a fresh server: a Compose file (${d.composeFirstOpenSize}) opened first, open → diagnostics ${ms(d.composeFirstOpenMs)}.`,
    '',
    '| File | Request | p50 | p95 | p99 | Max | Samples |',
    '|---|---|---|---|---|---|---|',
  );
  for (const doc of [d.small, d.large, d.largeAfterPause, d.largeLineEdits]) {
    const pause =
      doc === d.largeAfterPause
        ? `, each edit after ${d.pauseMs} ms without typing`
        : doc === d.largeLineEdits
          ? ', half the edits add or remove a line'
          : '';
    const name = `Dockerfile, ${doc.size} (${Math.round(doc.bytes / 1024)} KB, ${doc.diagnostics} diagnostics), default settings${pause}`;
    lines.push(
      `| ${name} | open → diagnostics | ${ms(doc.openMs)} | | | | 1 |`,
      `| ${name} | didChange → diagnostics | ${cells(doc.edits)} |`,
    );
  }
  const f = result.footprint;
  if (f) {
    const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MB`);
    lines.push(
      '',
      `Footprint (server's default debounce): ${f.files} corpus files open, all diagnosed in ${f.openAllMs.toFixed(0)} ms (${f.publishes} publishes); ` +
        `server RSS ${mb(f.idleRssMb)} idle, ${mb(f.rssMb)} with the files open, peak ${mb(f.peakRssMb)}.`,
    );
  }
  return lines;
}
