// ESLint-style JSON (DESIGN.md): one entry per file, 1-based positions, suppressed findings kept.
import { preferredFix, type Finding } from '../engine';
import type { FileResult } from './lint-files';

export interface JsonMessage {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** The fix changes how the image builds or the container runs: `--fix` applies it only with `--unsafe-fixes`. */
  unsafeFix?: true;
  suppressed?: { kind: string; justification: string };
}

export interface JsonFileResult {
  filePath: string;
  kind: string | null;
  messages: JsonMessage[];
  error: string | null;
  skipped?: string;
}

export function toJsonMessage(finding: Finding): JsonMessage {
  const fix = preferredFix(finding);
  const message: JsonMessage = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    fixable: fix !== undefined,
  };
  if (fix?.changesBehaviour) message.unsafeFix = true;
  if (finding.suppressed) message.suppressed = { ...finding.suppressed };
  return message;
}

export function formatJson(results: FileResult[]): string {
  const files: JsonFileResult[] = results.map((result) => {
    const file: JsonFileResult = {
      filePath: result.displayPath,
      kind: result.kind ?? null,
      messages: result.findings.map(toJsonMessage),
      error: result.error ?? null,
    };
    if (result.skipped) file.skipped = result.skipped;
    return file;
  });
  return JSON.stringify(files, null, 2) + '\n';
}
