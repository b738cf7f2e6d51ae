// The config glob matcher: picomatch's meaning (what the config documented before), without its
// backtracking. Hostile patterns are in test/robustness/redos.test.ts.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { mergeConfig, parseConfig } from '../../server/src/engine';
import { isIgnoredPath, overrideApplies } from '../../server/src/engine/config';
import { globMatches, globProblem, MAX_GLOB_ALTERNATIVES } from '../../server/src/engine/glob';
import { parseImageRef } from '../../server/src/engine/image-ref';
import { isTrustedImage } from '../../server/src/engine/image-trust';

describe('config globs', () => {
  it('match as picomatch (dot: true) does on the documented shapes', () => {
    const cases: [string, string, boolean][] = [
      ['acme/base-*', 'acme/base-node', true],
      ['acme/base-*', 'acme/base-node/x', false],
      ['ghcr.io/acme/*', 'ghcr.io/acme/api:1', true],
      ['*/*', 'a/b:1', true],
      ['vendor/**', 'vendor/a/b/Dockerfile', true],
      ['vendor/**', 'vendor', true],
      ['**/testdata/**', 'x/testdata/Dockerfile', true],
      ['**/testdata/**', 'testdata/Dockerfile', true],
      ['deploy/**/compose.yaml', 'deploy/compose.yaml', true],
      ['deploy/**/compose.yaml', 'deploy/a/b/compose.yaml', true],
      ['*.Dockerfile', 'a/api.Dockerfile', false],
      ['**/*.Dockerfile', 'a/api.Dockerfile', true],
      ['a/*', 'a/', false],
      ['a/*', 'a/.hidden', true],
      ['a?', 'ab', true],
      ['?', '/', false],
      ['[a-c]x', 'bx', true],
      ['[^a-c]x', 'dx', true],
      ['[[:digit:]]', '7', true],
      ['{api,web}/Dockerfile', 'web/Dockerfile', true],
      ['{a,{b,c}}', 'c', true],
      ['{1..3}', '2', true],
      ['{a}', '{a}', true],
      ['a\\*', 'a*', true],
      ['a\\*', 'ab', false],
      ['./a', 'a', true],
      ['a**b', 'ax/b', false],
      ['*', '', false],
    ];
    for (const [pattern, text, expected] of cases) {
      assert.equal(globMatches(pattern, text), expected, `${pattern} ~ ${text}`);
      assert.equal(picomatch(pattern, { dot: true })(text), expected, `picomatch: ${pattern} ~ ${text}`);
    }
  });

  it('agree with picomatch on generated patterns and names', () => {
    const piece = fc.constantFrom('a', 'b', '/', '*', '**', '?', '[ab]', '[^a]', '[a-c]', '{a,b}', '{,b}', '-', ':', '.', '\\*');
    // Names as the matcher sees them: no `.` segments (picomatch never lets `*` match `.` or `..`,
    // a path-traversal guard) and no trailing `/` (which picomatch lets some patterns ignore);
    // config paths and image names have neither.
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', '/', ':', '-', '*'), { minLength: 1, maxLength: 8 })
      .map((a) => a.join(''))
      .filter((t) => !t.endsWith('/'));
    const pattern = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((a) => a.join(''))
      // Left out: runs of three or more stars, `**` touching a brace group, a final `/**` after
      // another wildcard (`*/**` does not match `a` but `a/**` does) and a leading `/**/` (which
      // does not match `/x`), where picomatch's reading depends on how its parser splits the pattern.
      .filter((p) => !/\*{3}|\*\*\{|\}\*\*|[*?\]}][^/]*\/\*\*$|^\/\*\*/.test(p));
    fc.assert(
      fc.property(pattern, text, (p, t) => globMatches(p, t) === picomatch(p, { dot: true })(t)),
      { numRuns: 3000, seed: 20261206 },
    );
  });

  it('still agrees with picomatch once a pattern has more state sets than its DFA keeps', () => {
    // `*a` then twelve `?`: which of the last thirteen characters were `a` is a state set of its
    // own, 4,096 of them, so the lazy DFA fills up, starts again and finishes on the NFA alone.
    const pattern = `*a${'?'.repeat(12)}`;
    const matcher = picomatch(pattern, { dot: true });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 2;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 13 + (i % 40) }, () => (random() ? 'a' : 'b')).join('');
      assert.equal(globMatches(pattern, text), matcher(text), text);
    }
  });

  it('rejects what it does not support, or what would make it large', () => {
    assert.match(globProblem('!vendor/**') ?? '', /negated/);
    assert.match(globProblem('@(a|b)') ?? '', /extglob/);
    assert.match(globProblem('x'.repeat(300)) ?? '', /longer than/);
    assert.match(globProblem('{a,b}'.repeat(5) + '*x'.repeat(20)) ?? '', /more than 512 states/);
    assert.match(globProblem('{a,b}'.repeat(7)) ?? '', new RegExp(`more than ${MAX_GLOB_ALTERNATIVES}`));
    assert.match(globProblem('{1..100000}') ?? '', /alternatives/);
    assert.match(globProblem('[[:bogus:]]') ?? '', /character class/);
    assert.equal(globProblem('ghcr.io/*a*a*a*a*a*a*a*a*b'), undefined);
  });

  it('reports an unusable glob in .shipshape.yaml and drops only that entry', () => {
    const { config, problems } = parseConfig(
      'trustedImages: ["acme/*", "@(a|b)/*", "plain/name"]\nignore: ["!keep/**", "vendor/**"]\noverrides:\n  - rules: {privileged: off}\n    files: ["{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", "deploy/**"]\n    reason: r\n',
    );
    assert.deepEqual(config.trustedImages, ['acme/*', 'plain/name']);
    assert.deepEqual(config.ignore, ['vendor/**']);
    assert.deepEqual(config.overrides?.[0]?.files, ['deploy/**']);
    assert.deepEqual(
      problems.map((p) => p.range.start.line),
      [0, 1, 4],
    );
    assert.match(problems[0]!.message, /trustedImages.*extglob/);
  });

  it('still drives image trust, ignore and overrides', () => {
    const config = mergeConfig({
      trustedImages: ['acme/base-*'],
      ignore: ['vendor/**'],
      overrides: [{ rules: { privileged: 'off' }, files: ['deploy/**'], reason: 'r' }],
    });
    assert.ok(isTrustedImage(parseImageRef('acme/base-node:22')!, config));
    assert.ok(!isTrustedImage(parseImageRef('acme/other:22')!, config));
    assert.ok(isIgnoredPath(config, 'vendor/x/Dockerfile'));
    assert.ok(!isIgnoredPath(config, 'src/Dockerfile'));
    assert.ok(overrideApplies(config.overrides[0]!, { path: 'deploy/a/compose.yaml' }));
    assert.ok(!overrideApplies(config.overrides[0]!, { path: 'src/compose.yaml' }));
  });
});
