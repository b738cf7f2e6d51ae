import { createTwoFilesPatch } from 'diff';
import { NO_REDACTION } from '../engine';
import type { FileResult } from './lint-files';

/** `--fix-dry-run`: a unified diff of what --fix would change. */
export function formatFixDiff(results: FileResult[]): string {
  return results
    .filter((file) => file.fixed)
    .map((file) =>
      // Context and changed lines are file text: a secret on or near a fixed line is masked.
      (file.redact ?? NO_REDACTION)(
        createTwoFilesPatch(`a/${file.displayPath}`, `b/${file.displayPath}`, file.fixed!.before, file.fixed!.after, '', '', {
          context: 3,
        }),
      ),
    )
    .join('');
}
