// dockerfile-ast turns offsets into positions through its document's positionAt, a binary search
// over the line starts on every call: about 70,000 calls in a 10,000-line lint, and a growing share
// of a larger file's lint (2 % of a 10,000-line ENV file's time, 5 % at 50,000 lines). The parser
// and most callers ask for offsets close to the previous one, so this positionAt looks at the line
// of its last answer and the next line before searching. Its answers are the library's:
// vscode-languageserver-textdocument's line starts (\r\n, \r and \n each end a line) and its
// offset clamping, with an offset inside a line break answered as the end of that line's text
// (test/unit/nearby-positions.test.ts compares the two at every offset).
import type { Position } from '../types';

interface PositionDocument {
  getText(): string;
  positionAt(offset: number): Position;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The last line whose start is at or before `offset`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (starts[mid]! > offset) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

/** Gives `document` (whose text never changes) a positionAt that starts from its previous answer. */
export function answerPositionsNearby(document: PositionDocument): void {
  const text = document.getText();
  let starts: number[] | undefined;
  let line = 0;
  document.positionAt = (offset: number): Position => {
    starts ??= lineStartsOf(text);
    const at = Math.max(Math.min(offset, text.length), 0);
    const next = starts[line + 1];
    if (at < starts[line]! || (next !== undefined && at >= next)) {
      const after = starts[line + 2];
      line = next !== undefined && at >= next && (after === undefined || at < after) ? line + 1 : lineOf(starts, at);
    }
    const start = starts[line]!;
    let end = at;
    while (end > start && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
    return { line, character: end - start };
  };
}
