// installAstMemo replaces parts of dockerfile-ast's Parser (the keyword read, createInstruction's
// ranges, the heredoc probe's second build) and of its instructions. A parse through all of them
// must give what an unmodified copy of the library gives: the same instructions (keyword as
// written, line and keyword ranges, arguments and their ranges, flags, heredocs), comments and
// directives. Compared on the rule fixtures, the shared corpus, edge cases and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as ast from 'dockerfile-ast';
import { installAstMemo, parseDockerfileText } from '../../server/src/engine/dockerfile/ast-memo';
import { TextIndex } from '../../server/src/engine/text';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

/** A second copy of dockerfile-ast, loaded apart from the one installAstMemo changes. */
function pristineLibrary(): typeof ast {
  installAstMemo();
  const isLibrary = (key: string) => key.includes('/node_modules/dockerfile-ast/');
  const kept = Object.entries(require.cache).filter(([key]) => isLibrary(key));
  for (const [key] of kept) delete require.cache[key];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy, not the cached one
    return require('dockerfile-ast') as typeof ast;
  } finally {
    for (const key of Object.keys(require.cache)) if (isLibrary(key)) delete require.cache[key];
    for (const [key, module] of kept) require.cache[key] = module;
  }
}

const pristine = pristineLibrary();

/** The answer, or the error either copy throws (getHeredocs does on some continuations). */
function attempt(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return { threw: String(error) };
  }
}

/** The heredocs; none where the library throws a TypeError, as the engine's guard answers (ast-memo). */
function heredocsOf(instruction: ast.Instruction): ast.Heredoc[] {
  try {
    return (instruction as unknown as { getHeredocs(): ast.Heredoc[] }).getHeredocs();
  } catch (error) {
    if (error instanceof TypeError) return [];
    throw error;
  }
}

function described(dockerfile: ast.Dockerfile): unknown {
  return {
    instructions: dockerfile.getInstructions().map((instruction) => ({
      written: instruction.getInstruction(),
      range: instruction.getRange(),
      keywordRange: instruction.getInstructionRange(),
      args: instruction.getArguments().map((arg) => [arg.getValue(), arg.getRange()]),
      argumentsRange: instruction.getArgumentsRange(),
      flags: attempt(() =>
        (instruction as Partial<ast.ModifiableInstruction>).getFlags?.().map((flag) => [flag.getName(), flag.getRange()]),
      ),
      heredocs: attempt(() =>
        heredocsOf(instruction).map((heredoc) => [
          heredoc.getName(),
          heredoc.getStartRange(),
          heredoc.getContentRange(),
          heredoc.getDelimiterRange(),
        ]),
      ),
    })),
    comments: dockerfile.getComments().map((comment) => [comment.getContent(), comment.getRange()]),
    directives: dockerfile.getDirectives().map((directive) => [directive.getDirective(), directive.getValue()]),
    escape: dockerfile.getEscapeCharacter(),
  };
}

function assertSame(text: string, label: string): number {
  const ours = described(parseDockerfileText(text, new TextIndex(text))) as { instructions: unknown[] };
  assert.notEqual(pristine.DockerfileParser, ast.DockerfileParser, 'the copy is a second load of the library');
  assert.deepStrictEqual(ours, described(pristine.DockerfileParser.parse(text)), label);
  return ours.instructions.length;
}

describe("dockerfile-ast's parser with Shipshape's hooks (ast-memo)", () => {
  it('parses every rule fixture as an unmodified copy of the library does', () => {
    let compared = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) compared += assertSame(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} instructions compared`);
  });

  it('parses the shared corpus as an unmodified copy of the library does', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    for (const file of files) assertSame(fs.readFileSync(file, 'utf8'), file);
  });

  it('parses continuations, comments, heredocs, escapes, CRLF and a BOM as an unmodified copy does', () => {
    const cases = [
      '',
      'FROM',
      'FROM alpine\r\nRUN a \\\r\n  b\r\n\r\nCMD x\r\n',
      'FROM a\rRUN b\r\rUSER c',
      '\uFEFFFROM alpine\nRUN echo \u00e9 \\\n  done\n',
      'FROM a\nRUN a \\\n# comment\n  b \\\n\n  c',
      'FROM a\nRUN <<EOF\necho a\nEOF\nCOPY <<one <<-two /x\nbody\none\n\tmore\n\ttwo\nRUN x',
      'FROM a\nRUN cat <<EOF > f && echo\nunterminated',
      '# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo `\n  done\nCOPY --from=b `\n  x y',
      'FROM --platform=$P a AS b\nCOPY --chown=1:1 --chmod=755 a b\nADD --checksum=sha256:x http://a /b',
      'FROM a\nONBUILD RUN <<EOF\nx\nEOF\nONBUILD COPY a b',
      'FROM a\nHEALTHCHECK --interval=5s CMD ["curl", "x"]\nCMD []\nENTRYPOINT [ "a" , "b" ]\nSHELL ["sh", "-c"]',
      'FROM a\nENV A=1 B="2 3" \\\n  C=4\nLABEL a=b\nARG X\nEXPOSE 80/tcp',
      'FROM a\nRUN a \\ \n  b\\\t\n c \\',
      'R\\\nUN a\nRUN\\  a\nex\\ample a',
    ];
    for (const text of cases) assertSame(text, JSON.stringify(text));
  });

  it('parses random texts of the characters the parser treats specially as an unmodified copy does', () => {
    const alphabet = [
      'FROM ',
      'RUN ',
      'COPY ',
      'ONBUILD ',
      'a',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\\',
      '`',
      '#',
      '<<',
      'EOF',
      '-',
      '--x=1 ',
      '[',
      '"',
      ',',
    ];
    let state = 22;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = 0, length = Math.floor(next() * 40); i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assertSame(text, JSON.stringify(text));
    }
  });
});
