// dockerfile-ast 0.7's Instruction.getRawArguments, with two changes: an argument's value is built
// from substrings of the runs of characters it keeps, where the original appends one character
// at a time (a new string per character: a sixth of everything a lint allocated, 47 bytes per
// character of the corpus), and its range is made when first asked for (ArgumentAt). It also takes
// the arguments' text from the document in one substring (not the instruction's text and then a
// substring of it) and keeps the run being read in locals, not a builder object and two closures
// per call: those were half of what the scan allocated (synth:150 946 -> 828 KB per lint). The scan
// itself (escapes, escaped newlines, comment lines inside a continuation, where each argument's
// range ends) is the original's, step for step; test/unit/raw-arguments.test.ts compares the two
// on every instruction of the corpus, the fixtures and edge cases. Installed by installAstMemo,
// under its cache.
import { Argument, type Instruction } from 'dockerfile-ast';
import type { Position, Range } from '../types';

/** The fields of an Instruction the scan reads (protected in dockerfile-ast's typings). */
interface InstructionInternals {
  document: { getText(): string; offsetAt(position: Position): number; positionAt(offset: number): Position };
  escapeChar: string;
  getInstructionRange(): Range;
  /** The instruction's lines (Line.range). */
  range: Range;
}

type Document = InstructionInternals['document'];

/**
 * An argument whose range is made when first asked for: most arguments' ranges never are (52 % on
 * the 10,000-line bench file, 71 % on the corpus: the shell scanner and most rules read values),
 * and two positions and a range per argument were a fifth of the plain objects a 10,000-line lint
 * keeps alive (43k of 212k).
 */
class ArgumentAt extends Argument {
  // Declared only: fields emitted as class fields would be defined once more after super().
  declare private readonly document: Document;
  declare private readonly start: number;
  declare private readonly end: number;

  constructor(value: string, document: Document, start: number, end: number) {
    super(value, undefined as unknown as Range);
    this.document = document;
    this.start = start;
    this.end = end;
  }

  override getRange(): Range {
    const self = this as unknown as { range: Range | undefined };
    return (self.range ??= { start: this.document.positionAt(this.start), end: this.document.positionAt(this.end) });
  }

  /** getRange().start, without making the range. */
  startPosition(): Position {
    return (this as unknown as { range: Range | undefined }).range?.start ?? this.document.positionAt(this.start);
  }

  /** getRange().end, without making the range. */
  endPosition(): Position {
    return (this as unknown as { range: Range | undefined }).range?.end ?? this.document.positionAt(this.end);
  }

  override isAfter(position: Position): boolean {
    this.getRange();
    return super.isAfter(position);
  }

  override isBefore(position: Position): boolean {
    this.getRange();
    return super.isBefore(position);
  }
}

// The arguments found by the scan in progress. One array reused by every scan (it never runs
// twice at once): each instruction's list is then copied out at its exact length, where pushing
// into a fresh array gave every instruction a 16-slot store however few arguments it had.
const found: Argument[] = [];

export function rawArguments(this: Instruction): Argument[] {
  const self = this as unknown as InstructionInternals;
  const { document, escapeChar } = self;
  const source = document.getText();
  const range = self.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  // getTextContent().substring(extra), as offsets into the text.
  const lineStart = document.offsetAt(self.range.start);
  const lineEnd = Math.max(document.offsetAt(self.range.end), lineStart);
  const from = lineStart + Math.min(Math.max(extra, 0), lineEnd - lineStart);
  const offset = document.offsetAt(range.start) + extra;
  // Without the escape character the library's scan (scanArguments) only splits at blanks and
  // line breaks, a `#` being a comment only on a line a continuation started: most instructions
  // are read that way, by character code.
  const escape = escapeChar.charCodeAt(0);
  for (let i = from; i < lineEnd; i++)
    if (source.charCodeAt(i) === escape) return scanArguments(source.substring(from, lineEnd), escapeChar, document, offset);
  return blankSeparated(source, from, lineEnd, document, offset - from);
}

/** The arguments of source[from, to) when it holds no escape character: its runs of non-blanks. */
function blankSeparated(source: string, from: number, to: number, document: Document, shift: number): Argument[] {
  let count = 0;
  let argStart = -1;
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    // space, tab, \r, \n
    if (code === 32 || code === 9 || code === 13 || code === 10) {
      if (argStart !== -1) {
        found[count++] = new ArgumentAt(source.substring(argStart, i), document, shift + argStart, shift + i);
        argStart = -1;
      }
    } else if (argStart === -1) argStart = i;
  }
  if (argStart !== -1) found[count++] = new ArgumentAt(source.substring(argStart, to), document, shift + argStart, shift + to);
  return copyOut(count);
}

/** The `count` arguments found, copied out at their exact length; `found` is emptied. */
function copyOut(count: number): Argument[] {
  const args = found.slice(0, count);
  // A loop: Array.prototype.fill cost more than the slice for the few arguments of an instruction.
  for (let i = 0; i < count; i++) found[i] = undefined as unknown as Argument;
  return args;
}

/** The library's scan, over the arguments' text `fullArgs` (which starts at `offset` in the document). */
function scanArguments(fullArgs: string, escapeChar: string, document: Document, offset: number): Argument[] {
  let start = false;
  let comment = false;
  let argStart = -1;
  // whether a space or tab was seen inside an escaped newline sequence
  let escapedWhitespaceDetected = false;
  // whether the scan is inside an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  // The argument being read: what is complete of it, and the run of characters it keeps that is
  // still being extended (consecutive kept characters are one substring, not one string each).
  let value = '';
  let runStart = 0;
  let runEnd = 0;
  let count = 0;
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          // a newline: whitespace seen before it does not count
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (argStart !== -1) {
        if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
        found[count++] = new ArgumentAt(value, document, offset + argStart, offset + (escapeMarker === -1 ? i : escapeMarker));
        value = '';
        runStart = runEnd = 0;
        escapeMarker = -1;
        argStart = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
          const after = fullArgs.charAt(j);
          switch (after) {
            case ' ':
            case '\t':
              continue;
            case '\r':
            case '\n':
              if (after === '\r') j++;
              comment = false;
              escaping = true;
              start = true;
              if (argStart !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (argStart === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (argStart !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (argStart !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
          found[count++] = new ArgumentAt(value, document, offset + argStart, offset + escapeMarker);
          value = '';
          runStart = runEnd = 0;
          argStart = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '') {
          // end of the text
          break;
        }
        // Keeps the escaped character, and the escape itself before a `$` (`\$HOME` stays literal).
        const from = next === '$' ? i : i + 1;
        if (from !== runEnd) {
          if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
          runStart = from;
        }
        runEnd = i + 2;
        if (argStart === -1) argStart = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
          found[count++] = new ArgumentAt(value, document, offset + argStart, offset + escapeMarker);
          value = '';
          runStart = runEnd = 0;
          argStart = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        if (i !== runEnd) {
          if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
          runStart = i;
        }
        runEnd = i + 1;
        if (argStart === -1) argStart = i;
      }
      // a character other than whitespace: no longer at the start of a line
      start = false;
    }
  }
  if (argStart !== -1) {
    if (runEnd > runStart) value += fullArgs.substring(runStart, runEnd);
    found[count++] = new ArgumentAt(
      value,
      document,
      offset + argStart,
      offset + (escapeMarker === -1 ? fullArgs.length : escapeMarker),
    );
  }
  return copyOut(count);
}

/**
 * Instruction.getArgumentsRange without making the first and last arguments' ranges: the parser
 * asks every ADD, COPY, RUN, CMD, ENTRYPOINT... for it (and for getRawArgumentsContent, below) while
 * building it, two thirds of the argument ranges a lint made.
 */
export function argumentsRange(this: Instruction): Range | null {
  const args = this.getArguments();
  if (args.length === 0) return null;
  const first = args[0]!;
  const last = args[args.length - 1]!;
  return {
    start: first instanceof ArgumentAt ? first.startPosition() : first.getRange().start,
    end: last instanceof ArgumentAt ? last.endPosition() : last.getRange().end,
  };
}

/** Instruction.getRawArgumentsContent: the text from the start of the arguments to their end. */
export function rawArgumentsContent(this: Instruction): string | null {
  const range = this.getArgumentsRange();
  if (range === null) return null;
  const { document } = this as unknown as InstructionInternals;
  return document.getText().substring(document.offsetAt(range.start), document.offsetAt(range.end));
}
