import { createTwoFilesPatch } from 'diff';
import type { FileResult } from './lint-files';

/** `--fix-dry-run`: a unified diff of what --fix would change. */
export function formatFixDiff(results: FileResult[]): string {
  return results
    .filter((file) => file.fixed)
    .map((file) =>
      createTwoFilesPatch(`a/${file.displayPath}`, `b/${file.displayPath}`, file.fixed!.before, file.fixed!.after, '', '', {
        context: 3,
      }),
    )
    .join('');
}
