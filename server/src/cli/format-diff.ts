import { createTwoFilesPatch } from 'diff';
import { NO_REDACTION } from '../engine';
import type { FileResult } from './lint-files';
import { terminalSafe, terminalSafeLines } from './terminal-safe';

/** `--fix-dry-run`: a unified diff of what --fix would change. */
export function formatFixDiff(results: FileResult[]): string {
  return results
    .filter((file) => file.fixed)
    .map((file) =>
      // Context and changed lines are file text: a secret on or near a fixed line is masked, and
      // control characters in them and in the file name are shown as escapes (the diff goes to a
      // terminal or a CI log, where a name with a newline could start a `::error::` line).
      terminalSafeLines(
        (file.redact ?? NO_REDACTION)(
          createTwoFilesPatch(
            `a/${terminalSafe(file.displayPath)}`,
            `b/${terminalSafe(file.displayPath)}`,
            file.fixed!.before,
            file.fixed!.after,
            '',
            '',
            { context: 3 },
          ),
        ),
      ),
    )
    .join('');
}
