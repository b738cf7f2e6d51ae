// normalizePath returns a path already in its form as it is (isNormalPath), without splitting and
// joining it. Held here to the split-and-join it skips, on every path of up to seven characters
// over the characters that matter (a name, `.`, `/`, `\`) and on the project search's own paths.
import { strict as assert } from 'node:assert';
import { isNormalPath, normalizePath, resolveFrom } from '../../server/src/engine/compose/project/paths';
import { DEFAULT_FILE_NAMES, OVERRIDE_FILE_NAMES } from '../../server/src/engine/compose/project/file-names';

/** normalizePath as it was written before the check: every path split and joined. */
function splitAndJoin(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function* pathsOver(alphabet: readonly string[], maxLength: number): Generator<string> {
  let current = [''];
  yield '';
  for (let length = 1; length <= maxLength; length++) {
    const next: string[] = [];
    for (const prefix of current) for (const c of alphabet) next.push(prefix + c);
    yield* next;
    current = next;
  }
}

describe('Compose project paths: normalizePath and isNormalPath', () => {
  it('give what splitting and joining gives, on every short path', () => {
    let normal = 0;
    let checked = 0;
    for (const path of pathsOver(['a', '.', '/', '\\'], 7)) {
      const expected = splitAndJoin(path);
      assert.equal(normalizePath(path), expected, JSON.stringify(path));
      assert.equal(isNormalPath(path), expected === path, JSON.stringify(path));
      if (expected === path) normal++;
      checked++;
    }
    // Both answers occur often enough for the comparison to mean something.
    assert.ok(normal > 100 && checked - normal > 10_000, `${normal} of ${checked}`);
  });

  it('take the project search paths as they are, and fold the rest', () => {
    const folders = ['', '..', '../..', '../../..', 'sub', 'sub/deeper', '../sub'];
    for (const folder of folders)
      for (const name of [...DEFAULT_FILE_NAMES, ...OVERRIDE_FILE_NAMES, '.env']) {
        const path = resolveFrom(folder, name);
        assert.equal(path, splitAndJoin(folder === '' ? name : `${folder}/${name}`));
        assert.ok(isNormalPath(path), path);
      }
    const cases: [string, string][] = [
      ['./compose.yaml', 'compose.yaml'],
      ['sub/../compose.yaml', 'compose.yaml'],
      ['../a/../../b', '../../b'],
      ['a\\b\\..\\c.yaml', 'a/c.yaml'],
      ['/etc/compose.yaml', 'etc/compose.yaml'],
      ['a//b/', 'a/b'],
      ['..', '..'],
      ['.', ''],
      ['...', '...'],
      ['..a/.b', '..a/.b'],
    ];
    for (const [path, expected] of cases) assert.equal(normalizePath(path), expected, path);
  });
});
