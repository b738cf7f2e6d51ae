// Linear work on any input (SECURITY.md, "Bounded work on any input"). Each shape is a file an
// attacker (or a generator) can write far below maxFileSize that used to cost time quadratic in
// its size (the scopeOf, compose-schema and stageNamed searches are linear now as well, but their
// quadratic steps were too cheap to show at sizes a unit test can afford). Every test lints the shape at n and 4n items and asserts that the time per item does
// not grow by more than a generous factor: a ratio, so a slow or busy machine does not fail it,
// where quadratic work makes the ratio about 4. Each size takes the fastest of a few runs.
import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG, lint, RULES, type FileKind } from '../../server/src/engine';

const RUNS = 3;
// Linear work stays near 1 (garbage collection and caches move it a little); quadratic is about 4.
const MAX_GROWTH = 2.5;

/** Only the rules a shape exercises, so the measurement is of the pass under test. */
function rules(...ids: string[]) {
  const selected = RULES.filter((rule) => ids.includes(rule.id));
  assert.equal(selected.length, ids.length, `unknown rule id in ${ids.join(', ')}`);
  return selected;
}

function fastest(kind: FileKind, text: string, ruleIds: string[]): number {
  const selected = rules(...ruleIds);
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    lint({ text, kind, path: kind === 'compose' ? 'compose.yaml' : 'Dockerfile' }, DEFAULT_CONFIG, selected);
    best = Math.min(best, Number(process.hrtime.bigint() - start));
  }
  return best;
}

interface Shape {
  kind: FileKind;
  rules: string[];
  /** Items in the smaller input; the larger one has four times as many. */
  n: number;
  generate(n: number): string;
}

function assertLinear(shape: Shape): void {
  // Warm the code paths (JIT) on a small input first.
  fastest(shape.kind, shape.generate(Math.ceil(shape.n / 4)), shape.rules);
  const small = fastest(shape.kind, shape.generate(shape.n), shape.rules) / shape.n;
  const large = fastest(shape.kind, shape.generate(4 * shape.n), shape.rules) / (4 * shape.n);
  const growth = large / small;
  assert.ok(
    growth < MAX_GROWTH,
    `time per item grew ${growth.toFixed(2)}x from ${shape.n} to ${4 * shape.n} items (${(small / 1000).toFixed(1)} -> ${(large / 1000).toFixed(1)} µs)`,
  );
}

const SHAPES: Record<string, Shape> = {
  'a suppression comment per Compose service (yamlScopeAt walked the document per comment)': {
    kind: 'compose',
    rules: ['privileged'],
    n: 500,
    generate: (n) =>
      'services:\n' +
      Array.from(
        { length: n },
        (_, i) => `  # shipshape-ignore privileged -- test rig\n  s${i}:\n    image: nginx:1.27\n    privileged: true\n`,
      ).join(''),
  },
  'an extends chain through every service (each service walked the chain to its root)': {
    kind: 'compose',
    rules: ['privileged'],
    n: 500,
    generate: (n) =>
      'services:\n' +
      Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.27\n` + (i > 0 ? `    extends: s${i - 1}\n` : '')).join(
        '',
      ),
  },
  'one RUN with thousands of pipes (pipe-to-shell walked the rest of the pipeline per command)': {
    kind: 'dockerfile',
    rules: ['pipe-to-shell'],
    n: 2000,
    generate: (n) =>
      'FROM alpine:3.20\nRUN ' + Array.from({ length: n }, () => 'curl -s https://example.com/x').join(' | ') + '\n',
  },
  'thousands of relative WORKDIRs (each walked back over the ones before it)': {
    kind: 'dockerfile',
    rules: ['workdir-relative'],
    n: 1000,
    generate: (n) => 'FROM alpine:3.20\nWORKDIR /app\n' + Array.from({ length: n }, (_, i) => `WORKDIR d${i}\n`).join(''),
  },
  'thousands of ENV lines, each variable used once (the scope was copied at every ENV)': {
    kind: 'dockerfile',
    rules: ['workdir-relative'],
    n: 1500,
    generate: (n) => 'FROM alpine:3.20\n' + Array.from({ length: n }, (_, i) => `ENV V${i}=d${i}\nWORKDIR $V${i}\n`).join(''),
  },
};

describe('linear work on generated inputs (time per item at n and 4n)', function () {
  this.timeout(60000);
  for (const [title, shape] of Object.entries(SHAPES)) {
    it(title, () => assertLinear(shape));
  }
});
