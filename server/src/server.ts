// The Shipshape language server: LSP wiring around the pure engine. Runs over node-ipc from the
// VS Code client and over stdio (`node dist/server.js --stdio`) for any other LSP editor.
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeActionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  applyFixes,
  imageInfoIn,
  imageInfoMarkdown,
  imageReferencesOf,
  parseFile,
  type ImageReference,
  type ParsedFile,
  lint,
  mergeConfig,
  pinEdit,
  pinTargetsOf,
  pullReference,
  type PinTarget,
  preferredFixGroups,
  unsafeFixCount,
  RULES,
  ruleById,
  type FileKind,
  type Finding,
  type PartialConfig,
  type RuleSetting,
  type ShipshapeConfig,
  NO_REDACTION,
  type Redactor,
} from './engine';
import { escapeMarkdown } from './engine/markdown';
import { configChangeEdit, defaultConfigPath } from './lsp/config-edit';
import { DOCS_BASE, SOURCE, sameRange, toDiagnostic } from './lsp/diagnostics';
import { documentKind, fsPathOf, isConfigDocument } from './lsp/document-kind';
import { suppressFileEdit, suppressLineEdit } from './lsp/suppress-actions';
import {
  EXPLAIN_PIN_COMMAND,
  PIN_COMMAND,
  explainPinning,
  pinCodeActions,
  pinTargetAt,
  pinnedHover,
  type PinCommandArgs,
} from './lsp/pin-actions';
import { FileDigestCache, RegistryClient, RegistryError, defaultCacheDir } from './registry';
import { configRelativePath, findConfigFile, loadConfigFile, type LoadedConfig } from './workspace/config-loader';
import { ConfigStore, FileSession } from './workspace/lint-session';
import { parseConfigText } from './workspace/config-cascade';
import type { ProjectRoot } from './workspace/file-access';
import { editorProjectRoot } from './workspace/project-root';
import { environmentDefaults } from './workspace/environment-defaults';

const FIX_ALL_KIND = 'source.fixAll.shipshape';
const FIX_ALL_UNSAFE_KIND = 'source.shipshape.fixAllUnsafe';
// Benchmarks set SHIPSHAPE_DEBOUNCE_MS=0 to time the lint itself rather than the typing pause.
const DEBOUNCE_MS =
  Number.parseInt(process.env.SHIPSHAPE_DEBOUNCE_MS ?? '', 10) >= 0 ? Number(process.env.SHIPSHAPE_DEBOUNCE_MS) : 150;
// Debounce only what is slow: a document whose last lint took less than this is linted on the next
// tick (edits arriving in the same tick still coalesce), so small files answer at keystroke speed
// while a large one still waits for a pause in typing.
const FAST_LINT_MS = 15;
const lintCost = new Map<string, number>();

function typingDelay(uri: string): number {
  const cost = lintCost.get(uri);
  return cost !== undefined && cost < FAST_LINT_MS ? 0 : DEBOUNCE_MS;
}

interface Settings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  /** shipshape.network.resolveDigests: may "Pin to digest" ask registries? Off unless the user says so. */
  resolveDigests: boolean;
  /** shipshape.network.useCredentialHelpers: may it run docker-credential-* helpers? Off by default. */
  useCredentialHelpers: boolean;
}

interface LintState {
  version: number;
  kind: FileKind;
  findings: Finding[];
  text: string;
  configPath?: string;
  /** Absolute paths the lint read (a Compose file's Dockerfiles and .env): edits to them re-lint it. */
  reads: Set<string>;
  /** The lint's parse, kept for the documents edited last so hovers and code actions reuse it. */
  parsed?: ParsedFile;
  /** Computed on the first code action request for this version, then reused while the user browses. */
  pinTargets?: PinTarget[];
  /** Image references for hovers, parsed on the first hover of this version. */
  images?: ImageReference[];
  /** Masks the document's secrets (and those of the files it read) in hovers. */
  redact: Redactor;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const results = new Map<string, LintState>();
const timers = new Map<string, NodeJS.Timeout>();
const configCache = new Map<string, LoadedConfig>();
let workspaceRoots: string[] = [];
let settings: Settings = { enable: true, rules: {}, run: 'onType', resolveDigests: false, useCredentialHelpers: false };
let canPullConfiguration = false;
let canWatchFiles = false;
let canResolveCodeActionEdits = false;
/** Whether applyEdit may carry `documentChanges`, which let the editor refuse an edit made for an older version. */
let canVersionEdits = false;
let canShowDocsLinks = false;

const knownRuleIds = new Set(RULES.map((r) => r.id));

function readSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Settings> & { network?: { resolveDigests?: unknown; useCredentialHelpers?: unknown } };
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value.rules ?? {})) {
    if (['off', 'hint', 'info', 'warning', 'error'].includes(setting as string)) rules[id] = setting as RuleSetting;
  }
  return {
    enable: value.enable !== false,
    rules,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    resolveDigests: value.network?.resolveDigests === true,
    useCredentialHelpers: value.network?.useCredentialHelpers === true,
  };
}

async function refreshSettings(pushed?: unknown): Promise<void> {
  if (canPullConfiguration) {
    try {
      settings = readSettings(await connection.workspace.getConfiguration('shipshape'));
      return;
    } catch (error) {
      connection.console.warn(`Could not read settings: ${String(error)}`);
    }
  }
  if (pushed !== undefined) settings = readSettings((pushed as { shipshape?: unknown })?.shipshape);
}

function workspaceRootOf(filePath: string): string | undefined {
  return workspaceRoots
    .filter((root) => filePath === root || filePath.startsWith(root + path.sep))
    .sort((a, b) => b.length - a.length)[0];
}

/** The folder a document's config lookup and cross-file reads stay inside. */
function projectRootOf(filePath: string): ProjectRoot {
  return editorProjectRoot(filePath, workspaceRoots);
}

function configFor(
  filePath: string | undefined,
  root = filePath ? projectRootOf(filePath) : undefined,
): { config: ShipshapeConfig; loaded?: LoadedConfig } {
  // The file config is team policy; editor settings are personal preference layered on top.
  const editor: PartialConfig = { rules: settings.rules };
  const fromEnvironment = environmentDefaults(process.env);
  if (!filePath || !root) return { config: mergeConfig(fromEnvironment, editor) };
  const configPath = findConfigFile(path.dirname(filePath), root);
  if (!configPath) return { config: mergeConfig(fromEnvironment, editor) };
  let loaded = configCache.get(configPath);
  if (!loaded) {
    loaded = loadConfigFile(configPath, root);
    configCache.set(configPath, loaded);
  }
  // A config that fails validation keeps only its valid keys; the problems show in the config file.
  return { config: mergeConfig(fromEnvironment, loaded.config, editor), loaded };
}

/** Reads files next to a document, preferring unsaved editor buffers (a Compose file's Dockerfile). */
function readerFor(filePath: string, reads: Set<string>, root: ProjectRoot): (relative: string) => string | undefined {
  // Cross-file reads stay inside the project, for open buffers as for files on disk: an unsaved
  // buffer is read only where the file on disk could be.
  const session = new FileSession(filePath, {
    rootOf: () => root,
    configs: new ConfigStore(),
    pathBase: () => undefined,
    overlay: (target) => documents.get(URI.file(target).toString())?.getText(),
  });
  return (relative) => {
    const text = session.readFile(relative);
    for (const read of session.reads) reads.add(read);
    return text;
  };
}

function lintDocument(document: TextDocument): void {
  const uri = document.uri;
  if (isConfigDocument(uri)) {
    publishConfigProblems(document);
    return;
  }
  const kind = documentKind(document.languageId, uri);
  if (!kind) return;
  if (!settings.enable) {
    results.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const filePath = fsPathOf(uri);
  // One project root per lint: config lookup and cross-file reads share it.
  const root = filePath ? projectRootOf(filePath) : undefined;
  const { config, loaded } = configFor(filePath, root);
  const text = document.getText();
  const reads = new Set<string>();
  let diagnostics: Diagnostic[] = [];
  try {
    const input =
      filePath && root
        ? {
            text,
            kind,
            path: configRelativePath(filePath, loaded?.dir ?? workspaceRootOf(filePath)),
            readFile: readerFor(filePath, reads, root),
          }
        : { text, kind };
    const started = performance.now();
    const result = lint(input, config);
    lintCost.set(uri, performance.now() - started);
    const state: LintState = {
      version: document.version,
      kind,
      findings: result.findings,
      text,
      reads,
      redact: result.redact ?? NO_REDACTION,
    };
    if (result.parsed) keepParse(uri, state, result.parsed);
    if (loaded) state.configPath = loaded.path;
    results.set(uri, state);
    if (result.skipped) {
      diagnostics = [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: SOURCE,
          code: 'skipped',
          message: `Shipshape: ${result.skipped}`,
        },
      ];
    } else {
      diagnostics = result.findings.flatMap((finding) => (finding.suppressed ? [] : [toDiagnostic(finding, canShowDocsLinks)]));
    }
  } catch (error) {
    connection.console.error(`Linting ${uri} failed: ${(error as Error).stack ?? String(error)}`);
    results.delete(uri);
  }
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  collectWhenIdle();
}

// V8 keeps the heap a burst of linting grew (opening a workspace, fast typing in a large file) long
// after the garbage is dead. When the server runs with --expose-gc (the VS Code client starts it so),
// a full collection once linting has been quiet for a moment hands that memory back.
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const IDLE_COLLECTION_MS = 1000;
let idleCollection: NodeJS.Timeout | undefined;

function collectWhenIdle(): void {
  if (!collectGarbage) return;
  if (idleCollection) clearTimeout(idleCollection);
  idleCollection = setTimeout(() => collectGarbage(), IDLE_COLLECTION_MS);
  idleCollection.unref();
}

// A parse holds the whole syntax tree: keep it only for the few documents being worked on.
const KEPT_PARSES = 2;
const keptParses: string[] = [];

function keepParse(uri: string, state: LintState, parsed: ParsedFile): void {
  state.parsed = parsed;
  const at = keptParses.indexOf(uri);
  if (at !== -1) keptParses.splice(at, 1);
  keptParses.push(uri);
  while (keptParses.length > KEPT_PARSES) {
    const dropped = results.get(keptParses.shift()!);
    if (dropped) delete dropped.parsed;
  }
}

function parseOf(uri: string, state: LintState): ParsedFile {
  if (state.parsed) return state.parsed;
  return parseFile(state.text, state.kind, dotEnvOf(uri, state.kind).dotEnv);
}

function publishConfigProblems(document: TextDocument): void {
  const { problems } = parseConfigText(document.getText(), knownRuleIds);
  const diagnostics: Diagnostic[] = problems.map((problem) => ({
    range: problem.range,
    severity: 1,
    source: SOURCE,
    code: 'config',
    message: `${problem.message} (the defaults stay in force for this key)`,
  }));
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function schedule(document: TextDocument, delay: number): void {
  const pending = timers.get(document.uri);
  if (pending) clearTimeout(pending);
  timers.set(
    document.uri,
    setTimeout(() => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) lintDocument(current);
    }, delay),
  );
}

function relintAll(): void {
  for (const document of documents.all()) schedule(document, 0);
}

/** Compose files read their services' Dockerfiles: an edit to one re-lints the open files that read it. */
function relintDependents(changed: TextDocument): void {
  const changedPath = fsPathOf(changed.uri);
  if (!changedPath) return;
  for (const [uri, state] of results) {
    if (uri === changed.uri || !state.reads.has(changedPath)) continue;
    const document = documents.get(uri);
    if (document) schedule(document, typingDelay(uri));
  }
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  workspaceRoots = (params.workspaceFolders ?? []).map((folder) => fsPathOf(folder.uri)).filter((p): p is string => Boolean(p));
  if (workspaceRoots.length === 0 && params.rootUri) {
    const root = fsPathOf(params.rootUri);
    if (root) workspaceRoots = [root];
  }
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  canShowDocsLinks = Boolean(params.capabilities.textDocument?.publishDiagnostics?.codeDescriptionSupport);
  canVersionEdits = Boolean(params.capabilities.workspace?.workspaceEdit?.documentChanges);
  const codeAction = params.capabilities.textDocument?.codeAction;
  canResolveCodeActionEdits = Boolean(codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit'));
  settings = readSettings(params.initializationOptions?.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND],
        resolveProvider: true,
      },
      hoverProvider: true,
      executeCommandProvider: { commands: [PIN_COMMAND, EXPLAIN_PIN_COMMAND] },
    },
    serverInfo: { name: 'shipshape', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' }).catch(() => undefined);
    await refreshSettings();
  }
  if (canWatchFiles) {
    await connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.shipshape.{yaml,yml}' },
          { globPattern: '**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,.env}' },
        ],
      })
      .catch(() => undefined);
  }
  relintAll();
});

connection.onDidChangeConfiguration(async (change) => {
  await refreshSettings(change.settings);
  relintAll();
});

connection.onDidChangeWatchedFiles((change) => {
  if (change.changes.some((c) => isConfigDocument(c.uri))) configCache.clear();
  relintAll();
});

documents.onDidOpen((event) => lintDocument(event.document));
documents.onDidChangeContent((event) => {
  if (isConfigDocument(event.document.uri)) {
    publishConfigProblems(event.document);
    return;
  }
  // TextDocuments reports an open as a content change too; onDidOpen has linted this version already.
  if (results.get(event.document.uri)?.version === event.document.version) return;
  if (settings.run === 'onType') schedule(event.document, typingDelay(event.document.uri));
  relintDependents(event.document);
});
documents.onDidSave((event) => {
  if (isConfigDocument(event.document.uri)) {
    configCache.clear();
    relintAll();
    return;
  }
  schedule(event.document, 0);
});
documents.onDidClose((event) => {
  const pending = timers.get(event.document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(event.document.uri);
  results.delete(event.document.uri);
  lintCost.delete(event.document.uri);
  const kept = keptParses.indexOf(event.document.uri);
  if (kept !== -1) keptParses.splice(kept, 1);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

/** The cached result, only if it was computed for the text the editor has now. */
function currentState(uri: string): LintState | undefined {
  const document = documents.get(uri);
  const state = results.get(uri);
  if (!document || !state || state.version !== document.version) return undefined;
  return state;
}

function findingFor(state: LintState, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  return state.findings.find((f) => !f.suppressed && f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range));
}

const FIX_ALL_TITLE = 'Fix all Shipshape problems that have a safe fix';
const FIX_ALL_UNSAFE_TITLE = 'Fix all Shipshape problems, including fixes that change behaviour (review the result)';

function fixAllEdits(state: LintState, unsafe: boolean) {
  return applyFixes(state.text, preferredFixGroups(state.findings, { unsafe })).edits;
}

/**
 * Every code action request would otherwise compute fix-all over the whole file (in passes, all
 * findings): on a file with a thousand findings that is most of the request. Clients that can
 * resolve code actions get the edit only when fix-all is picked. The unsafe variant has its own
 * kind outside `source.fixAll`, so a fix-all on save never applies it.
 */
function fixAllAction(uri: string, state: LintState, unsafe = false): CodeAction | undefined {
  const title = unsafe ? FIX_ALL_UNSAFE_TITLE : FIX_ALL_TITLE;
  const kind = unsafe ? FIX_ALL_UNSAFE_KIND : FIX_ALL_KIND;
  if (unsafe && unsafeFixCount(state.findings) === 0) return undefined;
  if (canResolveCodeActionEdits) {
    if (preferredFixGroups(state.findings, { unsafe }).length === 0) return undefined;
    return { title, kind, data: { uri, version: state.version } };
  }
  const edits = fixAllEdits(state, unsafe);
  if (edits.length === 0) return undefined;
  return { title, kind, edit: { changes: { [uri]: edits } } };
}

connection.onCodeActionResolve((action) => {
  const data = action.data as { uri?: string; version?: number } | undefined;
  const unsafe = action.kind === FIX_ALL_UNSAFE_KIND;
  if ((action.kind !== FIX_ALL_KIND && !unsafe) || !data?.uri) return action;
  const state = currentState(data.uri);
  if (!state || state.version !== data.version) return action;
  return { ...action, edit: { changes: { [data.uri]: fixAllEdits(state, unsafe) } } };
});

function quickFixes(uri: string, state: LintState, diagnostic: Diagnostic, finding: Finding): CodeAction[] {
  const filePath = fsPathOf(uri);
  const actions: CodeAction[] = [];
  for (const fix of finding.fixes) {
    if (fix.configChange) {
      if (!filePath) continue;
      const configPath = state.configPath ?? defaultConfigPath(filePath, workspaceRoots);
      const edit = configChangeEdit(configPath, fix.configChange, projectRootOf(filePath));
      if (edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    } else if (fix.edits.length > 0) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // Auto-fix (and "prefer" UIs) apply a preferred fix without showing it: only safe ones.
        isPreferred: Boolean(fix.preferred) && !fix.changesBehaviour,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  actions.push(
    {
      title: `Suppress ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [suppressLineEdit(state.text, state.kind, finding)] } },
    },
    {
      title: `Suppress ${finding.ruleId} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [suppressFileEdit(state.text, state.kind, finding.ruleId)] } },
    },
  );
  return actions;
}

connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
  const uri = params.textDocument.uri;
  const state = currentState(uri);
  if (!state) return [];
  const only = params.context.only;
  // Save actions and lightbulb refreshes ask automatically; a fix that needs review is only offered
  // when someone asks (clients that do not say are treated as asking).
  const invoked = params.context.triggerKind !== CodeActionTriggerKind.Automatic;
  const wantsFixAll = only?.some((kind) => kindContains(kind, FIX_ALL_KIND) || kindContains(kind, FIX_ALL_UNSAFE_KIND));
  const wantsRewrite = !only || only.some((kind) => kindContains(kind, CodeActionKind.RefactorRewrite));
  if (only && !only.some((kind) => kindContains(kind, CodeActionKind.QuickFix)) && !wantsRewrite) {
    if (!wantsFixAll) return [];
    const fixAlls = [fixAllAction(uri, state), invoked ? fixAllAction(uri, state, true) : undefined];
    return fixAlls.filter(
      (action): action is CodeAction => action !== undefined && only.some((kind) => kindContains(kind, action.kind)),
    );
  }
  const actions: CodeAction[] = [];
  const related: { diagnostic: Diagnostic; finding: Finding }[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const finding = findingFor(state, diagnostic);
    if (!finding) continue;
    related.push({ diagnostic, finding });
    actions.push(...quickFixes(uri, state, diagnostic, finding));
  }
  actions.push(
    ...pinCodeActions({
      uri,
      version: state.version,
      targets: (state.pinTargets ??= pinTargetsOf(parseOf(uri, state))),
      range: params.range,
      findings: related,
      enabled: settings.resolveDigests,
    }),
  );
  if (actions.length > 0 || wantsFixAll) {
    const fixAll = fixAllAction(uri, state);
    if (fixAll) actions.push(fixAll);
    const fixAllUnsafe = invoked ? fixAllAction(uri, state, true) : undefined;
    if (fixAllUnsafe) actions.push(fixAllUnsafe);
  }
  return only ? actions.filter((action) => only.some((kind) => kindContains(kind, action.kind))) : actions;
});

/** LSP kinds are hierarchical: `source` contains `source.fixAll.shipshape`; `source.fix` contains neither fix-all. */
function kindContains(parent: string, kind: string | undefined): boolean {
  // The empty kind is the root of the hierarchy: it contains every action.
  return kind !== undefined && (parent === '' || kind === parent || kind.startsWith(parent + '.'));
}

function contains(range: Finding['range'], position: { line: number; character: number }): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

function dotEnvOf(uri: string, kind: FileKind): { dotEnv?: string } {
  const filePath = fsPathOf(uri);
  if (kind !== 'compose' || !filePath) return {};
  const root = projectRootOf(filePath);
  const dotEnv = new FileSession(filePath, { rootOf: () => root, configs: new ConfigStore(), pathBase: () => undefined }).dotEnv(kind);
  return dotEnv === undefined ? {} : { dotEnv };
}

// One client while the settings stay the same: its tokens and the on-disk digest cache are shared.
let registryClient: { client: RegistryClient; useCredentialHelpers: boolean } | undefined;

function registryClientFor(useCredentialHelpers: boolean): RegistryClient {
  if (registryClient?.useCredentialHelpers !== useCredentialHelpers)
    registryClient = { client: new RegistryClient({ cache: digestCache, useCredentialHelpers }), useCredentialHelpers };
  return registryClient.client;
}
const digestCache = new FileDigestCache({ dir: defaultCacheDir() });

// A notification, not window/showMessageRequest: nothing waits on an answer some clients never send.
function showMessage(type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

connection.onExecuteCommand(async (params) => {
  if (params.command === EXPLAIN_PIN_COMMAND) {
    showMessage(MessageType.Info, explainPinning(String(params.arguments?.[0] ?? 'this image')));
    return null;
  }
  if (params.command !== PIN_COMMAND) return null;
  const args = params.arguments?.[0] as PinCommandArgs | undefined;
  if (!args) return null;
  if (!settings.resolveDigests) {
    showMessage(MessageType.Warning, explainPinning('this image'));
    return null;
  }
  const document = documents.get(args.uri);
  if (!document || document.version !== args.version) {
    showMessage(MessageType.Warning, 'The file changed since the action was offered; try "Pin to digest" again.');
    return null;
  }
  const kind = results.get(args.uri)?.kind ?? documentKind(document.languageId, args.uri);
  if (!kind) return null;
  const target = pinTargetAt(document.getText(), kind, args.position, dotEnvOf(args.uri, kind).dotEnv);
  if (!target?.ref || target.status !== 'pinnable') return null;
  const reference = pullReference(target.ref);
  try {
    const resolved = await registryClientFor(settings.useCredentialHelpers).resolve(reference);
    const edit = pinEdit(target, resolved.digest);
    const applied = await connection.workspace.applyEdit({
      label: `Pin ${target.written} to ${resolved.digest}`,
      // The version check above already ran here; documentChanges repeat it in the editor, where the
      // network round trip may have let the user type.
      edit: canVersionEdits
        ? { documentChanges: [{ textDocument: { uri: args.uri, version: args.version }, edits: [edit] }] }
        : { changes: { [args.uri]: [edit] } },
    });
    if (!applied.applied) showMessage(MessageType.Warning, `Could not pin ${target.written}: the editor refused the edit.`);
    return { digest: resolved.digest, applied: applied.applied };
  } catch (error) {
    const message = error instanceof RegistryError ? error.message : String(error);
    showMessage(MessageType.Error, `Could not pin ${target.written}: ${message}`);
    return null;
  }
});

connection.onHover(async (params): Promise<Hover | null> => {
  const state = currentState(params.textDocument.uri);
  if (!state) return null;
  const sections: string[] = [];
  for (const finding of state.findings) {
    if (finding.suppressed || !contains(finding.range, params.position)) continue;
    const rule = ruleById(finding.ruleId);
    if (!rule) continue;
    sections.push(
      [
        `**${rule.title}** (\`${rule.id}\`, ${finding.severity})`,
        '',
        // The message quotes file text: escaped, so it can never render as a link or an image.
        escapeMarkdown(finding.message),
        '',
        rule.docs.why,
        '',
        `**Fix:** ${rule.docs.fix}`,
        '',
        `[Rule documentation](${DOCS_BASE}/${rule.id}.md)`,
      ].join('\n'),
    );
  }
  try {
    const filePath = fsPathOf(params.textDocument.uri);
    state.images ??= imageReferencesOf(parseOf(params.textDocument.uri, state));
    const info = imageInfoIn(state.images, params.position, configFor(filePath).config);
    if (info) sections.push(imageInfoMarkdown(info));
    const pinned = info ? await pinnedHover(info.digest, digestCache) : undefined;
    if (pinned) sections.push(pinned);
  } catch (error) {
    connection.console.warn(`Image hover failed: ${String(error)}`);
  }
  // Image references can hold expanded secrets too: the whole hover goes through the redaction.
  return sections.length > 0 ? { contents: { kind: 'markdown', value: state.redact(sections.join('\n\n---\n\n')) } } : null;
});

// Exit with the editor even if it dies without sending `exit`: vscode-languageserver watches the
// parent pid given in initialize; for stdio clients, stdin closing means the editor is gone.
if (process.argv.includes('--stdio')) process.stdin.on('close', () => setTimeout(() => process.exit(0), 100).unref());

// A failed promise somewhere in a handler is logged, not allowed to end the session (Node's default).
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
