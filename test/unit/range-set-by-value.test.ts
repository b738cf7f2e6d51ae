// RangeSet keeps its first range in two fields and the rest in a map: whatever the order, it must
// answer as a set of ranges compared by value (the four numbers as one key) answers.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RangeSet } from '../../server/src/engine/range-set';
import type { Range } from '../../server/src/engine/types';

const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

function assertByValue(ranges: Range[]): void {
  const set = new RangeSet();
  const seen = new Set<string>();
  for (const r of ranges) {
    const key = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
    assert.equal(set.add(r), !seen.has(key), key);
    seen.add(key);
  }
}

describe('RangeSet, by value', () => {
  it('the first range again, another end at its start, then the first again', () => {
    assertByValue([range(0, 0, 0, 1), range(0, 0, 0, 1), range(0, 0, 0, 2), range(0, 0, 0, 1), range(0, 0, 0, 2)]);
    assertByValue([range(3, 1, 3, 4), range(5, 0, 5, 1), range(3, 1, 3, 4), range(5, 0, 5, 1), range(5, 0, 6, 0)]);
    assertByValue([range(0, 2 ** 26, 0, 1), range(0, 0, 0, 0), range(0, 2 ** 26, 0, 1), range(0, 0, 0, 0)]);
  });

  it('any sequence of ranges from a small pool (so that they repeat and share starts)', () => {
    const position = fc.constantFrom(0, 1, 2, 2 ** 26, 1.5);
    const arbitrary = fc.tuple(position, position, position, position).map(([a, b, c, d]) => range(a, b, c, d));
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 40 }), (ranges) => assertByValue(ranges)),
      { numRuns: 500 },
    );
  });
});
