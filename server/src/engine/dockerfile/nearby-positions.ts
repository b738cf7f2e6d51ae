// dockerfile-ast turns offsets into positions through its document's positionAt, a binary search
// over the line starts on every call: about 70,000 calls in a 10,000-line lint, and a growing share
// of a larger file's lint (2 % of a 10,000-line ENV file's time, 5 % at 50,000 lines). The parser
// and most callers ask for offsets close to the previous one, so this positionAt looks at the line
// of its last answer and the next line before searching. Its answers are the library's:
// vscode-languageserver-textdocument's line starts (\r\n, \r and \n each end a line) and its
// offset clamping, with an offset inside a line break answered as the end of that line's text
// (test/unit/nearby-positions.test.ts compares the two at every offset).
import { TextIndex } from '../text';
import type { Position } from '../types';

interface PositionDocument {
  getText(): string;
  positionAt(offset: number): Position;
}

/**
 * Gives `document` (whose text never changes) a positionAt that starts from its previous answer.
 * `given`, an index of the same text (the model's), is used rather than a second one, and is given
 * to the document as its line offsets too, which it would otherwise work out a third time.
 */
export function answerPositionsNearby(document: PositionDocument, given?: TextIndex): void {
  const text = document.getText();
  let index = given !== undefined && given.text === text ? given : undefined;
  const lineOffsets = document as { _lineOffsets?: number[] };
  if (index !== undefined && '_lineOffsets' in lineOffsets && lineOffsets._lineOffsets === undefined)
    lineOffsets._lineOffsets = index.lineStarts;
  let line = 0;
  document.positionAt = (offset: number): Position => {
    index ??= new TextIndex(text);
    const starts = index.lineStarts;
    const at = Math.max(Math.min(offset, text.length), 0);
    const next = starts[line + 1];
    if (at < starts[line]! || (next !== undefined && at >= next)) {
      const after = starts[line + 2];
      line = next !== undefined && at >= next && (after === undefined || at < after) ? line + 1 : index.position(at).line;
    }
    // An offset inside a line break is the end of that line's text.
    return { line, character: Math.min(at, index.lineEnd(line)) - starts[line]! };
  };
}
