// dockerfile-ast 0.7 reads an instruction's keyword one character at a time (Parser.
// processInstruction), appending each to a string: two or three new strings per instruction, 1.4 %
// of what a lint allocated. A keyword is nearly always a plain word ended by a space, a tab, a line
// break or the end of the text; for those this reads it as one substring and goes on exactly as the
// library's method does from that point. A keyword with the escape character in it (`R\
// UN`, a continuation after the keyword) goes to the library's method. test/unit/instruction-
// keyword.test.ts compares the instructions and comments of whole parses with the library's.
import { Parser } from 'dockerfile-ast/lib/parser';

interface ParserInternals {
  buffer: string;
  escapeChar: string;
  processArguments(dockerfile: unknown, instruction: string, instructionEnd: number, start: number, offset: number): number;
  createInstruction(dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): unknown;
  processHeredocs(instruction: unknown, offset: number): number;
  processComment(dockerfile: unknown, start: number): number;
}

interface DockerfileInternals {
  addInstruction(instruction: unknown): void;
}

type ProcessInstruction = (this: ParserInternals, dockerfile: DockerfileInternals, char: string, start: number) => number;

const prototype = Parser.prototype as unknown as { processInstruction: ProcessInstruction };

/** dockerfile-ast's own Parser.processInstruction, kept for the test that compares ours with it. */
export const dockerfileAstProcessInstruction: ProcessInstruction = prototype.processInstruction;

export const processInstruction: ProcessInstruction = function processInstruction(dockerfile, char, start) {
  const { buffer, escapeChar } = this;
  let end = start + 1;
  for (; end < buffer.length; end++) {
    const next = buffer.charAt(end);
    if (next === ' ' || next === '\t' || next === '\r' || next === '\n') break;
    if (next === escapeChar) return dockerfileAstProcessInstruction.call(this, dockerfile, char, start);
  }
  const keyword = buffer.substring(start, end);
  if (end === buffer.length) {
    dockerfile.addInstruction(this.createInstruction(dockerfile, keyword, start, end, end));
    return end;
  }
  const next = buffer.charAt(end);
  if (next === '\r' || next === '\n') {
    dockerfile.addInstruction(this.createInstruction(dockerfile, keyword, start, end, end));
    return end;
  }
  const argumentsEnd = this.processArguments(dockerfile, keyword, end, start, end);
  dockerfile.addInstruction(this.createInstruction(dockerfile, keyword, start, end, argumentsEnd));
  return argumentsEnd;
};

type ProcessArguments = (
  this: ParserInternals,
  dockerfile: unknown,
  instruction: string,
  instructionEnd: number,
  start: number,
  offset: number,
) => number;

/**
 * dockerfile-ast's Parser.processArguments (where an instruction's arguments end: the first line
 * break not after the escape character, with comment lines inside a continuation), step for step,
 * reading character codes where the library compares a one-character string per character through
 * a switch: that loop was a sixth of a parse's own time. test/unit/parser-hooks.test.ts compares
 * whole parses with an unmodified copy of the library.
 */
const processArguments: ProcessArguments = function processArguments(dockerfile, instruction, instructionEnd, start, offset) {
  const { buffer } = this;
  const escape = this.escapeChar.charCodeAt(0);
  const length = buffer.length;
  let escaped = false;
  for (let i = offset + 1; i < length; i++) {
    const code = buffer.charCodeAt(i);
    // \r, \n
    if (code === 13 || code === 10) {
      if (escaped) continue;
      return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
    }
    if (code === escape) {
      const next = buffer.charCodeAt(i + 1);
      if (next === 10 || next === 13) {
        escaped = true;
        i++;
      } else if (next === 32 || next === 9) {
        // Blanks after the escape: a line break after them continues the instruction; the
        // character after them is passed over either way (as the library does).
        let j = i + 2;
        while (j < length && (buffer.charCodeAt(j) === 32 || buffer.charCodeAt(j) === 9)) j++;
        if (j === length) return length;
        if (buffer.charCodeAt(j) === 13 || buffer.charCodeAt(j) === 10) escaped = true;
        i = j;
      }
      continue;
    }
    // #: a comment line inside a continuation
    if (code === 35) {
      if (escaped) i = this.processComment(dockerfile, i);
      continue;
    }
    if (code !== 32 && code !== 9) escaped = false;
  }
  return length;
};

/** Installs processInstruction and processArguments on dockerfile-ast's Parser. */
export function installInstructionKeyword(): void {
  prototype.processInstruction = processInstruction;
  (Parser.prototype as unknown as { processArguments: ProcessArguments }).processArguments = processArguments;
}
