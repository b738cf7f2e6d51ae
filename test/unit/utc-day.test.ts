import * as assert from 'node:assert/strict';
import { utcDay } from '../../server/src/engine/rules/eol-base-image';

describe('eol-base-image: utcDay', () => {
  it('writes the same day as toISOString for any time in years 0-9999', () => {
    const times = [
      0,
      -1,
      Date.UTC(2026, 11, 6, 23, 59, 59, 999),
      Date.UTC(2026, 11, 7, 0, 0, 0, 0),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      new Date('0001-01-01T00:00:00Z').getTime(),
      new Date('0099-03-04T05:06:07Z').getTime(),
    ];
    // Random times across the whole range, seeded so a failure repeats.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const min = new Date('0000-01-01T00:00:00Z').getTime();
    const max = new Date('9999-12-31T23:59:59Z').getTime();
    for (let i = 0; i < 2000; i++) times.push(Math.floor(min + next() * (max - min)));
    for (const time of times) assert.equal(utcDay(time), new Date(time).toISOString().slice(0, 10), String(time));
  });
});
