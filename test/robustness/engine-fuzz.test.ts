// Property tests: whatever text arrives (truncated, mangled, binary, huge lines, mixed line
// breaks), the engine returns findings with ranges inside the document and never throws.
// FUZZ_RUNS raises the number of generated cases for `npm run fuzz`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyFixes, lint, mergeConfig, preferredFixGroups, type FileKind, type Finding } from '../../server/src/engine';
import { startCounting, stopCounting, workOf } from './work-counter';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// CI replays the same cases every time; `npm run fuzz` explores new ones (FUZZ_SEED=random).
if (process.env.FUZZ_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261124) });
const strict = mergeConfig({ extends: 'strict' });

function seeds(kind: FileKind): string[] {
  const dirs = [path.join(__dirname, '../rules')];
  const corpus = path.resolve(__dirname, '../../../shared/corpus/wild');
  if (fs.existsSync(corpus)) dirs.push(corpus);
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || found.length > 150) return;
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, depth + 1);
      else if (kind === 'compose' ? /\.ya?ml$/.test(name) : /Dockerfile/.test(name)) found.push(fs.readFileSync(full, 'utf8'));
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return found;
}

/** Nine levels of nine aliases each: 387,420,489 strings if anything expanded them. */
function billionLaughs(levels = 9): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let level = 1; level < levels; level++) {
    const previous = String.fromCharCode(96 + level);
    const current = String.fromCharCode(97 + level);
    text += `${current}: &${current} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
  }
  return text + `services:\n  web:\n    image: nginx:1.27\n    labels: *${String.fromCharCode(96 + levels)}\n`;
}

function assertSane(text: string, findings: Finding[]): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (const f of findings) {
    const { start, end } = f.range;
    assert.ok(start.line >= 0 && start.line < lines.length, `start line out of range: ${JSON.stringify(f)}`);
    assert.ok(end.line >= start.line && end.line < lines.length, `end line out of range: ${JSON.stringify(f)}`);
    assert.ok(
      start.character >= 0 && start.character <= lines[start.line]!.length,
      `start char out of range: ${JSON.stringify(f)}`,
    );
    assert.ok(end.character <= lines[end.line]!.length, `end char out of range: ${JSON.stringify(f)}`);
    assert.ok(!/failed on this file/.test(f.message), `a rule threw: ${f.message}`);
  }
}

/** Mutations that real editing and real files produce. */
function mutated(seedTexts: string[]) {
  const seed = fc.constantFrom(...seedTexts);
  const junk = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '\\',
      '\\\n',
      '\r',
      '\r\n',
      '\t',
      '"',
      "'",
      '${',
      '$(',
      '`',
      '<<EOF',
      '[',
      '{',
      '&:',
      '*a',
      '<<: *x',
      '- ',
      ': ',
      '#',
      '\u0000',
      '\uFEFF',
      '\uD800',
    ),
  );
  return fc.oneof(
    seed.chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
    seed.chain((s) => fc.tuple(fc.nat(s.length), junk).map(([n, j]) => s.slice(0, n) + j + s.slice(n))),
    seed.chain((s) => fc.tuple(fc.nat(s.length), fc.nat(40)).map(([n, k]) => s.slice(0, n) + s.slice(n + k))),
    seed.map((s) => s.replace(/\n/g, '\r\n')),
    seed.map((s) => s.replace(/\n/g, '\r')),
    seed.map((s) => s.replace(/ {2}/g, '\t')),
    fc.string({ maxLength: 300 }),
  );
}

for (const kind of ['dockerfile', 'compose'] as const) {
  describe(`engine robustness: ${kind}`, () => {
    const seedTexts = seeds(kind);

    it(`never throws and keeps ranges inside the document (${RUNS} generated cases)`, () => {
      fc.assert(
        fc.property(mutated(seedTexts), (text) => {
          const { findings, skipped } = lint({ text, kind }, strict);
          if (!skipped) assertSane(text, findings);
        }),
        { numRuns: RUNS },
      );
    });

    it('fix-all reaches a fixed point: once converged, another pass changes nothing, and the result still parses', () => {
      fc.assert(
        fc.property(fc.constantFrom(...seedTexts), (text) => {
          const fixAll = (input: string) =>
            applyFixes(input, preferredFixGroups(lint({ text: input, kind }, strict).findings)).text;
          let current = text;
          for (let pass = 0; pass < 6; pass++) {
            const next = fixAll(current);
            if (next === current) break;
            current = next;
          }
          assert.equal(fixAll(current), current, 'fix-all did not converge in 6 passes');
          const after = lint({ text: current, kind }, strict).findings;
          assertSane(current, after);
          const syntaxBefore = lint({ text, kind }, strict).findings.filter((f) => f.ruleId === 'syntax-error').length;
          assert.ok(after.filter((f) => f.ruleId === 'syntax-error').length <= syntaxBefore, `fixes broke the file:\n${current}`);
        }),
        { numRuns: Math.min(RUNS, seedTexts.length) },
      );
    });

    // Work is counted (work-counter.ts), not timed: each shape at n and 4n must cost about four
    // times as much, where a quadratic pass costs sixteen and an exponential one never returns.
    describe('does work linear in the size of pathological inputs', function () {
      this.timeout(0);
      before(startCounting);
      after(stopCounting);
      const PATHOLOGICAL: [string, (n: number) => string, number][] = [
        ['one huge word', (n) => 'RUN ' + 'a'.repeat(n), 50_000],
        ['unclosed quotes', (n) => 'RUN ' + '"'.repeat(n), 12_500],
        ['nested command substitutions', (n) => 'RUN ' + '$('.repeat(n), 5_000],
        ['a long pipeline', (n) => 'RUN ' + 'x | '.repeat(n), 5_000],
        ['nested variable defaults', (n) => 'FROM ' + '${A:-'.repeat(n), 2_500],
        ['deep indentation', (n) => 'services:\n' + '  '.repeat(n) + 'a: 1\n', 1_250],
        ['unclosed flow sequences', (n) => '['.repeat(n), 5_000],
        ['many aliases of one anchor', (n) => 'x: &a [' + '*a,'.repeat(n) + ']\n', 250],
        ['a suppression of many ids', (n) => '# shipshape-ignore ' + 'a,'.repeat(n), 12_500],
        ['a port of colons', (n) => 'services:\n  a:\n    ports:\n' + '      - "'.concat(':'.repeat(n), '"\n'), 12_500],
      ];
      const cost = (text: string) => workOf(() => lint({ text, kind }, strict));
      for (const [name, shape, n] of PATHOLOGICAL) {
        it(name, () => {
          cost(shape(n / 4)); // lazily loaded code runs once before counting matters
          const [small, large] = [cost(shape(n)), cost(shape(4 * n))];
          assert.ok(large < 1.5 * 4 * small, `${name}: ${small} -> ${large} code blocks for 4x the input`);
        });
      }
      it('aliases of aliases (billion laughs) are not expanded', () => {
        cost(billionLaughs(3));
        const [eight, nine] = [cost(billionLaughs(8)), cost(billionLaughs(9))];
        // A level more is nine times the strings if expanded; a few more lines of text if not.
        assert.ok(nine < 1.5 * eight, `${eight} -> ${nine} code blocks for one more level`);
      });
    });
  });
}
