// The engine's public vocabulary. Positions are LSP-compatible (0-based line, UTF-16 character)
// so the language server can pass them through untouched; the CLI adds 1 for humans.
import type { FileKind } from './file-kinds';
import type { ParsedFile } from './parsed';
import type { SliceMemory } from './slice-reuse';
import type { Redactor } from './redaction';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type { FileKind };

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['hint', 'info', 'warning', 'error'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** An edit to the project's `.shipshape.yaml` rather than to the linted file. */
export interface ConfigChange {
  /** A list-valued config key to which `value` is appended (created when missing). */
  appendTo: 'trustedRegistries' | 'trustedImages';
  value: string;
}

export interface Fix {
  title: string;
  /** Edits to the linted document. */
  edits: TextEdit[];
  /** The fix a "fix all" applies; at most one per finding. */
  preferred?: boolean;
  /**
   * Set when applying the fix can change how the image builds or what the container can do at run
   * time (drops a capability, binds a port to loopback, switches the user). Such fixes are offered
   * one finding at a time; `--fix` and the editor's "Fix all" skip them unless asked
   * (`--unsafe-fixes`), so a pre-commit hook or save action never silently breaks a service.
   */
  changesBehaviour?: boolean;
  /** Set when the fix changes the configuration instead of the document. */
  configChange?: ConfigChange;
}

export interface Suppression {
  kind: 'inline' | 'override';
  justification: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Compose service the finding belongs to, when there is one. */
  service?: string;
  /** Present when a comment or a config override silenced it; it then never fails a build. */
  suppressed?: Suppression;
}

export interface LintInput {
  text: string;
  kind: FileKind;
  /** Workspace-relative or absolute path, used for config overrides and cross-file lookups. */
  path?: string;
  /**
   * Reads another file relative to the linted file's folder (a Compose service's Dockerfile,
   * `.env`, `.dockerignore`). The engine stays pure: the CLI and the server supply the reader.
   * Returns undefined when the file does not exist or cannot be read.
   */
  readFile?: (relativePath: string) => string | undefined;
  /**
   * What the caller keeps between lints of one document (the editor, per open document): rules that
   * say so are not run again on the parts of the file the edit left alone (ADR 009). The lint
   * updates it; the findings are the same as without it.
   */
  memory?: SliceMemory;
}

export interface LintResult {
  findings: Finding[];
  /** Set when the file was not linted at all (binary, too large); a human-readable reason. */
  skipped?: string;
  /** The parse the rules ran on (absent when skipped), for callers that answer more questions about this text. */
  parsed?: ParsedFile;
  /**
   * Masks the secrets of this text (and of the files the lint read) in anything shown from it: code
   * frames, diffs, fix text, hovers. Messages and fix titles come out of `lint` already masked.
   */
  redact?: Redactor;
}
