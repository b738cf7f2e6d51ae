// A guard in front of the YAML parser. The parser and everything that walks its tree recurse
// once per nesting level, so a few KB of `- - - - …` or `[[[[…` overflow the stack, and the
// parser's time grows faster than linearly with flow depth. This scanner measures nesting in one
// linear pass over the text (block levels by indentation and compact `- `/`? ` indicators, plus
// flow brackets), without building anything, and finds the regions that go too deep. The caller
// blanks those regions (same offsets, so every position stays right) and parses the rest, so one
// hostile entry cannot hide the findings of the others.

/** Block and flow levels together; real Compose files nest about a dozen. */
export const MAX_NESTING_DEPTH = 256;

export interface NestingRegion {
  /** Offsets of the text to leave out: the entry (a service, or a top-level key) holding the excess. */
  start: number;
  end: number;
  /** Where the nesting first went past the limit. */
  at: number;
}

interface Level {
  column: number;
  /** Offset of the line the level starts on. */
  lineStart: number;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function isBreakOrEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === '\n' || ch === '\r';
}

/** The regions of `text` nested deeper than `limit`, in order; empty for any ordinary file. */
export function excessiveNesting(text: string, limit = MAX_NESTING_DEPTH): NestingRegion[] {
  // Most files are too small to nest that deep at all: a count of the characters that open levels
  // says so at a quarter of the scan's cost (172 of the corpus's 192 YAML files; 9.8 -> 2.4 ms for
  // all of them on the first pass, as a CLI run lints them).
  return cannotNestDeeper(text, limit) ? [] : scanNesting(text, limit);
}

/**
 * Whether `text` has too few characters that open levels to nest deeper than `limit`: the scan
 * opens a block level at most once per line (the line's first node) and once per `-`, `?` or `:`
 * indicator, and a flow level once per `[` or `{`, never twice for one character.
 */
export function cannotNestDeeper(text: string, limit: number): boolean {
  let bound = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // \n - ? : [ {
    if ((ch === 10 || ch === 45 || ch === 63 || ch === 58 || ch === 91 || ch === 123) && ++bound > limit) return false;
  }
  return true;
}

/** The scan itself: nesting measured line by line, and the regions past `limit`. */
export function scanNesting(text: string, limit: number): NestingRegion[] {
  const regions: NestingRegion[] = [];
  let stack: Level[] = [];
  let flow = 0;
  let quote = '';
  // Inside a block scalar (`|`, `>`): lines indented more than this are text.
  let scalarIndent = -1;
  let lineStart = 0;

  const record = (at: number): number => {
    // Leave out the entry the excess is in: the second level when there is one (a service, or the
    // value of a top-level key), else the top-level entry; it ends at the next line indented as
    // little as its start (sequence items and closing brackets at that indent still belong to it).
    const anchor = stack.length >= 2 ? stack[1]! : (stack[0] ?? { column: 0, lineStart });
    let end = text.indexOf('\n', at);
    end = end === -1 ? text.length : end + 1;
    while (end < text.length) {
      let i = end;
      while (isBlank(text[i])) i++;
      const indent = i - end;
      const ch = text[i];
      const continues =
        isBreakOrEnd(ch) ||
        ch === '#' ||
        indent > anchor.column ||
        ch === ']' ||
        ch === '}' ||
        ch === ',' ||
        (indent === anchor.column && ch === '-' && (isBlank(text[i + 1]) || isBreakOrEnd(text[i + 1])));
      if (!continues) break;
      const next = text.indexOf('\n', end);
      end = next === -1 ? text.length : next + 1;
    }
    regions.push({ start: anchor.lineStart, end, at });
    stack = [];
    flow = 0;
    quote = '';
    scalarIndent = -1;
    return end;
  };

  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    // `nodeStart`: the next character begins a node (so a quote or bracket there is syntax).
    let nodeStart = true;
    if (quote === '' && flow === 0) {
      while (isBlank(text[i])) i++;
      const indent = i - lineStart;
      const first = text[i];
      if (isBreakOrEnd(first) || i >= lineEnd || first === '#' || (scalarIndent >= 0 && indent > scalarIndent)) {
        lineStart = lineEnd + 1;
        continue;
      }
      scalarIndent = -1;
      while (stack.length > 0 && stack[stack.length - 1]!.column >= indent) stack.pop();
      // Compact indicators: `- - x`, `? - x` open a level each.
      while ((text[i] === '-' || text[i] === '?' || text[i] === ':') && (isBlank(text[i + 1]) || i + 1 >= lineEnd)) {
        stack.push({ column: i - lineStart, lineStart });
        i++;
        while (isBlank(text[i])) i++;
      }
      if (i < lineEnd && text[i] !== '#') stack.push({ column: i - lineStart, lineStart });
      if (stack.length > limit) {
        lineStart = record(i);
        continue;
      }
    }
    let blockScalar = false;
    let skipTo = -1;
    for (; i < lineEnd; i++) {
      const ch = text[i]!;
      if (quote) {
        if (ch === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = '';
        } else if (ch === '\\' && quote === '"') i++;
        continue;
      }
      if (ch === '#' && (i === lineStart || isBlank(text[i - 1]))) break;
      if (flow > 0) {
        if (ch === '"' || ch === "'") {
          if (nodeStart) quote = ch;
        } else if (ch === '[' || ch === '{') {
          if (++flow + stack.length > limit) {
            skipTo = record(i);
            break;
          }
        } else if (ch === ']' || ch === '}') flow--;
        nodeStart = ch === '[' || ch === '{' || ch === ',' || ch === ':' || isBlank(ch) || (nodeStart && ch === '?');
        continue;
      }
      // Block context: only the start of a node can open a quote, a flow collection or a block
      // scalar; anywhere else these characters are plain text (`echo it's [ok]`).
      if (nodeStart && !isBlank(ch)) {
        // `key: - - x` and `key: ? ? x` (invalid, but the parser still nests them).
        if ((ch === '-' || ch === '?' || ch === ':') && (isBlank(text[i + 1]) || i + 1 >= lineEnd)) {
          stack.push({ column: i - lineStart, lineStart });
          if (stack.length > limit) {
            skipTo = record(i);
            break;
          }
          continue;
        }
        if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[' || ch === '{') {
          flow = 1;
          if (flow + stack.length > limit) {
            skipTo = record(i);
            break;
          }
        } else if (ch === '|' || ch === '>') {
          blockScalar = true;
          break;
        }
        nodeStart = false;
        continue;
      }
      // `key: value`: the value starts a node.
      if (ch === ':' && (isBlank(text[i + 1]) || i + 1 >= lineEnd)) nodeStart = true;
    }
    if (skipTo !== -1) {
      lineStart = skipTo;
      continue;
    }
    if (blockScalar) {
      let indentEnd = lineStart;
      while (isBlank(text[indentEnd])) indentEnd++;
      scalarIndent = indentEnd - lineStart;
    }
    lineStart = lineEnd + 1;
  }
  return regions;
}

/** `text` with the regions replaced by spaces (line breaks kept), so offsets and lines stay put. */
export function blankRegions(text: string, regions: readonly NestingRegion[]): string {
  if (regions.length === 0) return text;
  let out = '';
  let from = 0;
  for (const region of regions) {
    out += text.slice(from, region.start);
    out += text.slice(region.start, region.end).replace(/[^\r\n]/g, ' ');
    from = region.end;
  }
  return out + text.slice(from);
}
