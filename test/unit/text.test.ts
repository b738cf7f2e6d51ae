import { strict as assert } from 'node:assert';
import { TextIndex } from '../../server/src/engine/text';

describe('TextIndex', () => {
  it('maps offsets and positions across LF, CRLF and lone CR line breaks', () => {
    const index = new TextIndex('a\r\nbc\nd\re');
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(6), { line: 2, character: 0 });
    assert.deepEqual(index.position(8), { line: 3, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 1 }, 'between \\r and \\n is still the end of line 0');
    assert.equal(index.offset({ line: 1, character: 1 }), 4);
    assert.equal(index.lineText(0), 'a');
    assert.equal(index.lineCount, 4);
    assert.equal(index.eol, '\r\n');
  });

  it('clamps positions past a line end to the line end', () => {
    const index = new TextIndex('ab\ncd');
    assert.equal(index.offset({ line: 0, character: 99 }), 2);
    assert.equal(index.offset({ line: 9, character: 0 }), 5);
  });
});
