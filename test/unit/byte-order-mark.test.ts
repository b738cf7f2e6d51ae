// isUTF8BOM answers dockerfile-ast's Util.isUTF8BOM from the first character code instead of a
// UTF-8 encoding: the same answer for every UTF-16 code unit (lone surrogates included), pairs, the
// empty text and longer texts.
import { strict as assert } from 'node:assert';
import { DockerfileParser } from 'dockerfile-ast';
import { installAstMemo } from '../../server/src/engine/dockerfile/ast-memo';
import { dockerfileAstIsUTF8BOM, isUTF8BOM } from '../../server/src/engine/dockerfile/byte-order-mark';

describe('isUTF8BOM (the byte order mark from the character code)', () => {
  it("answers as dockerfile-ast's on every code unit, pairs and longer texts", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      assert.equal(isUTF8BOM(char), dockerfileAstIsUTF8BOM(char), `U+${code.toString(16)}`);
    }
    for (const text of ['', '\uFEFFFROM a', 'FROM a', '\u{1F600}', '\uD83D', '\uFEFF', '\uFFFE', 'a\uFEFF'])
      assert.equal(isUTF8BOM(text), dockerfileAstIsUTF8BOM(text), JSON.stringify(text));
  });

  it('is what the parser asks once the caches are installed: a BOM is skipped, as before', () => {
    installAstMemo();
    const withBom = DockerfileParser.parse('\uFEFFFROM alpine\nRUN x');
    assert.deepStrictEqual(
      withBom.getInstructions().map((i) => [i.getKeyword(), i.getRange().start]),
      [
        ['FROM', { line: 0, character: 1 }],
        ['RUN', { line: 1, character: 0 }],
      ],
    );
    const directive = DockerfileParser.parse('\uFEFF# escape=`\nRUN a `\n b');
    assert.equal(directive.getEscapeCharacter(), '`');
  });
});
