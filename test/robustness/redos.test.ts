// ReDoS audit: every regular-expression literal in the server (the engine runs on untrusted file
// text, the CLI on file names, the registry client on registry answers) is checked by
// redos-detector for catastrophic backtracking. New regexes are covered automatically.
// redos-detector needs seconds per regex (minutes for all of them on a busy machine), and its
// verdict depends only on the regex, its options and its version: verdicts are recorded in
// redos-verdicts.json, reviewed like any snapshot, and only a regex without one is analysed (by a
// step budget, never a clock). `npm run test:update-snapshots` records new ones.
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
import { prefixSearch } from '../../server/src/engine/redaction';
import { parseChallenge } from '../../server/src/registry/client';

const SERVER = path.join(__dirname, '../../server/src');

/**
 * Regexes redos-detector cannot decide within any practical step budget (300,000 steps took five
 * minutes without a verdict), each with the reason it is linear and a test below that proves it.
 */
const INCONCLUSIVE: Record<string, { why: string }> = {
  'registry/client.ts /(?:\\s|,)*([A-Za-z][\\w-]*)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,"]*))/y': {
    why: 'sticky (one start position per call); proven piece by piece below: each piece is safe and no character can be matched on both sides of a join, so there is one way to match',
  },
};

/**
 * The inconclusive regex cut where one repetition meets what follows it. With safe pieces and no
 * character both the end of one piece and the start of the next can take, a match has one way to
 * divide the text between pieces: backtracking is bounded by the text, not a power of it.
 */
const PARSE_CHALLENGE_PIECES = {
  pieces: [/(?:\s|,)*/, /([A-Za-z][\w-]*)/, /\s*=\s*/, /(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))/],
  // [what a piece repeats at its end, what the next one (or the next part inside it) can start with]
  joins: [
    [/[\s,]/, /[A-Za-z]/],
    [/[\w-]/, /[\s=]/],
    [/\s/, /=/],
    [/\s/, /["]|[^\s,"]/],
    [/[^"\\]/, /\\/], // the two alternatives inside the quotes
    [/[^"\\]|\\/, /"/], // the quoted text and its closing quote (an escape starts with a backslash)
  ] as [RegExp, RegExp][],
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
const DETECTOR = `redos-detector ${(JSON.parse(fs.readFileSync(require.resolve('redos-detector/package.json'), 'utf8')) as { version: string }).version}, ${AUDIT.maxSteps} steps`;
const VERDICTS_FILE = path.join(__dirname, 'redos-verdicts.json');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

interface Verdicts {
  /** The analyser and budget the verdicts come from; another one invalidates them all. */
  detector: string;
  /** Regex (as `String(regex)`) -> redos-detector's score: the worst number of ways to match one input. */
  safe: Record<string, number>;
}

function recordedVerdicts(): Verdicts {
  const stored = fs.existsSync(VERDICTS_FILE) ? (JSON.parse(fs.readFileSync(VERDICTS_FILE, 'utf8')) as Verdicts) : undefined;
  return stored?.detector === DETECTOR ? stored : { detector: DETECTOR, safe: {} };
}

/**
 * Fails for a regex redos-detector finds unsafe; analyses the regexes that have no recorded verdict
 * and fails asking for them to be recorded (or records them under UPDATE_SNAPSHOTS=1).
 */
function auditAll(regexes: { regex: RegExp; where: string }[]): void {
  const verdicts = recordedVerdicts();
  const wanted = new Map(regexes.map((r) => [String(r.regex), r]));
  const unsafe: string[] = [];
  const unrecorded: string[] = [];
  for (const [key, { regex, where }] of wanted) {
    if (key in verdicts.safe) continue;
    const result = isSafe(regex, AUDIT);
    if (!result.safe) unsafe.push(`${where} ${key} (${result.error ?? 'unsafe'})`);
    else {
      unrecorded.push(`${where} ${key}`);
      verdicts.safe[key] = result.score.infinite ? Infinity : result.score.value;
    }
  }
  const stale = Object.keys(verdicts.safe).filter((key) => !wanted.has(key));
  for (const key of stale) delete verdicts.safe[key];
  if (UPDATE && (unrecorded.length > 0 || stale.length > 0)) {
    const sorted = Object.fromEntries(Object.entries(verdicts.safe).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(VERDICTS_FILE, `${JSON.stringify({ detector: DETECTOR, safe: sorted }, null, 2)}\n`);
  }
  assert.deepEqual(
    unsafe,
    [],
    'regexes that can backtrack without bound (or that redos-detector cannot decide within its budget)',
  );
  if (!UPDATE) {
    const how = 'run `npm run test:update-snapshots` and commit test/robustness/redos-verdicts.json';
    assert.deepEqual(unrecorded, [], `safe, but no recorded verdict: ${how}`);
    assert.deepEqual(stale, [], `verdicts of regexes that no longer exist: ${how}`);
  }
}

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

  it('the inconclusive regex (parseChallenge) is safe piece by piece, with disjoint joins', () => {
    const { pieces, joins } = PARSE_CHALLENGE_PIECES;
    const [key] = Object.keys(INCONCLUSIVE);
    assert.equal(`registry/client.ts /${pieces.map((p) => p.source).join('')}/y`, key, 'the pieces no longer spell the regex');
    // Anchored, as the sticky flag anchors the whole regex at lastIndex.
    for (const piece of pieces)
      assert.ok(isSafe(new RegExp(`^(?:${piece.source})`), AUDIT).safe, `${piece} is not safe on its own`);
    for (const [end, start] of joins) {
      const [a, b] = [new RegExp(`^(?:${end.source})$`), new RegExp(`^(?:${start.source})$`)];
      for (let code = 0; code <= 0xffff; code++) {
        const char = String.fromCharCode(code);
        assert.ok(!(a.test(char) && b.test(char)), `U+${code.toString(16)} can end ${end} and start ${start}`);
      }
    }
    // Each call consumes at least a name or ends the loop: the calls are linear in the header too.
    assert.deepEqual(parseChallenge(`Bearer realm="${'\\"'.repeat(3)}`), { scheme: 'bearer', params: { realm: '' } });
    assert.deepEqual(parseChallenge('Bearer a=1, b="x\\"y",c = d'), { scheme: 'bearer', params: { a: '1', b: 'x"y', c: 'd' } });
  });

  // An infinite score means backtracking that grows with the input (exponential or polynomial);
  // a finite score is bounded work per position, whatever its size.
  it('no regex can backtrack without bound', function () {
    // Bounded by the step budget, not by a clock; only new regexes are analysed.
    this.timeout(0);
    const built = Object.entries(CONSTRUCTED).flatMap(([file, site]) =>
      site.regexes.map((regex) => ({ regex, where: `${file} (built)` })),
    );
    auditAll([...literals.map((l) => ({ regex: l.regex, where: `${l.file}:${l.line}` })), ...built]);
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
  'engine/redaction.ts': {
    why: 'prefixSearch: escaped literals (the first four characters of each secret, at most 64) in one alternation, with no quantifier',
    regexes: [prefixSearch(['s3cr3tValue', 'a.b|c*d(e', '((((x', '\\\\\\', '[^]$', 'tok1', 'tok2', 'caf\u00e9-12'])!],
  },
  'engine/compose/validator-errors.ts': {
    why: "the Compose spec's patternProperties, as its generated validator builds them",
    regexes: composeSpecPatterns().map((pattern) => new RegExp(pattern, 'u')),
  },
};

function composeSpecPatterns(): string[] {
  const patterns = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const patternProperties = (node as { patternProperties?: object }).patternProperties;
    if (patternProperties) for (const pattern of Object.keys(patternProperties)) patterns.add(pattern);
    Object.values(node).forEach(walk);
  };
  walk(JSON.parse(fs.readFileSync(path.join(SERVER, 'engine/compose/compose-spec.json'), 'utf8')));
  return [...patterns];
}

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
  it('every RegExp built at run time is listed, with the regexes it can build (audited above)', function () {
    this.timeout(0);
    const sites = [...new Set(sourceFiles(SERVER).flatMap(constructedRegexSites))].sort();
    assert.deepEqual(sites, Object.keys(CONSTRUCTED).sort(), 'a new RegExp(...) site: list it in CONSTRUCTED');
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
    const result = lint({ text, kind: 'dockerfile' }, config);
    assert.ok(result.findings.some((f) => f.ruleId === 'untrusted-image'));
    // The old matcher's work here took minutes; this one's is counted, not timed.
    const work = globMatchWork('ghcr.io/*a*a*a*a*a*a*a*a*b', `ghcr.io/${'a'.repeat(60)}:1`);
    assert.ok(!work.matched && work.steps < 5000, `${work.steps} steps`);
  });

  it('overrides.files with a hostile glob against a long file name finishes', () => {
    const config = mergeConfig({
      overrides: [{ rules: { privileged: 'off' }, files: ['**/*a*a*a*a*a*a*a*a*b'], reason: 'r' }],
    });
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const file = `deploy/${'a'.repeat(200)}.yaml`;
    const result = lint({ text, kind: 'compose', path: file }, config);
    assert.ok(result.findings.some((f) => f.ruleId === 'privileged' && !f.suppressed));
    const work = globMatchWork('**/*a*a*a*a*a*a*a*a*b', file);
    assert.ok(
      !work.matched && work.steps < 10 * file.length * compileGlob('**/*a*a*a*a*a*a*a*a*b')!.states.length,
      `${work.steps} steps`,
    );
  });
});
