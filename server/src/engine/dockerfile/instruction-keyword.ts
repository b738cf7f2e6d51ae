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

/** Installs processInstruction on dockerfile-ast's Parser. */
export function installInstructionKeyword(): void {
  prototype.processInstruction = processInstruction;
}
