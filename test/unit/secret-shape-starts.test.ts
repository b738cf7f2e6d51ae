// secretShapeMatches and secretShape search for SHAPE_STARTS (the literal every token shape starts
// with) once before trying the thirteen shapes. Held here: any text a shape matches holds one of
// the starts, for strings generated from each shape itself (so a shape added without its start
// fails), and both functions answer as they did without the search, on texts made to hold tokens.
// Also endsToken, the comparison that replaced a regex test per character of a token or URL.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { endsToken, SHAPE_STARTS, SHAPES, secretShape, secretShapeMatches } from '../../server/src/engine/secrets';

/** The shapes as they were searched before SHAPE_STARTS: each over the whole text. */
function referenceMatches(text: string): string[] {
  const found: string[] = [];
  for (const [shape] of SHAPES) {
    const pattern = new RegExp(shape.source, 'g');
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      let end = match.index + match[0].length;
      while (end < text.length && !/[\s"'`]/.test(text[end]!)) end++;
      found.push(text.slice(match.index, end));
    }
  }
  return found;
}

function referenceShape(value: string): string | undefined {
  for (const [pattern, kind] of SHAPES) if (pattern.test(value)) return kind;
  return undefined;
}

// What each shape matches, without its word boundaries (a superset: every match of the shape is one).
const tokens = fc.oneof(...SHAPES.map(([shape]) => fc.stringMatching(new RegExp(`^(?:${shape.source.replace(/\\b/g, '')})$`))));
const noise = fc.string({ unit: fc.constantFrom(...'aZ09_-. "\'`=:/\n\t'), maxLength: 12 });

describe('token shapes: the search for their starts skips only texts no shape matches', () => {
  it('every string a shape matches holds one of SHAPE_STARTS', () => {
    for (const [shape] of SHAPES) {
      const generated = fc.stringMatching(new RegExp(`^(?:${shape.source.replace(/\\b/g, '')})$`));
      fc.assert(
        fc.property(generated, (token) => {
          assert.ok(SHAPE_STARTS.test(token), `${shape}: ${token}`);
        }),
        { numRuns: 200, seed: 20261207 },
      );
    }
  });

  it('secretShapeMatches and secretShape answer as the shapes tried one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tokens, noise), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(secretShapeMatches(text), referenceMatches(text));
        assert.equal(secretShape(text), referenceShape(text));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });

  it('endsToken answers as the regex it replaced, for every UTF-16 code', () => {
    const tokenEnd = /[\s"'`]/;
    for (let code = 0; code <= 0xffff; code++)
      assert.equal(endsToken(code), tokenEnd.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
  });

  it('on texts without a token', () => {
    for (const text of ['', 'ENV A=b', 'AKI', 'sk_test_123', 'gh_x', '-----BEGIN CERTIFICATE-----']) {
      assert.deepEqual(secretShapeMatches(text), []);
      assert.equal(secretShape(text), undefined);
    }
  });
});
