// answerPositionsNearby replaces the positionAt of the documents dockerfile-ast parses: at every
// offset, in any order of asking, it must answer as vscode-languageserver-textdocument does.
import { strict as assert } from 'node:assert';
import * as ast from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { installAstMemo, parseDockerfileText } from '../../server/src/engine/dockerfile/ast-memo';
import { answerPositionsNearby } from '../../server/src/engine/dockerfile/nearby-positions';
import { TextIndex } from '../../server/src/engine/text';

const TEXTS = [
  '',
  'FROM alpine',
  'FROM alpine\n',
  'FROM alpine\r\nRUN a \\\r\n  b\r\n\r\nCMD x\r\n',
  'FROM a\rRUN b\r\rUSER c',
  '\n\n\r\n\r\r\n\nx',
  '\uFEFFFROM alpine\nRUN echo \u00e9\u{1F600} \\\n  done\n',
  'FROM a\n' + Array.from({ length: 300 }, (_, i) => `RUN step ${i} \\\n  && more ${i}`).join('\n'),
];

function offsetsToAsk(text: string): number[] {
  const inOrder: number[] = [];
  for (let offset = -3; offset <= text.length + 3; offset++) inOrder.push(offset);
  let state = 42;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const shuffled = inOrder.map((offset) => ({ offset, key: random() })).sort((a, b) => a.key - b.key);
  return [...inOrder, ...[...inOrder].reverse(), ...shuffled.map((entry) => entry.offset)];
}

describe('positions near the previous one (nearby-positions)', () => {
  it("answers as the library's positionAt at every offset, in order, backwards and at random", () => {
    for (const text of TEXTS) {
      const library = TextDocument.create('', '', 0, text);
      const nearby = TextDocument.create('', '', 0, text);
      answerPositionsNearby(nearby);
      for (const offset of offsetsToAsk(text))
        assert.deepStrictEqual(
          nearby.positionAt(offset),
          library.positionAt(offset),
          `${JSON.stringify(text.slice(0, 40))} at ${offset}`,
        );
    }
  });

  it("shares a given index of the text as the document's line offsets, answering offsetAt and positionAt as the library", () => {
    for (const text of TEXTS) {
      const library = TextDocument.create('', '', 0, text);
      const shared = TextDocument.create('', '', 0, text);
      const index = new TextIndex(text);
      answerPositionsNearby(shared, index);
      const label = JSON.stringify(text.slice(0, 40));
      assert.equal((shared as unknown as { _lineOffsets: number[] })._lineOffsets, index.lineStarts, label);
      assert.deepStrictEqual(index.lineStarts, (library as unknown as { getLineOffsets(): number[] }).getLineOffsets(), label);
      for (let line = -1; line <= index.lineCount + 1; line++)
        for (let character = -1; character <= 90; character++)
          assert.equal(
            shared.offsetAt({ line, character }),
            library.offsetAt({ line, character }),
            `${label} at ${line}:${character}`,
          );
      for (const offset of offsetsToAsk(text))
        assert.deepStrictEqual(shared.positionAt(offset), library.positionAt(offset), `${label} at ${offset}`);
    }
    // An index of another text is not used.
    const other = TextDocument.create('', '', 0, 'FROM a\nRUN b');
    answerPositionsNearby(other, new TextIndex('FROM a\r\nRUN b'));
    assert.equal((other as unknown as { _lineOffsets: number[] | undefined })._lineOffsets, undefined);
    assert.deepStrictEqual(other.positionAt(8), { line: 1, character: 1 });
  });

  it('is the positionAt of the documents dockerfile-ast parses, once the caches are installed', () => {
    installAstMemo();
    const text = 'FROM alpine\r\nRUN a \\\r\n  b\r\n';
    const document = (ast.DockerfileParser.parse(text) as unknown as { document: TextDocument }).document;
    assert.ok(!Object.prototype.hasOwnProperty.call(TextDocument.create('', '', 0, text), 'positionAt'));
    assert.ok(Object.prototype.hasOwnProperty.call(document, 'positionAt'));
    assert.deepStrictEqual(document.positionAt(22), TextDocument.create('', '', 0, text).positionAt(22));
    // Parsed for a model, the document takes the model's line starts.
    const index = new TextIndex(text);
    const parsed = (parseDockerfileText(text, index) as unknown as { document: { _lineOffsets: number[] } }).document;
    assert.equal(parsed._lineOffsets, index.lineStarts);
  });
});
