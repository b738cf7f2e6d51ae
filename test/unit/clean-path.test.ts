// cleanAbsolutePath gives a path that is clean already back as it is, and cleans any other with a
// split and join (Go's path.Clean, rooted); exposedPorts takes an EXPOSE value without whitespace
// as one port. Both must answer as the split-based originals (kept here) on every path and value.
import { strict as assert } from 'node:assert';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { exposedPorts } from '../../server/src/engine/dockerfile/expose';
import { cleanAbsolutePath } from '../../server/src/engine/dockerfile/paths';

function cleanBySplit(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

describe('cleanAbsolutePath and exposedPorts without a split for the plain case', () => {
  it('cleans paths as the split-based version does', () => {
    const cases = [
      '',
      '/',
      '//',
      '/.',
      '/..',
      '/a',
      '/a/',
      '/a//b',
      '/a/./b',
      '/a/../b',
      '/.a',
      '/..a',
      '/a.',
      '/a..',
      'a',
      'a/b',
      './a',
      '/a/b/c',
      '/...',
    ];
    for (const path of cases) assert.equal(cleanAbsolutePath(path), cleanBySplit(path), JSON.stringify(path));
    const alphabet = ['/', '.', 'a', 'b', '..', ' '];
    let state = 99;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 20000; n++) {
      let path = '';
      for (let i = 0, length = Math.floor(next() * 10); i < length; i++) path += alphabet[Math.floor(next() * alphabet.length)];
      assert.equal(cleanAbsolutePath(path), cleanBySplit(path), JSON.stringify(path));
    }
  });

  it('reads EXPOSE values with and without whitespace as one or several ports', () => {
    const model = parseDockerfile('FROM a\nARG PORTS="80  443"\nARG ONE=8080\nEXPOSE 22 $PORTS $ONE 53/udp "" 1-2\n');
    const stage = model.stages[0]!;
    const expose = stage.instructions.find((i) => i.getKeyword() === 'EXPOSE')!;
    const expand = (text: string) => model.expandInStage(stage, text, expose).value;
    const ports = exposedPorts(expose, expand).map((p) => [p.text, p.value, p.from, p.to, p.protocol]);
    assert.deepStrictEqual(ports, [
      ['22', '22', 22, 22, 'tcp'],
      ['$PORTS', '80', 80, 80, 'tcp'],
      ['$PORTS', '443', 443, 443, 'tcp'],
      ['$ONE', '8080', 8080, 8080, 'tcp'],
      ['53/udp', '53/udp', 53, 53, 'udp'],
      ['""', '""', undefined, undefined, 'tcp'],
      ['1-2', '1-2', 1, 2, 'tcp'],
    ]);
  });
});
