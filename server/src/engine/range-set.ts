import type { Position, Range } from './types';

// Lines and characters below 2^26 pack two to a number (2^52, still exact in a double).
const LIMIT = 2 ** 26;

function pack(position: Position): number | undefined {
  const { line, character } = position;
  // `x | 0` is x only for an integer under 2^31: with the bounds, a position packs to one number.
  if ((line | 0) !== line || (character | 0) !== character || line < 0 || character < 0) return undefined;
  if (line >= LIMIT || character >= LIMIT) return undefined;
  return line * LIMIT + character;
}

/**
 * The ranges seen so far, by value. A lint asks once per report (thousands on a large file): a
 * range is two numbers here, where a string key per report was an allocation and a hash each.
 */
export class RangeSet {
  // The first range added, packed (-1: none yet), outside the map: most rules report once per file,
  // and a map made for one entry was most of what their reports allocated.
  private firstStart = -1;
  private firstEnd = -1;
  // The first end seen at each other start; a second end at one start, or a position too large to pack, goes to `others`.
  private ends: Map<number, number> | undefined;
  private others: Set<string> | undefined;

  /** Adds the range; false when an equal range was added before. */
  add(range: Range): boolean {
    const start = pack(range.start);
    const end = pack(range.end);
    if (start === undefined || end === undefined) {
      return this.addOther(`${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`);
    }
    if (this.firstStart === -1) {
      this.firstStart = start;
      this.firstEnd = end;
      return true;
    }
    const first = start === this.firstStart ? this.firstEnd : this.ends?.get(start);
    if (first === undefined) {
      (this.ends ??= new Map()).set(start, end);
      return true;
    }
    // Two numbers, never four: no packed key equals an unpacked one.
    return first !== end && this.addOther(`${start}:${end}`);
  }

  private addOther(key: string): boolean {
    this.others ??= new Set();
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }
}
