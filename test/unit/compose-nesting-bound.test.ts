// compose/nesting.ts skips its scan when a count of the characters that open levels shows a text
// cannot nest past the limit. The count must bound what the scan measures: for every YAML file of
// the repository and hand-made deep or odd texts, at limits from 1 up, a text the count clears
// has no region past that limit.
import { strict as assert } from 'node:assert';
import { cannotNestDeeper, excessiveNesting, scanNesting } from '../../server/src/engine/compose/nesting';
import { repositoryYamlFiles } from './repository-yaml';

const LIMITS = [1, 2, 3, 4, 5, 8, 12, 16, 32, 64, 256];

const CASES: Record<string, string> = {
  'compact sequences': '- - - - - - x\n',
  'keys in keys': 'a:\n b:\n  c:\n   d:\n    e: 1\n',
  'flow brackets': '[[[{a: [[1]]}]]]\n',
  'indicators after a flow closes on the next line': 'k: [\nx] : - - - [\ny] : - - ? - z\n',
  'indicators after a value': 'a: - - - x\nb: ? ? ? y\n',
  'a quoted line break': 'a: "x\n- - -"\nb: - - c\n',
  'block scalar': 'a: |\n  - - - -\n  [[[\nb: - - x\n',
  'dash without a blank': '-x:\n -y:\n  -z: 1\n',
  'comments and blanks': '# - - - -\n\n  \na: # [[[\n  - b\n',
  'CRLF lines': 'a:\r\n b:\r\n  - - c\r\n',
  'question marks': `${'? '.repeat(30)}x\n`,
  braces: `a: ${'{'.repeat(20)}x${'}'.repeat(20)}\n`,
  'colons that open levels': `a: ${': '.repeat(30)}x\n: : : : y\n`,
  'lines indented further, no indicators': Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}x${i}`).join('\n'),
};

function assertBounded(text: string, name: string): void {
  for (const limit of LIMITS) {
    if (!cannotNestDeeper(text, limit)) continue;
    assert.deepEqual(scanNesting(text, limit), [], `${name}: cleared at limit ${limit}, but the scan found a region`);
  }
}

describe('Compose nesting guard: the count that skips the scan', () => {
  for (const [name, text] of Object.entries(CASES)) it(name, () => assertBounded(text, name));

  it('clears small texts and not deep ones', () => {
    assert.equal(cannotNestDeeper('a: 1\n', 256), true);
    assert.equal(cannotNestDeeper('- '.repeat(300) + 'x\n', 256), false);
    assert.equal(excessiveNesting('- '.repeat(300) + 'x\n').length, 1);
    assert.deepEqual(excessiveNesting('services:\n  web:\n    image: nginx\n'), []);
  });

  it('bounds the scan on every YAML file of the repository', () => {
    for (const file of repositoryYamlFiles()) assertBounded(file.text, file.name);
  });
});
