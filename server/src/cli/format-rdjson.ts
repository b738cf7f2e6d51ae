// reviewdog's Diagnostic Format (rdjson, https://github.com/reviewdog/reviewdog/tree/master/proto/rdf):
// `reviewdog -f=rdjson` posts each finding as a review comment, with a suggested change for a safe fix.
import { NO_REDACTION, preferredFix, TextIndex, type Finding, type Position, type Severity } from '../engine';
import type { FileResult } from './lint-files';

const DOCS = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules';
const RDJSON_SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = {
  error: 'ERROR',
  warning: 'WARNING',
  info: 'INFO',
  hint: 'INFO',
};

/** rdjson columns count UTF-8 bytes from 1. */
function rdPosition(index: TextIndex | undefined, position: Position) {
  if (!index || position.line >= index.lineCount) return { line: position.line + 1, column: position.character + 1 };
  const before = index.lineText(position.line).slice(0, position.character);
  return { line: position.line + 1, column: Buffer.byteLength(before, 'utf8') + 1 };
}

function suggestions(finding: Finding, index: TextIndex | undefined, redact: (text: string) => string) {
  const fix = preferredFix(finding);
  if (!fix || fix.changesBehaviour || fix.configChange || fix.edits.length === 0) return undefined;
  // A suggestion that would write a secret into a review comment is left out.
  if (fix.edits.some((edit) => redact(edit.newText) !== edit.newText)) return undefined;
  return fix.edits.map((edit) => ({
    range: { start: rdPosition(index, edit.range.start), end: rdPosition(index, edit.range.end) },
    text: edit.newText,
  }));
}

export function formatRdjson(results: FileResult[]): string {
  const diagnostics = results.flatMap((file) => {
    const index = file.text !== undefined ? new TextIndex(file.text) : undefined;
    const redact = file.redact ?? NO_REDACTION;
    const fileError = file.error
      ? [{ message: file.error, location: { path: file.displayPath }, severity: 'ERROR', code: { value: 'file-error' } }]
      : [];
    return [
      ...fileError,
      ...file.findings
        .filter((finding) => !finding.suppressed)
        .map((finding) => {
          const suggested = suggestions(finding, index, redact);
          return {
            message: finding.message,
            location: {
              path: file.displayPath,
              range: { start: rdPosition(index, finding.range.start), end: rdPosition(index, finding.range.end) },
            },
            severity: RDJSON_SEVERITY[finding.severity],
            code: { value: finding.ruleId, url: `${DOCS}/${finding.ruleId}.md` },
            ...(suggested ? { suggestions: suggested } : {}),
          };
        }),
    ];
  });
  return (
    JSON.stringify({ source: { name: 'shipshape', url: 'https://github.com/shipshape-dev/shipshape' }, diagnostics }, null, 2) +
    '\n'
  );
}
