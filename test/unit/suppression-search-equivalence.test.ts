// findSuppressions looks only at the lines that mention a comment form's keyword
// (`shipshape-ignore`, `hadolint`), found by searching the whole text. The search it replaced
// looked at every line with a `#` (suppress-reference.ts). Held to it here: the same comments, with
// the same ids, ranges, reasons and scopes, over the corpus (when present), the repository's
// fixtures and tests, their CRLF/CR/BOM/case variants and edge cases.
import { strict as assert } from 'node:assert';
import { TextIndex } from '../../server/src/engine';
import { findSuppressions } from '../../server/src/engine/suppress';
import { corpusAvailable, corpusTexts, repositoryTexts, variants } from './equivalence-texts';
import { referenceFindSuppressions } from './suppress-reference';

// Any answers will do, as long as both searches get the same ones: these tell lines and codes apart.
const hadolintToRules = (code: string) => (code === 'DL3000' ? [] : [`rule-${code.toLowerCase()}`, 'shared']);
const scopeOf = (line: number) => ({ first: line, last: line + (line % 3) });

function assertSame(name: string, text: string): number {
  const reference = referenceFindSuppressions(new TextIndex(text), hadolintToRules, scopeOf);
  const engine = findSuppressions(new TextIndex(text), hadolintToRules, scopeOf);
  assert.deepEqual(engine, reference, name);
  return engine.length;
}

const EDGE_CASES: [string, string][] = [
  ['empty', ''],
  ['only a comment, no next line', '# shipshape-ignore root-user -- why'],
  ['file comment on the last line', 'FROM alpine\n# shipshape-ignore-file root-user -- why'],
  [
    'both forms, consecutive and interleaved',
    '# hadolint ignore=DL3008,DL3009\n# shipshape-ignore a, b -- x\n# shipshape-ignore-file c\n\n# hadolint global ignore=DL3000\nRUN x\n',
  ],
  ['a keyword twice on a line', '# shipshape-ignore shipshape-ignore -- shipshape-ignore\nRUN x\n'],
  ['both keywords on one line', '# shipshape-ignore x -- hadolint said so\n# hadolint ignore=DL3008 shipshape-ignore\nRUN x\n'],
  ['keywords outside comments', 'RUN echo shipshape-ignore hadolint\nLABEL x="# shipshape-ignore a"\nRUN y\n'],
  ['keyword at the very start and end', 'shipshape-ignore\n#shipshape-ignore\tx\nhadolint'],
  ['indented YAML comments', 'services:\n  # shipshape-ignore privileged -- lab\n  web:\n    privileged: true\n'],
  ['mixed line breaks', '# shipshape-ignore a\r\nRUN x\r# hadolint ignore=DL3008\nRUN y\r\n'],
  ['case differs', '# SHIPSHAPE-IGNORE a\nRUN x\n# Hadolint ignore=DL3008\nRUN y\n'],
];

describe('suppression comments: the same as the every-line search it replaced', () => {
  it('on the edge cases', () => {
    for (const [name, text] of EDGE_CASES)
      for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, shown);
  });

  it("on the repository's fixtures, examples and tests", function () {
    this.timeout(300_000);
    let found = 0;
    for (const [name, text] of repositoryTexts())
      for (const [variant, shown] of variants(text)) found += assertSame(`${name} (${variant})`, shown);
    // The rule fixtures and suppression tests hold comments of every form: none found would pass vacuously.
    assert.ok(found > 200, `${found} comments`);
  });

  (corpusAvailable ? it : it.skip)('on the real-world corpus', function () {
    this.timeout(300_000);
    for (const [name, text] of corpusTexts())
      for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, shown);
  });
});
