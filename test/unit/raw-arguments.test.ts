// rawArguments replaces dockerfile-ast's argument scan only to build each value without a string
// per character: on every instruction it must give the original's arguments exactly (values and
// ranges, also when isBefore/isAfter are asked before the range, which it makes on demand), since
// every accessor and rule reads them; and so must getArgumentsRange and getRawArgumentsContent,
// which read the first and last arguments' offsets instead. Compared on the rule fixtures, the shared
// corpus when checked out, edge cases of escapes, comments and line endings, and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import {
  dockerfileAstArgumentsRange,
  dockerfileAstRawArguments,
  dockerfileAstRawArgumentsContent,
  installAstMemo,
} from '../../server/src/engine/dockerfile/ast-memo';
import { argumentsRange, rawArguments, rawArgumentsContent } from '../../server/src/engine/dockerfile/raw-arguments';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

interface Scanned {
  value: string;
  range: unknown;
  /** isAfter and isBefore at positions around the argument, each asked before anything made its range. */
  after: boolean[];
  before: boolean[];
}

interface Position {
  line: number;
  character: number;
}

interface ScannedArgument {
  getValue(): string;
  getRange(): unknown;
  isBefore(position: Position): boolean;
  isAfter(position: Position): boolean;
}

/** Positions on and after the instruction's first line. */
const probesOf = (instruction: Instruction): Position[] => {
  const line = instruction.getRange().start.line;
  return [0, 1, 4, 9, 30].flatMap((character) => [
    { line, character },
    { line: line + 1, character },
  ]);
};

// Fresh arguments for each question: rawArguments makes an argument's range when first asked.
const scan = (fn: (this: Instruction) => ScannedArgument[], instruction: Instruction): Scanned[] => {
  const probes = probesOf(instruction);
  const after = fn.call(instruction).map((arg) => probes.map((probe) => arg.isAfter(probe)));
  const before = fn.call(instruction).map((arg) => probes.map((probe) => arg.isBefore(probe)));
  return fn
    .call(instruction)
    .map((arg, i) => ({ value: arg.getValue(), range: arg.getRange(), after: after[i]!, before: before[i]! }));
};

/** Every instruction of the text, ONBUILD triggers included, scanned both ways. */
function assertSameScan(text: string, label: string): number {
  installAstMemo();
  let compared = 0;
  const instructions: Instruction[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    instructions.push(instruction);
    const trigger = (instruction as unknown as { getTriggerInstruction?(): Instruction | null }).getTriggerInstruction?.();
    if (trigger) instructions.push(trigger);
  }
  for (const instruction of instructions) {
    // Ours first, before the library's makes the first and last arguments' ranges.
    const line = `${label}, line ${instruction.getRange().start.line + 1}`;
    const ours = { range: argumentsRange.call(instruction), content: rawArgumentsContent.call(instruction) };
    const library = {
      range: dockerfileAstArgumentsRange.call(instruction),
      content: dockerfileAstRawArgumentsContent.call(instruction),
    };
    assert.deepStrictEqual(ours, library, line);
    assert.deepStrictEqual(scan(rawArguments, instruction), scan(dockerfileAstRawArguments, instruction), line);
    compared++;
  }
  return compared;
}

describe('rawArguments (dockerfile-ast argument scan without per-character strings)', () => {
  it('matches dockerfile-ast on every instruction of the rule fixtures', () => {
    let compared = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) compared += assertSameScan(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} instructions compared`);
  });

  it('matches dockerfile-ast on every instruction of the shared corpus', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    for (const file of files) assertSameScan(fs.readFileSync(file, 'utf8'), file);
  });

  it('matches dockerfile-ast on escapes, escaped newlines, comments and line endings', () => {
    const cases = [
      'RUN a b  c\t\td',
      'RUN a\\ b c\\\\d e\\$f \\$HOME x\\',
      'RUN a \\\n  b \\\n# comment \\ with escape\n  c',
      'RUN a\\\r\nb \\\r\n  c\r\n',
      'RUN a \\  \n  b\\ \t\n c',
      'RUN a\\  b',
      'RUN ab\\ \\\n cd',
      'RUN x \\\n\n\n  y \\\n  # c1\n  # c2\n  z',
      'RUN "a b" \'c d\' e"f g"h',
      'RUN echo \\#not-a-comment # still an argument',
      'COPY --chown=1:1 --from=build /a /b',
      'ENV A=1 B="2 3" C=4\\ 5',
      'RUN a\\',
      'RUN \\',
      'RUN a \\ ',
      '# escape=`\nRUN a `\n  b c`d `$e `` f\nRUN x`\r\n y',
      '# escape=`\nRUN dir c:\\ `\n  && echo \\ done',
      'RUN <<EOF\necho a b\nEOF',
      'ONBUILD RUN a \\\n b\\ c',
      'HEALTHCHECK --interval=5s CMD curl -f http://x/ || exit 1',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    ];
    for (const text of cases) assertSameScan(text, JSON.stringify(text));
  });

  it('matches dockerfile-ast on random texts of the characters the scan treats specially', () => {
    const alphabet = ['a', 'b', ' ', '\t', '\n', '\r\n', '\r', '\\', '`', '$', '#', '"', "'", '=', '-'];
    let state = 12345;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 1500; n++) {
      const directive = next() < 0.2 ? '# escape=`\n' : '';
      let body = '';
      for (let i = 0, length = Math.floor(next() * 40); i < length; i++) body += alphabet[Math.floor(next() * alphabet.length)];
      const text = `${directive}RUN ${body}\nENV K=${body}\nRUN x`;
      assertSameScan(text, JSON.stringify(text));
    }
  });
});
