// Linear work on any input (SECURITY.md, "Bounded work on any input"). Each shape is a file an
// attacker (or a generator) can write far below maxFileSize that used to cost work quadratic in
// its size. Every test lints the shape at n and 4n items and asserts that the work per item does
// not grow: work is counted in executed code blocks (work-counter.ts), not timed, so the verdict is
// the same on a busy machine. Linear work keeps the ratio near 1; quadratic makes it about 4.
import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG, lint, RULES, type FileKind } from '../../server/src/engine';
import { startCounting, stopCounting, workOf } from './work-counter';

// Fixed per-file work (the config, the rule list) makes small inputs look dearer per item, never cheaper.
const MAX_GROWTH = 1.5;

/** Only the rules a shape exercises, so the measurement is of the pass under test. */
function rules(...ids: string[]) {
  const selected = RULES.filter((rule) => ids.includes(rule.id));
  assert.equal(selected.length, ids.length, `unknown rule id in ${ids.join(', ')}`);
  return selected;
}

function work(kind: FileKind, text: string, ruleIds: string[]): number {
  const selected = rules(...ruleIds);
  return workOf(() => lint({ text, kind, path: kind === 'compose' ? 'compose.yaml' : 'Dockerfile' }, DEFAULT_CONFIG, selected));
}

interface Shape {
  kind: FileKind;
  rules: string[];
  /** Items in the smaller input; the larger one has four times as many. */
  n: number;
  generate(n: number): string;
}

function assertLinear(shape: Shape): void {
  // Once first, so lazily loaded modules and one-time tables are not counted against the small input.
  work(shape.kind, shape.generate(Math.ceil(shape.n / 4)), shape.rules);
  const texts = [shape.generate(shape.n), shape.generate(4 * shape.n)];
  const small = work(shape.kind, texts[0]!, shape.rules) / shape.n;
  const large = work(shape.kind, texts[1]!, shape.rules) / (4 * shape.n);
  const growth = large / small;
  assert.ok(
    growth < MAX_GROWTH,
    `work per item grew ${growth.toFixed(2)}x from ${shape.n} to ${4 * shape.n} items (${small.toFixed(0)} -> ${large.toFixed(0)} code blocks)`,
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
  'thousands of apt-get installs in one stage (each looked at every earlier RUN for an apt.conf assume-yes)': {
    kind: 'dockerfile',
    rules: ['noninteractive-install'],
    n: 500,
    generate: (n) => 'FROM debian:12\n' + Array.from({ length: n }, (_, i) => `RUN apt-get install p${i}\n`).join(''),
  },
  'thousands of RUN yum makecache in one stage (each looked at every later RUN for an install)': {
    kind: 'dockerfile',
    rules: ['package-update-alone'],
    n: 500,
    generate: (n) => 'FROM fedora:41\n' + Array.from({ length: n }, () => 'RUN yum makecache\n').join(''),
  },
  'thousands of ENV lines, each variable used once (the scope was copied at every ENV)': {
    kind: 'dockerfile',
    rules: ['workdir-relative'],
    n: 1500,
    generate: (n) => 'FROM alpine:3.20\n' + Array.from({ length: n }, (_, i) => `ENV V${i}=d${i}\nWORKDIR $V${i}\n`).join(''),
  },
};

describe('linear work on generated inputs (work per item at n and 4n)', function () {
  // Counting runs unoptimised code: slower, but a size, not a clock, decides the verdict.
  this.timeout(0);
  before(startCounting);
  after(stopCounting);
  for (const [title, shape] of Object.entries(SHAPES)) {
    it(title, () => assertLinear(shape));
  }
});
