// The redactor finds secrets with an Aho-Corasick automaton, and skips it for texts that hold no
// secret's first four characters (one regex search) and for characters read at the automaton's
// root (a table). Both shortcuts are held here to what the redactor is specified to mask, written
// the slow way: every occurrence of every secret, plus the longest part of a secret (at least four
// characters) right before an ellipsis, or (at least six) at the end of the text.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { redactorFor } from '../../server/src/engine/redaction';
import { redact } from '../../server/src/engine/secrets';

const MIN = 4;
const MIN_AT_END = 6;
const MAX_PATTERN_LENGTH = 1024;

function reference(secrets: readonly string[], text: string): string {
  const patterns = secrets.filter((s) => s.length >= MIN).map((s) => s.slice(0, MAX_PATTERN_LENGTH));
  if (patterns.length === 0) return text;
  const runs: [number, number][] = [];
  for (const pattern of patterns)
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) runs.push([at, at + pattern.length]);
  // The longest text ending at `end` that some secret starts with.
  const deepest = (end: number): number => {
    for (let length = end; length > 0; length--) {
      const tail = text.slice(end - length, end);
      if (patterns.some((p) => p.startsWith(tail))) return length;
    }
    return 0;
  };
  for (let i = 0; i < text.length; i++)
    if (text[i] === '\u2026') {
      const depth = deepest(i);
      if (depth >= MIN) runs.push([i - depth, i]);
    }
  const atEnd = deepest(text.length);
  if (atEnd >= MIN_AT_END) runs.push([text.length - atEnd, text.length]);
  if (runs.length === 0) return text;
  runs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of runs) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = '';
  let at = 0;
  for (const [start, end] of merged) {
    out += text.slice(at, start) + redact(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

// Few letters, so secrets share starts and texts hit them; regex syntax, a non-ASCII letter, a
// surrogate pair and the ellipsis itself, which a secret may hold.
const ALPHABET = ['a', 'b', 'c', 'd', '.', '|', '*', '(', '\\', '$', ' ', '\u00e9', '\u{1F511}', '\u2026'];
const piece = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));

const cases = fc
  .record({
    secrets: fc.array(piece, { minLength: 1, maxLength: 6 }),
    // Texts made of secrets, parts of them and other characters, so the interesting cases are common.
    parts: fc.array(
      fc.oneof(
        fc.nat(5).map((n) => ({ secret: n, cut: undefined as number | undefined })),
        fc.tuple(fc.nat(5), fc.nat(12)).map(([n, cut]) => ({ secret: n, cut })),
        piece.map((text) => ({ text })),
        fc.constant({ text: '\u2026' }),
      ),
      { maxLength: 8 },
    ),
  })
  .map(({ secrets, parts }) => {
    const text = parts
      .map((part) => {
        if ('text' in part) return part.text;
        const secret = secrets[part.secret % secrets.length]!;
        return part.cut === undefined ? secret : secret.slice(0, part.cut);
      })
      .join('');
    return { secrets, text };
  });

describe('redactor: the same output as the specification written the slow way', () => {
  it('on random secrets and texts made of them', () => {
    fc.assert(
      fc.property(cases, ({ secrets, text }) => {
        assert.equal(redactorFor(secrets)(text), reference(secrets, text));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });

  it('with more different first fours than the search takes (the automaton alone)', () => {
    const secrets = Array.from({ length: 80 }, (_, i) => `${String.fromCharCode(0x41 + (i % 26))}${i}-secret-value`);
    const redactor = redactorFor(secrets);
    const texts = [
      'no secret here at all',
      `x ${secrets[70]} y`,
      `cut ${secrets[79]!.slice(0, 5)}\u2026 here`,
      `ends ${secrets[3]!.slice(0, 7)}`,
      `${secrets[0]}${secrets[1]}`,
    ];
    for (const text of texts) assert.equal(redactor(text), reference(secrets, text), text);
  });

  it('the cases the search must not skip', () => {
    const secrets = ['s3cr3tValue', 'a.b|c*d(e', 'caf\u00e9-1234', 'k\u{1F511}ey1234'];
    const redactor = redactorFor(secrets);
    const texts = [
      's3cr3tValue',
      'pre s3cr\u2026',
      'ends with s3cr3t',
      'a.b|c*d(e',
      'abbbc: a.b|\u2026',
      'caf\u00e9-1234',
      'caf\u00e9\u2026',
      'k\u{1F511}ey12',
      // The search is for the first four: text that only has later parts stays as it is.
      'cr3tValue b|c*d(e',
    ];
    for (const text of texts) assert.equal(redactor(text), reference(secrets, text), text);
    assert.equal(redactor('pre s3cr\u2026'), 'pre ****\u2026');
    // Regex syntax in a secret is searched for as itself.
    assert.equal(redactor('a.b|c*d(e and aXb|c'), 'a.**** and aXb|c');
  });
});
