// ESLint's JSON result format (https://eslint.org/docs/latest/integrate/nodejs-api#-lintresult-type),
// so ESLint's own formatters and the tools built for its output (reviewdog, CI annotators, editor
// problem matchers) read Shipshape's findings as they read ESLint's: numeric severities, counts,
// `fix` objects in character offsets, suppressed findings in `suppressedMessages`, and a file that
// cannot be linted as a `fatal` message. Shipshape's own vocabulary rides along in extra fields.
import { NO_REDACTION, preferredFix, TextIndex, type Finding, type Fix, type Severity } from '../engine';
import type { FileResult } from './lint-files';

// ESLint knows warnings (1) and errors (2); info and hint findings are shown as warnings there,
// and `shipshapeSeverity` keeps the real level.
const ESLINT_SEVERITY: Record<Severity, 1 | 2> = { error: 2, warning: 1, info: 1, hint: 1 };

interface EslintFix {
  /** Offsets into the file's text (UTF-16 code units), end exclusive. */
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** ESLint's fix: present for a safe fix that `--fix` applies. */
  fix?: EslintFix;
  /** Fixes to apply by hand: the ones that change how the image builds or the container runs. */
  suggestions?: { desc: string; fix: EslintFix }[];
  /** A file that could not be read or parsed at all (ESLint's parse-error shape). */
  fatal?: true;
  shipshapeSeverity?: Severity;
  fixable?: boolean;
  /** The fix changes how the image builds or the container runs: `--fix` applies it only with `--unsafe-fixes`. */
  unsafeFix?: true;
  suppressions?: { kind: 'directive' | 'external'; justification: string }[];
}

export interface JsonFileResult {
  /** Absolute, as ESLint writes it. */
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: [];
  /** Shipshape: dockerfile or compose. */
  kind: string | null;
  /** Shipshape: why the file could not be linted (also a fatal message). */
  error: string | null;
  /** Shipshape: why the file was not linted (binary, too large, ignored). */
  skipped?: string;
}

/** A fix as one ESLint range: its edits joined into the smallest span that covers them. */
function eslintFix(fix: Fix, indexOf: () => TextIndex | undefined, redact: (text: string) => string): EslintFix | undefined {
  if (fix.configChange || fix.edits.length === 0) return undefined;
  const index = indexOf();
  if (!index) return undefined;
  const edits = fix.edits
    .map((edit) => ({ start: index.offset(edit.range.start), end: index.offset(edit.range.end), text: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const start = edits[0]!.start;
  let text = '';
  let at = start;
  for (const edit of edits) {
    if (edit.start < at) return undefined; // overlapping edits have no single-range form
    text += index.text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  const joined: EslintFix = { range: [start, at], text };
  // A fix whose text would carry a secret is not written into a report.
  return redact(joined.text) === joined.text ? joined : undefined;
}

function toMessage(finding: Finding, index: () => TextIndex | undefined, redact: (text: string) => string): JsonMessage {
  const message: JsonMessage = {
    ruleId: finding.ruleId,
    severity: ESLINT_SEVERITY[finding.severity],
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    shipshapeSeverity: finding.severity,
  };
  const preferred = preferredFix(finding);
  message.fixable = preferred !== undefined;
  if (preferred?.changesBehaviour) message.unsafeFix = true;
  const safe = preferred && !preferred.changesBehaviour ? eslintFix(preferred, index, redact) : undefined;
  if (safe) message.fix = safe;
  const suggestions = finding.fixes
    .filter((fix) => fix !== preferred || fix.changesBehaviour)
    .flatMap((fix) => {
      const converted = eslintFix(fix, index, redact);
      return converted ? [{ desc: fix.title, fix: converted }] : [];
    });
  if (suggestions.length > 0) message.suggestions = suggestions;
  if (finding.suppressed)
    message.suppressions = [
      { kind: finding.suppressed.kind === 'inline' ? 'directive' : 'external', justification: finding.suppressed.justification },
    ];
  return message;
}

export function toJsonFile(result: FileResult): JsonFileResult {
  // Line offsets only for a file with a fix to write: most files of a run have none.
  let index: TextIndex | undefined;
  const indexOf = () => (result.text !== undefined ? (index ??= new TextIndex(result.text)) : undefined);
  const redact = result.redact ?? NO_REDACTION;
  const messages: JsonMessage[] = [];
  const suppressedMessages: JsonMessage[] = [];
  for (const finding of result.findings)
    (finding.suppressed ? suppressedMessages : messages).push(toMessage(finding, indexOf, redact));
  if (result.error) messages.unshift({ ruleId: null, fatal: true, severity: 2, message: result.error, line: 1, column: 1 });
  const file: JsonFileResult = {
    filePath: result.path,
    messages,
    suppressedMessages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
    usedDeprecatedRules: [],
    kind: result.kind ?? null,
    error: result.error ?? null,
  };
  if (result.skipped) file.skipped = result.skipped;
  return file;
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results.map(toJsonFile), null, 2) + '\n';
}
