// skipReason() measures a text's UTF-8 size only when its length could put it over maxFileSize.
// Held to measuring always: the same answer for texts of 1-, 2-, 3- and 4-byte characters and
// lone surrogates, at and around the limit.
import { strict as assert } from 'node:assert';
import { mergeConfig } from '../../server/src/engine';
import { oversizeReason, skipReason } from '../../server/src/engine/lint';

function measured(text: string, limit: number): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? oversizeReason(limit, bytes) : undefined;
}

describe('skipReason, oversize', () => {
  it('is what measuring every text gives, around the limit', () => {
    const limit = 3000;
    const config = mergeConfig({ maxFileSize: limit });
    assert.equal(config.maxFileSize, limit);
    let over = 0;
    for (const unit of ['a', 'é', '€', '😀', '\ud800', 'a€'])
      for (let length = 900; length <= 3100; length += 1) {
        const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        const expected = measured(text, limit);
        assert.equal(skipReason(text, config), expected, `${length} × ${JSON.stringify(unit)}`);
        if (expected) over++;
      }
    assert.ok(over > 1000, 'texts over the limit were among them');
  });
});
