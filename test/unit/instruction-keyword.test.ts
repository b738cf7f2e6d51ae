// processInstruction reads a plain keyword as one substring and leaves any other to dockerfile-ast's
// own Parser.processInstruction: a parse must give the same instructions (keyword as written, line
// and keyword ranges, arguments) and comments either way. Compared on the rule fixtures, the shared
// corpus, keywords with escapes, continuations, comments, CRLF and a BOM, and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { installAstMemo } from '../../server/src/engine/dockerfile/ast-memo';
import { dockerfileAstProcessInstruction, processInstruction } from '../../server/src/engine/dockerfile/instruction-keyword';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

const prototype = Parser.prototype as unknown as { processInstruction: unknown };

function parsed(text: string, method: unknown): unknown {
  installAstMemo();
  prototype.processInstruction = method;
  try {
    const dockerfile = DockerfileParser.parse(text);
    return {
      instructions: dockerfile.getInstructions().map((instruction) => ({
        written: instruction.getInstruction(),
        range: instruction.getRange(),
        keywordRange: instruction.getInstructionRange(),
        args: instruction.getArguments().map((arg) => arg.getValue()),
      })),
      comments: dockerfile.getComments().map((comment) => comment.getRange()),
    };
  } finally {
    prototype.processInstruction = processInstruction;
  }
}

function assertSame(text: string, label: string): number {
  const ours = parsed(text, processInstruction) as { instructions: unknown[] };
  assert.deepStrictEqual(ours, parsed(text, dockerfileAstProcessInstruction), label);
  return ours.instructions.length;
}

describe('processInstruction (a plain keyword read as one substring)', () => {
  it('is installed by installAstMemo', () => {
    installAstMemo();
    assert.equal(prototype.processInstruction, processInstruction);
  });

  it('parses every rule fixture as dockerfile-ast does', () => {
    let compared = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) compared += assertSame(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} instructions compared`);
  });

  it('parses the shared corpus as dockerfile-ast does', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    for (const file of files) assertSame(fs.readFileSync(file, 'utf8'), file);
  });

  it('parses keywords with escapes, continuations, comments and line endings as dockerfile-ast does', () => {
    const cases = [
      'FROM alpine',
      'FROM',
      'FROM\n',
      'FROM\r\nRUN',
      'F',
      'RUN\ta',
      'R\\\nUN a',
      'RU\\\r\nN a',
      'RUN\\ \n  a',
      'RUN\\  a',
      'RUN \\\n a',
      'RUN#x a',
      'R#UN a',
      '\\RUN a',
      '\\',
      'RUN\\',
      'ex\\ample a',
      '# escape=`\nR`\nUN a\nRUN\\ b',
      '# escape=`\n`\nRUN a',
      '\uFEFFFROM a\r\nRUN b \\\r\n  c\r\n',
      'FROM a\n  # comment\n  RUN b',
      'onbuild run x',
    ];
    for (const text of cases) assertSame(text, JSON.stringify(text));
  });

  it('parses random texts of the characters the keyword scan treats specially as dockerfile-ast does', () => {
    const alphabet = ['R', 'u', ' ', '\t', '\n', '\r\n', '\r', '\\', '`', '#', 'N'];
    let state = 777;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 3000; n++) {
      let text = next() < 0.2 ? '# escape=`\n' : '';
      for (let i = 0, length = Math.floor(next() * 24); i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assertSame(text, JSON.stringify(text));
    }
  });
});
