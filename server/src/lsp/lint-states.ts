// What the server remembers of each open document's last lint, for code actions, hovers and the
// re-lint of documents that read an edited file.
import type { Diagnostic } from 'vscode-languageserver/node';
import {
  NO_REDACTION,
  type FileKind,
  type Finding,
  type ImageReference,
  type LintResult,
  type ParsedFile,
  type PinTarget,
  type Redactor,
} from '../engine';
import type { FixedText } from '../engine/fix-loop';
import { SliceMemory } from '../engine/slice-reuse';
import type { FileSession } from '../workspace/lint-session';
import { composeFragmentKind } from './compose-fragment-kind';
import { configDiagnostics } from './config-diagnostics';
import { SOURCE, toDiagnostic } from './diagnostics';
import { documentKind, isConfigDocument } from './document-kind';

export interface LintState {
  version: number;
  kind: FileKind;
  findings: Finding[];
  text: string;
  /** The config, reader and `.env` the lint used: hovers, pins and fix-all ask it, not the disk. */
  session: FileSession;
  /** The lint's parse, kept for the documents edited last so hovers and code actions reuse it. */
  parsed?: ParsedFile;
  /** Computed on the first code action request for this version, then reused while the user browses. */
  pinTargets?: PinTarget[];
  /** Image references for hovers, parsed on the first hover of this version. */
  images?: ImageReference[];
  /** Fix-all's result for this version, safe and with behaviour-changing fixes, computed when first asked. */
  fixAll?: { safe?: FixedText; unsafe?: FixedText };
  /** Masks the document's secrets (and those of the files it read) in hovers. */
  redact: Redactor;
  /** What the next lint of the document reuses of this one (ADR 009). */
  memory: SliceMemory;
}

/** The lint result a state stands for (what the fix loop starts from). */
export function resultOf(state: LintState): LintResult {
  return { findings: state.findings, redact: state.redact };
}

/** The lint's parse, or a new one with the `.env` the lint read. */
export function parseOf(state: LintState): ParsedFile {
  return state.parsed ?? state.session.parse(state.text, state.kind);
}

/** Every preferred fix of the document, pass after pass (as `shipshape lint --fix`), once per version. */
export function fixAllOf(state: LintState, unsafe: boolean): FixedText {
  const cached = (state.fixAll ??= {});
  const key = unsafe ? 'unsafe' : 'safe';
  return (cached[key] ??= state.session.fix(state.text, state.kind, { unsafe }, resultOf(state)));
}

export interface LintedDocument {
  state: LintState;
  diagnostics: Diagnostic[];
  /** CPU milliseconds the lint used. */
  cost: number;
}

/**
 * The server process's CPU time in milliseconds. A lint's cost is measured in it, not in wall time:
 * on a busy machine a 150-line Dockerfile's lints took over 50 ms of wall time for 10-20 ms of CPU,
 * so three of them in a row made its keystrokes wait out the typing debounce.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Lints a document's text in its session: the state to remember and the diagnostics to publish. */
export function lintDocumentText(
  document: { version: number; text: string },
  kind: FileKind,
  session: FileSession,
  withDocsLinks: boolean,
  memory = new SliceMemory(),
): LintedDocument {
  const started = cpuMs();
  const result = session.lint(document.text, kind, memory);
  const cost = cpuMs() - started;
  const state: LintState = {
    version: document.version,
    kind,
    findings: result.findings,
    text: document.text,
    session,
    redact: result.redact ?? NO_REDACTION,
    memory,
  };
  if (result.parsed) state.parsed = result.parsed;
  const diagnostics: Diagnostic[] = result.skipped
    ? [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: SOURCE,
          code: 'skipped',
          message: `Shipshape: ${result.skipped}`,
        },
      ]
    : result.findings.flatMap((finding) => (finding.suppressed ? [] : [toDiagnostic(finding, withDocsLinks)]));
  return { state, diagnostics, cost };
}

export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  getText(): string;
}

/**
 * What to publish for an open document: its config problems for a `.shipshape.yaml`, nothing (and
 * no state) with linting disabled, its lint otherwise. Undefined for documents Shipshape does not lint.
 */
export function lintOpenDocument(
  document: OpenDocument,
  options: {
    enabled: boolean;
    session: () => FileSession;
    withDocsLinks: boolean;
    knownRuleIds: ReadonlySet<string>;
    /** The memory of the document's last lint, if it had one. */
    memory?: SliceMemory;
  },
): { diagnostics: Diagnostic[]; linted?: LintedDocument } | undefined {
  if (isConfigDocument(document.uri)) return { diagnostics: configDiagnostics(document.getText(), options.knownRuleIds) };
  let session: FileSession | undefined;
  const sessionOnce = () => (session ??= options.session());
  const kind =
    documentKind(document.languageId, document.uri) ?? composeFragmentKind(document.languageId, document.uri, sessionOnce);
  if (!kind) return undefined;
  if (!options.enabled) return { diagnostics: [] };
  const linted = lintDocumentText(
    { version: document.version, text: document.getText() },
    kind,
    sessionOnce(),
    options.withDocsLinks,
    options.memory,
  );
  return { diagnostics: linted.diagnostics, linted };
}

// A parse holds the whole syntax tree, a memory the reports of every stage: keep them only for the
// few documents being worked on.
const KEPT_PARSES = 2;

/** The last lint of each open document. */
export class LintStates {
  private readonly states = new Map<string, LintState>();
  private readonly keptParses: string[] = [];

  constructor(private readonly keptParseCount = KEPT_PARSES) {}

  get(uri: string): LintState | undefined {
    return this.states.get(uri);
  }

  /** The state, only if it was computed for the version the editor has now. */
  current(uri: string, version: number | undefined): LintState | undefined {
    const state = this.states.get(uri);
    return state && version !== undefined && state.version === version ? state : undefined;
  }

  set(uri: string, state: LintState): void {
    this.states.set(uri, state);
    if (state.parsed) this.keepParse(uri);
  }

  delete(uri: string): void {
    this.states.delete(uri);
    const kept = this.keptParses.indexOf(uri);
    if (kept !== -1) this.keptParses.splice(kept, 1);
  }

  /** Open documents whose last lint read `file` (a Compose file reading its Dockerfile), other than `except`. */
  readersOf(file: string, except: string): string[] {
    // Asked on every keystroke: a loop, not a copy of every open document's entry.
    const readers: string[] = [];
    for (const [uri, state] of this.states) if (uri !== except && state.session.reads.has(file)) readers.push(uri);
    return readers;
  }

  private keepParse(uri: string): void {
    const at = this.keptParses.indexOf(uri);
    if (at !== -1) this.keptParses.splice(at, 1);
    this.keptParses.push(uri);
    while (this.keptParses.length > this.keptParseCount) {
      const dropped = this.states.get(this.keptParses.shift()!);
      if (dropped) {
        delete dropped.parsed;
        // Its slices' reports too: an open document nobody edits keeps only its findings.
        dropped.memory.forget();
      }
    }
  }
}
