// Stable identities for findings, for the report formats that track issues across runs (SARIF
// partialFingerprints, GitLab Code Quality fingerprints): edits elsewhere in a file must not make a
// known finding look new, nor two identical findings on different lines look like one.
import { createHash } from 'node:crypto';
import { NO_REDACTION, TextIndex, type Finding } from '../engine';
import type { FileResult } from './lint-files';

/**
 * Returns the fingerprint of each finding of `file`, asked in file order: a hash of the rule, the
 * file, the (redacted, trimmed) text of the finding's line and how many identical ones came before.
 */
export function fingerprinter(file: FileResult): (finding: Finding) => string {
  const index = file.text !== undefined ? new TextIndex(file.text) : undefined;
  const redact = file.redact ?? NO_REDACTION;
  const seen = new Map<string, number>();
  return (finding) => {
    const line =
      index && finding.range.start.line < index.lineCount ? redact(index.lineText(finding.range.start.line)).trim() : '';
    const key = `${finding.ruleId}\u0000${file.displayPath}\u0000${line}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  };
}
