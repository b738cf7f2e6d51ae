import { strict as assert } from 'node:assert';
import { RangeSet } from '../../server/src/engine/range-set';

const range = (sl: number, sc: number, el: number, ec: number) => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

describe('RangeSet', () => {
  it('adds a range once, by value', () => {
    const set = new RangeSet();
    assert.equal(set.add(range(1, 2, 1, 5)), true);
    assert.equal(set.add(range(1, 2, 1, 5)), false);
  });

  it('keeps ranges apart that share a start, or whose numbers would run together in a key', () => {
    const set = new RangeSet();
    assert.equal(set.add(range(1, 2, 1, 5)), true);
    assert.equal(set.add(range(1, 2, 1, 6)), true);
    assert.equal(set.add(range(1, 2, 1, 6)), false);
    assert.equal(set.add(range(1, 2, 3, 5)), true);
    assert.equal(set.add(range(12, 3, 4, 5)), true);
    assert.equal(set.add(range(1, 23, 4, 5)), true);
    assert.equal(set.add(range(0, 0, 0, 0)), true);
    assert.equal(set.add(range(0, 0, 0, 0)), false);
  });

  it('compares positions too large to pack (and non-integers) exactly as well', () => {
    const set = new RangeSet();
    const huge = 2 ** 26;
    assert.equal(set.add(range(0, huge, 0, huge + 1)), true);
    assert.equal(set.add(range(0, huge, 0, huge + 1)), false);
    assert.equal(set.add(range(1, 0, 0, huge + 1)), true);
    // 2^26 characters on line 0 would pack like line 1, character 0: never mixed up.
    assert.equal(set.add(range(1, 0, 1, 0)), true);
    assert.equal(set.add(range(0, huge, 1, 0)), true);
    assert.equal(set.add(range(0, 1.5, 0, 2)), true);
    assert.equal(set.add(range(0, 1.5, 0, 2)), false);
  });
});
