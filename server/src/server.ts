// The Shipshape language server: LSP wiring around the pure engine and the modules in lsp/. Runs over
// node-ipc from the VS Code client and over stdio (`node dist/server.js --stdio`) for any other LSP editor.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  createConnection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { RULES, watchedFilesGlob } from './engine';
import { codeActionsFor, resolveCodeAction } from './lsp/code-actions';
import { forgetFragment } from './lsp/compose-fragment-kind';
import { documentKind, fsPathOf, isConfigDocument } from './lsp/document-kind';
import { editorSessionPolicy } from './lsp/editor-session';
import { hoverFor } from './lsp/hover';
import { INITIALIZE_RESULT, clientAbilities, workspaceFoldersOf, type ClientAbilities } from './lsp/initialize';
import { collectWhenIdle } from './lsp/idle-collection';
import { LintScheduler } from './lsp/lint-scheduler';
import { LintStates, lintOpenDocument } from './lsp/lint-states';
import { pinnedHover } from './lsp/pin-actions';
import { WarmUp } from './lsp/warm-up';
import { YoungCollector, processProbes } from './lsp/young-collection';
import { registryClients, runCommand } from './lsp/pin-command';
import { DEFAULT_SETTINGS, readSettings, sameSettings, type Settings } from './lsp/settings';
import { FileDigestCache, defaultCacheDir } from './registry';
import { ConfigStore, FileSession, type SessionPolicy } from './workspace/lint-session';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const states = new LintStates();
const configs = new ConfigStore();
const scheduler = new LintScheduler((uri) => {
  const document = documents.get(uri);
  if (document) lintDocument(document);
});
const warmUp = new WarmUp(() => scheduler.anyPending());
const young = new YoungCollector(processProbes());
const knownRuleIds = new Set(RULES.map((r) => r.id));
const digestCache = new FileDigestCache({ dir: defaultCacheDir() });
let workspaceFolders: string[] = [];
let settings: Settings = DEFAULT_SETTINGS;
let client: ClientAbilities = clientAbilities({ capabilities: {} } as InitializeParams);

// One policy for every session until the folders or settings change. Each open document keeps its
// last lint's session: a policy apiece (five closures and two config objects) was 0.8 MB of heap
// with the 656-file corpus open, and new garbage on every keystroke.
let policy: SessionPolicy | undefined;

function sessionFor(uri: string): FileSession {
  policy ??= editorSessionPolicy({
    workspaceFolders,
    settings,
    configs,
    openBuffer: (file) => documents.get(URI.file(file).toString())?.getText(),
  });
  return new FileSession(fsPathOf(uri), policy);
}

function useSettings(next: Settings): void {
  settings = next;
  policy = undefined;
}

async function refreshSettings(pushed?: unknown): Promise<void> {
  if (client.pullsConfiguration) {
    try {
      useSettings(readSettings(await connection.workspace.getConfiguration('shipshape')));
      return;
    } catch (error) {
      connection.console.warn(`Could not read settings: ${String(error)}`);
    }
  }
  if (pushed !== undefined) useSettings(readSettings((pushed as { shipshape?: unknown })?.shipshape));
}

function lintDocument(document: TextDocument): void {
  const uri = document.uri;
  let diagnostics: Diagnostic[] = [];
  try {
    const previous = states.get(uri);
    const options = {
      enabled: settings.enable,
      session: () => sessionFor(uri),
      withDocsLinks: client.showsDocsLinks,
      knownRuleIds,
      ...(previous ? { memory: previous.memory } : {}),
    };
    young.lintStarting();
    const result = lintOpenDocument(document, options);
    if (!result) {
      // A YAML file that was a Compose fragment until its project stopped including it.
      if (states.get(uri)) {
        states.delete(uri);
        void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      }
      return;
    }
    diagnostics = result.diagnostics;
    if (result.linted) {
      const { state, cost } = result.linted;
      scheduler.recordCost(uri, cost);
      states.set(uri, state);
      // In the lint's own session: its reads are cached, so a warm-up lint touches no file. Its
      // garbage, like a real lint's, is collected once the server is quiet.
      warmUp.linted(state.kind, state.text, (piece) => {
        state.session.lint(piece, state.kind);
        young.quietWorkEnded();
        collectWhenIdle();
      });
    } else states.delete(uri);
  } catch (error) {
    connection.console.error(`Linting ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    states.delete(uri);
  }
  const written = young.lintEnded();
  connection.sendDiagnostics({ uri, version: document.version, diagnostics }).then(written, () => undefined);
  collectWhenIdle();
}

function relintAll(): void {
  for (const document of documents.all()) scheduler.schedule(document.uri, 0);
}

/** Compose files read their services' Dockerfiles: an edit to one re-lints the open files that read it. */
function relintDependents(changed: TextDocument): void {
  const changedPath = fsPathOf(changed.uri);
  if (!changedPath) return;
  for (const uri of states.readersOf(changedPath, changed.uri)) scheduler.schedule(uri, scheduler.typingDelay(uri));
}

const currentState = (uri: string) => states.current(uri, documents.get(uri)?.version);

connection.onInitialize((params) => {
  workspaceFolders = workspaceFoldersOf(params);
  client = clientAbilities(params);
  useSettings(readSettings(params.initializationOptions?.settings));
  return INITIALIZE_RESULT;
});

connection.onInitialized(async () => {
  if (client.pullsConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' }).catch(() => undefined);
    await refreshSettings();
  }
  if (client.watchesFiles) {
    await connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.shipshape.{yaml,yml}' }, { globPattern: watchedFilesGlob() }],
      })
      .catch(() => undefined);
  }
  relintAll();
});

connection.onDidChangeConfiguration(async (change) => {
  const before = settings;
  await refreshSettings(change.settings);
  // VS Code announces a change to any of its settings, not only to ours: re-linting every open
  // document for each (656 lints with the corpus open) would redo work whose inputs did not change.
  if (!sameSettings(before, settings)) relintAll();
});

connection.onDidChangeWatchedFiles((change) => {
  if (change.changes.some((c) => isConfigDocument(c.uri))) {
    configs.clear();
    return relintAll();
  }
  // A file on disk a lint read or looked for (a Dockerfile, `.env`, a Compose fragment or
  // override) re-lints the open documents that read it. An open YAML document no project reached
  // has no lint to record reads: it is asked again whether it is a fragment now (cached, cheap).
  const due = new Set<string>();
  for (const { uri } of change.changes) {
    const changed = fsPathOf(uri);
    if (changed) for (const reader of states.readersOf(changed, uri)) due.add(reader);
  }
  for (const document of documents.all()) if (!states.get(document.uri)) due.add(document.uri);
  for (const uri of due) scheduler.schedule(uri, 0);
});

documents.onDidOpen((event) => lintDocument(event.document));
documents.onDidChangeContent((event) => {
  const { document } = event;
  collectWhenIdle();
  if (isConfigDocument(document.uri)) return lintDocument(document);
  // TextDocuments reports an open as a content change too; onDidOpen has linted this version already.
  if (states.get(document.uri)?.version === document.version) return;
  if (settings.run === 'onType') scheduler.schedule(document.uri, scheduler.typingDelay(document.uri));
  relintDependents(document);
});
documents.onDidSave((event) => {
  const { uri, version } = event.document;
  if (isConfigDocument(uri)) {
    configs.clear();
    return relintAll();
  }
  // A lint reads the buffer, not the file on disk, so saving a version typing has linted already
  // changes nothing (with auto-save, a large file would be linted twice per pause). A lint still
  // waiting out the typing debounce runs now: a save is a pause.
  if (settings.run === 'onType' && !scheduler.isPending(uri) && states.get(uri)?.version === version) return;
  scheduler.schedule(uri, 0);
});
documents.onDidClose((event) => {
  scheduler.forget(event.document.uri);
  forgetFragment(event.document.uri);
  states.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onCodeAction((params) => {
  const state = currentState(params.textDocument.uri);
  if (!state) return [];
  return codeActionsFor(params, state, {
    canResolveEdits: client.resolvesEdits,
    resolveDigests: settings.resolveDigests,
    workspaceFolders,
  });
});
connection.onCodeActionResolve((action) => resolveCodeAction(action, currentState));

connection.onHover(async (params) => {
  const state = currentState(params.textDocument.uri);
  if (!state) return null;
  return hoverFor(state, params.position, {
    pinned: (digest) => pinnedHover(digest, digestCache),
    warn: (message) => connection.console.warn(message),
  });
});

const registryFor = registryClients(digestCache);

connection.onExecuteCommand((params, token) =>
  runCommand(params.command, params.arguments, {
    cancelled: () => token.isCancellationRequested,
    resolveDigests: settings.resolveDigests,
    document: (uri) => {
      const document = documents.get(uri);
      if (!document) return undefined;
      const kind = states.get(uri)?.kind ?? documentKind(document.languageId, uri);
      return { version: document.version, text: document.getText(), ...(kind ? { kind } : {}) };
    },
    session: (uri, version) => states.current(uri, version)?.session ?? sessionFor(uri),
    registry: () => registryFor(settings.useCredentialHelpers),
    canVersionEdits: client.versionsEdits,
    applyEdit: (label, edit) => connection.workspace.applyEdit({ label, edit }),
    // A notification, not window/showMessageRequest: nothing waits on an answer some clients never send.
    showMessage: (type, message) => void connection.sendNotification(ShowMessageNotification.type, { type, message }),
  }),
);

// Exit with the editor even if it dies without sending `exit`: vscode-languageserver watches the
// parent pid given in initialize; for stdio clients, stdin closing means the editor is gone.
if (process.argv.includes('--stdio')) process.stdin.on('close', () => setTimeout(() => process.exit(0), 100).unref());

// A failed promise somewhere in a handler is logged, not allowed to end the session (Node's default).
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

// Warm-up lints and the young collection wait while the editor is talking: the mark is made as a
// message's bytes arrive, before vscode-jsonrpc handles it on a later turn, so a warm-up lint queued
// for that turn does not run first.
const messageRead = () => {
  warmUp.messageRead();
  young.messageRead();
};
if (process.argv.includes('--stdio')) process.stdin.on('data', messageRead);
process.on('message', messageRead);

documents.listen(connection);
connection.listen();
