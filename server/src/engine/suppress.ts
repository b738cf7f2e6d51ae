// Inline suppression comments: `# shipshape-ignore <id>[,<id>] -- <reason>` before an instruction or
// YAML node, `# shipshape-ignore-file <id>` for the whole file, and hadolint's own
// `# hadolint ignore=DL3008` / `# hadolint global ignore=...`, mapped through each rule's refs.
import type { TextIndex } from './text';
import type { Range } from './types';

export interface SuppressionComment {
  /** 0-based line of the comment. */
  line: number;
  kind: 'next' | 'file' | 'hadolint' | 'hadolint-file';
  /** Rule ids as written (hadolint codes already mapped to our ids). */
  ids: string[];
  /** For shipshape comments: where each id is written, for the unused-suppression fix. */
  idRanges: Range[];
  reason: string;
  /** The comment's full range. */
  range: Range;
  /** First and last line (0-based, inclusive) the comment covers. */
  scope: { first: number; last: number };
}

// `#`, optional spaces, the keyword and a space; ids are kebab-case words, the reason is free text.
const SHIPSHAPE = /^(\s*#[ \t]*)shipshape-ignore(-file)?(?=\s)/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore=([A-Za-z0-9,\s]+)$/;

// What each comment form's regex needs written in its line (both are case-sensitive).
const KEYWORDS = ['shipshape-ignore', 'hadolint'];

/**
 * The lines in which one of `needles` occurs, in order, found by searching the whole text: only
 * they can hold a suppression comment, and most files have none (no line is sliced then).
 */
function linesMentioning(index: TextIndex, needles: readonly string[]): number[] {
  const { text, lineStarts } = index;
  const lines: number[] = [];
  for (const needle of needles) {
    let line = 0;
    for (let at = text.indexOf(needle); at !== -1;) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= at) line++;
      lines.push(line);
      if (line + 1 >= lineStarts.length) break;
      at = text.indexOf(needle, lineStarts[line + 1]);
    }
  }
  // Two needles: two ascending runs, and a line can mention both.
  return needles.length > 1 && lines.length > 1 ? [...new Set(lines)].sort((a, b) => a - b) : lines;
}

/** Finds suppression comments; `scopeOf` turns the comment's next content line into the covered lines. */
export function findSuppressions(
  index: TextIndex,
  hadolintToRules: (code: string) => string[],
  scopeOf: (nextLine: number) => { first: number; last: number },
): SuppressionComment[] {
  const comments: SuppressionComment[] = [];
  const nextContent = nextContentFinder(index);
  for (const line of linesMentioning(index, KEYWORDS)) {
    const text = index.lineText(line);
    const shipshape = SHIPSHAPE.exec(text);
    const hadolint = shipshape ? null : HADOLINT.exec(text);
    if (!shipshape && !hadolint) continue;
    const range = { start: { line, character: text.search(/\S/) }, end: { line, character: text.length } };
    const next = nextContent(line);
    const whole = { first: 0, last: index.lineCount - 1 };
    if (shipshape) {
      const body = text.slice(shipshape[0].length);
      const separator = body.indexOf('--');
      const idText = separator === -1 ? body : body.slice(0, separator);
      const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
      const ids: string[] = [];
      const idRanges: Range[] = [];
      const offset = shipshape[1]!.length + 'shipshape-ignore'.length + (shipshape[2] ? 5 : 0);
      for (const match of idText.matchAll(/[A-Za-z0-9-]+/g)) {
        ids.push(match[0]);
        const start = offset + match.index!;
        idRanges.push({ start: { line, character: start }, end: { line, character: start + match[0].length } });
      }
      const isFile = Boolean(shipshape[2]);
      if (!isFile && next === undefined) continue;
      comments.push({
        line,
        kind: isFile ? 'file' : 'next',
        ids,
        idRanges,
        reason,
        range,
        scope: isFile ? whole : scopeOf(next!),
      });
    } else {
      const ids = hadolint![2]!.split(',').flatMap((code) => hadolintToRules(code.trim().toUpperCase()));
      const isFile = Boolean(hadolint![1]);
      if (!isFile && next === undefined) continue;
      comments.push({
        line,
        kind: isFile ? 'hadolint-file' : 'hadolint',
        ids,
        idRanges: [],
        reason: 'hadolint ignore comment',
        range,
        scope: isFile ? whole : scopeOf(next!),
      });
    }
  }
  return comments;
}

/**
 * The next line after a given one that is neither blank nor a comment: what a suppression comment
 * applies to. Asked with increasing lines; a run of comment lines is scanned once, not once per
 * comment in it.
 */
function nextContentFinder(index: TextIndex): (line: number) => number | undefined {
  let scannedFrom = -1;
  let found: number | undefined;
  return (line) => {
    // Every line between the last question and its answer is blank or a comment: same answer.
    if (scannedFrom !== -1 && line >= scannedFrom && (found === undefined || line < found)) return found;
    scannedFrom = line;
    found = undefined;
    for (let next = line + 1; next < index.lineCount; next++) {
      const text = index.lineText(next).trim();
      if (text !== '' && !text.startsWith('#')) {
        found = next;
        break;
      }
    }
    return found;
  };
}
