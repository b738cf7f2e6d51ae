import type { Position, Range } from './types';

// The line starts of the text being indexed, collected in one array every index reuses and then
// copied out at their exact count: pushing into a new array allocated about three times its final
// size on the way. Emptied after a text of more lines than most files have, so as not to keep it.
const scratch: number[] = [0];
const SCRATCH_KEPT = 1 << 16;

/** Offset <-> position conversion over one text, in O(log lines) per lookup. */
export class TextIndex {
  /** The offset each line starts at: the same array as vscode-languageserver-textdocument's line offsets. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    let count = 1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // \r\n, \n and a lone \r all end a line, as in LSP.
      if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        scratch[count++] = i + 1;
      } else if (ch === 10) {
        scratch[count++] = i + 1;
      }
    }
    this.lineStarts = scratch.slice(0, count);
    if (scratch.length > SCRATCH_KEPT) scratch.length = 1;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between the \r and \n of a CRLF is not a column of that line: it is its end.
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low]! };
  }

  offset(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line] ?? this.text.length, this.lineEnd(line));
  }

  /** The file's dominant line break, so inserted lines match (CRLF files stay CRLF). */
  get eol(): string {
    const firstBreak = this.text.indexOf('\n');
    return firstBreak > 0 && this.text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  }
}
