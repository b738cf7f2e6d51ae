// The engine's one fix loop: passes until nothing changes (bounded), and the editor's edits for it.
import { strict as assert } from 'node:assert';
import { applyEdits, lint, type Finding, type LintResult } from '../../server/src/engine';
import { MAX_FIX_PASSES, fixAll, lineEdits } from '../../server/src/engine/fix-loop';

function insertAtStart(text: string): LintResult {
  const finding: Finding = {
    ruleId: 'test',
    severity: 'warning',
    message: 'always one more',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [
      {
        title: 'prepend',
        preferred: true,
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '#\n' }],
      },
    ],
  } as Finding;
  return { findings: text.split('\n').length > 100 ? [] : [finding] };
}

describe('fix loop', () => {
  it('stops after MAX_FIX_PASSES when every pass finds more to fix', () => {
    const fixed = fixAll('FROM x\n', insertAtStart('FROM x\n'), insertAtStart);
    assert.equal(fixed.passes, MAX_FIX_PASSES);
    assert.equal(fixed.text, '#\n'.repeat(MAX_FIX_PASSES) + 'FROM x\n');
    assert.equal(applyEdits('FROM x\n', fixed.edits), fixed.text, 'the editor edits end on the same text');
  });

  it('returns the text unchanged, with no edits, when nothing is fixable', () => {
    const text = 'FROM alpine:3.20\nUSER 1000\n';
    const first = lint({ text, kind: 'dockerfile' });
    const fixed = fixAll(text, first, (t) => lint({ text: t, kind: 'dockerfile' }));
    assert.equal(fixed.text, text);
    assert.deepEqual(fixed.edits, []);
    assert.equal(fixed.result, first);
  });

  it('describes any change as line edits in the original coordinates', () => {
    const cases: [string, string][] = [
      ['a\nb\nc\n', 'a\nB\nc\n'],
      ['a\r\nb\r\n', 'x\r\na\r\nb\r\ny\r\n'],
      ['', 'new\n'],
      ['gone\n', ''],
      ['a\nb', 'a\nb\nc'],
      ['one\ntwo\nthree\nfour\n', 'one\n2\nthree\n4\nfive\n'],
    ];
    for (const [before, after] of cases)
      assert.equal(applyEdits(before, lineEdits(before, after)), after, JSON.stringify(before));
    assert.equal(lineEdits('a\nb\nc\n', 'a\nB\nc\n').length, 1, 'unchanged lines are not rewritten');
  });
});
