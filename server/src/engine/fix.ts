// Line-level edit helpers shared by Dockerfile and Compose fixes. Edits are computed from ranges
// in the original text and keep the file's indentation and line breaks.
import type { TextIndex } from './text';
import type { Range, TextEdit } from './types';

export function replaceRange(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function indentationOf(index: TextIndex, line: number): string {
  return /^[ \t]*/.exec(index.lineText(line))![0];
}

/** Inserts whole lines before `line`, each prefixed with `indent`. */
export function insertLinesBefore(index: TextIndex, line: number, lines: string[], indent: string): TextEdit {
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: lines.map((l) => indent + l + index.eol).join('') };
}

/** Inserts whole lines after `line` (at the end of the file when it is the last line). */
export function insertLinesAfter(index: TextIndex, line: number, lines: string[], indent: string): TextEdit {
  if (line + 1 < index.lineCount) return insertLinesBefore(index, line + 1, lines, indent);
  const end = index.position(index.text.length);
  // The last character, not /[\r\n]$/: that regex scans the whole text for a line break.
  const last = index.text.charCodeAt(index.text.length - 1);
  const prefix = index.text.length > 0 && last !== 10 && last !== 13 ? index.eol : '';
  return { range: { start: end, end }, newText: prefix + lines.map((l) => indent + l).join(index.eol) + index.eol };
}

/** Removes lines `first..last` entirely, with their line breaks. */
export function removeLines(index: TextIndex, first: number, last: number): TextEdit {
  const start = { line: first, character: 0 };
  const end = last + 1 < index.lineCount ? { line: last + 1, character: 0 } : index.position(index.text.length);
  // Removing the last line of a file without a trailing newline: take the preceding break instead.
  if (last + 1 >= index.lineCount && first > 0) {
    const previousEnd = index.position(index.lineEnd(first - 1));
    return { range: { start: previousEnd, end }, newText: '' };
  }
  return { range: { start, end }, newText: '' };
}
