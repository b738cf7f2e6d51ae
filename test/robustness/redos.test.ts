// ReDoS audit: every regular-expression literal in the server (the engine runs on untrusted file
// text, the CLI on file names, the registry client on registry answers) is checked by
// redos-detector for catastrophic backtracking. New regexes are covered automatically.
// Regexes built at run time are covered too: each `new RegExp(...)` site must be listed here with
// every regex it can build, and config globs (which come from the linted repository) go through
// engine/glob.ts, which builds no regex and whose work is measured below.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSafe } from 'redos-detector';
import ts from 'typescript';
import { lint, mergeConfig } from '../../server/src/engine';
import { compileGlob, globMatchWork } from '../../server/src/engine/glob';
import { parseChallenge } from '../../server/src/registry/client';

const SERVER = path.join(__dirname, '../../server/src');

/**
 * Regexes redos-detector cannot decide within any practical step budget (300,000 steps took five
 * minutes without a verdict), each with the reason it is linear and a test below that measures it.
 */
const INCONCLUSIVE: Record<string, { why: string }> = {
  'registry/client.ts /(?:\\s|,)*([A-Za-z][\\w-]*)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,"]*))/y': {
    why: 'sticky (one start position per call) and every alternative starts with a different character; parseChallenge is timed below',
  },
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

interface Literal {
  file: string;
  line: number;
  regex: RegExp;
}

function regexLiterals(file: string): Literal[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const slash = literal.lastIndexOf('/');
      found.push({
        file: path.relative(SERVER, file).split(path.sep).join('/'),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        regex: new RegExp(literal.slice(1, slash), literal.slice(slash + 1)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// The verdict must not depend on how busy the machine is: redos-detector gets a step budget and
// no time limit (a `timeout` made the audit fail on a loaded machine). Hitting the budget counts
// as unsafe; 100,000 steps is enough for every engine regex with room to spare.
const AUDIT = { timeout: Infinity, maxSteps: 100_000, maxScore: Infinity } as const;

describe("ReDoS audit of the server's regular expressions", () => {
  const all = sourceFiles(SERVER).flatMap(regexLiterals);
  const literals = all.filter((l) => !INCONCLUSIVE[`${l.file} ${l.regex}`]);

  it(`finds the server's regexes (${all.length})`, () => {
    assert.ok(all.length > 200, 'the audit found suspiciously few regexes');
    const listed = new Set(all.map((l) => `${l.file} ${l.regex}`));
    assert.deepEqual(
      Object.keys(INCONCLUSIVE).filter((key) => !listed.has(key)),
      [],
      'an INCONCLUSIVE entry no longer matches a regex',
    );
  });

  it('parseChallenge (the inconclusive regex) stays linear on hostile WWW-Authenticate headers', () => {
    const hostile = (n: number) => [
      `Bearer ${'a '.repeat(n)}`,
      `Bearer a="${'\\a'.repeat(n)}`,
      `Bearer ${', '.repeat(n)}a`,
      `Bearer ${'a = '.repeat(n)}`,
      `Bearer ${'a="b",'.repeat(n)}x="${'\\"'.repeat(n)}`,
    ];
    const time = (n: number) => {
      const started = process.hrtime.bigint();
      for (const header of hostile(n)) parseChallenge(header);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    time(2_000); // warm up
    const small = time(5_000);
    const large = time(50_000);
    // Ten times the input: linear work takes about ten times as long, quadratic a hundred.
    assert.ok(large < 40 * Math.max(small, 1), `${small.toFixed(1)} ms -> ${large.toFixed(1)} ms`);
  });

  // An infinite score means backtracking that grows with the input (exponential or polynomial);
  // a finite score is bounded work per position, whatever its size.
  it('no regex can backtrack without bound', function () {
    // Bounded by the step budget, not by a clock.
    this.timeout(0);
    const unsafe = literals
      .map((l) => ({ ...l, result: isSafe(l.regex, AUDIT) }))
      .filter((l) => !l.result.safe)
      .map((l) => `${l.file}:${l.line} ${l.regex} (${l.result.error ?? 'unsafe'})`);
    assert.deepEqual(unsafe, []);
  });
});

/** Every regex a `new RegExp(...)` site in the server can build, by file: the audit checks each one. */
const CONSTRUCTED: Record<string, { why: string; regexes: RegExp[] }> = {
  'engine/rules/syntax-error.ts': {
    why: 'the escape directive allows only \\ and `',
    regexes: ['\\', '`'].map((escape) => new RegExp(`\\${escape}\\r?\\n`)),
  },
  'engine/secrets.ts': {
    why: 'global copies of the SHAPES literals, which the literal audit checks',
    regexes: [],
  },
};

function constructedRegexSites(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === 'RegExp') {
      sites.push(path.relative(SERVER, file).split(path.sep).join('/'));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

describe('ReDoS audit of regexes built at run time and of config globs', () => {
  it('every RegExp built at run time is listed, with the regexes it can build', function () {
    this.timeout(0);
    const sites = [...new Set(sourceFiles(SERVER).flatMap(constructedRegexSites))].sort();
    assert.deepEqual(sites, Object.keys(CONSTRUCTED).sort(), 'a new RegExp(...) site: list it in CONSTRUCTED');
    const unsafe = Object.values(CONSTRUCTED)
      .flatMap((site) => site.regexes)
      .filter((regex) => !isSafe(regex, AUDIT).safe)
      .map(String);
    assert.deepEqual(unsafe, []);
  });

  it('no glob library that compiles patterns to regexes is used on config globs', () => {
    const users = sourceFiles(SERVER).filter((file) =>
      /from 'picomatch'|require\('picomatch'\)/.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      users.map((f) => path.relative(SERVER, f)),
      [],
    );
  });

  // Patterns that make a backtracking matcher explode, with the texts that trigger it.
  const HOSTILE: [string, (n: number) => string][] = [
    ['ghcr.io/*a*a*a*a*a*a*a*a*b', (n) => `ghcr.io/${'a'.repeat(n)}:1`],
    ['*a*a*a*a*a*a*a*a*a*a*a*a*b', (n) => 'a'.repeat(n)],
    ['**/a*a*a*a*a*a*a*a*b/**', (n) => `x/${'a'.repeat(n)}/y`],
    ['a/**/a/**/a/**/a/**/a/**/a/**/a/**/b', (n) => 'a/'.repeat(n) + 'c'],
    ['**/**/**/**/**/**/**/**/x', (n) => 'a/'.repeat(n) + 'y'],
    ['{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*c', (n) => 'ab'.repeat(n)],
    ['[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[0-9]', (n) => 'q'.repeat(n)],
    ['?*?*?*?*?*?*?*?*?*/x', (n) => 'a'.repeat(n)],
  ];

  it('the glob matcher does work linear in the text for hostile patterns', () => {
    for (const [pattern, text] of HOSTILE) {
      const small = globMatchWork(pattern, text(600));
      const large = globMatchWork(pattern, text(6000));
      // Ten times the text, at most ten times the work (plus slack for the fixed start-up).
      assert.ok(large.steps <= 11 * small.steps + 1000, `${pattern}: ${small.steps} -> ${large.steps} steps`);
      // And a fixed bound per character: a few transitions per NFA state (braces multiply states,
      // within MAX_GLOB_STATES).
      const states = compileGlob(pattern)!.states.length;
      assert.ok(large.steps <= 4 * (text(6000).length + 1) * states, `${pattern}: ${large.steps} steps`);
    }
  });

  it('a hostile config glob met by every image of a hostile file costs about one step per character', () => {
    // 251 NFA states, all live on names of a's: the plain simulation paid ~250 steps per character
    // (about 10 ms per image); the lazily built DFA pays its few hundred sets once.
    const pattern = `ghcr.io/${'*a'.repeat(120)}*b`;
    let steps = 0;
    let chars = 0;
    for (let i = 0; i < 400; i++) {
      const name = `ghcr.io/${Array.from({ length: 230 }, (_, j) => ((i * 7 + j * j) % 3 ? 'a' : 'c')).join('')}${i}:1`;
      chars += name.length;
      steps += globMatchWork(pattern, name).steps;
    }
    assert.ok(steps < 4 * chars, `${steps} steps for ${chars} characters`);
  });

  it('trustedImages "ghcr.io/*a*a*a*a*a*a*a*a*b" against FROM ghcr.io/aaaa...(60):1 finishes (was over 120 s)', () => {
    const config = mergeConfig({ trustedImages: ['ghcr.io/*a*a*a*a*a*a*a*a*b'] });
    const text = `FROM ghcr.io/${'a'.repeat(60)}:1\nUSER 10001\nCMD ["x"]\n`;
    const started = process.hrtime.bigint();
    const result = lint({ text, kind: 'dockerfile' }, config);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(result.findings.some((f) => f.ruleId === 'untrusted-image'));
    // Generous: the whole lint takes milliseconds; the old matcher took minutes.
    assert.ok(ms < 5000, `${ms} ms`);
    const work = globMatchWork('ghcr.io/*a*a*a*a*a*a*a*a*b', `ghcr.io/${'a'.repeat(60)}:1`);
    assert.ok(!work.matched && work.steps < 5000, `${work.steps} steps`);
  });

  it('overrides.files with a hostile glob against a long file name finishes', () => {
    const config = mergeConfig({
      overrides: [{ rules: { privileged: 'off' }, files: ['**/*a*a*a*a*a*a*a*a*b'], reason: 'r' }],
    });
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const started = process.hrtime.bigint();
    const result = lint({ text, kind: 'compose', path: `deploy/${'a'.repeat(200)}.yaml` }, config);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(result.findings.some((f) => f.ruleId === 'privileged' && !f.suppressed));
    assert.ok(ms < 5000, `${ms} ms`);
  });
});
