// `npm run bench`: every figure issue #8 asks for, from one run, into bench/RESULTS.md: corpus
// throughput against the peer tools, scaling on synthetic files, editor latency over stdio, CLI
// cold start and footprint, with the targets and whether they are met. BENCH_SMOKE=1 runs small
// sizes and writes nothing (CI keeps the script working without spending minutes); BENCH_ONLY picks sections.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DEFAULT_CONFIG, lint, parseFile, RULES } from '../server/src/engine';
import { parseDockerfile } from '../server/src/engine/dockerfile/model';
import { CORPUS, ROOT, corpusFiles, type CorpusFile } from './corpus';
import { editorLatency, formatLatency, syntheticCompose, syntheticDockerfile } from './latency';
import { formatPeerRows, peerThroughput, type PeerRow } from './peers';
import { SHAPES } from './shapes';

const CLI = path.join(ROOT, 'dist/cli.js');
// What `npx shipshape` runs: the bin wrapper (compile cache on Node 22+) around the bundle.
const BIN = path.join(ROOT, 'bin/shipshape.js');
const SMOKE = process.env.BENCH_SMOKE === '1';
// BENCH_ONLY=scaling,shapes,editor runs only those sections and prints them (nothing is written):
// to see how much a section's figures move between runs without spending the whole bench on it.
const ONLY = new Set(process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? []);
const SECTIONS = ['scaling', 'shapes', 'editor'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// The accessors rules use; getExpandedArguments is left out because no rule calls it.
const ACCESSORS = [
  'getArguments',
  'getFlags',
  'getHeredocs',
  'getProperties',
  'getJSONStrings',
  'getRawArgumentsContent',
  'getArgumentsContent',
  'getArgumentsRange',
] as const;

/** One table row: how a lint of these texts splits between the parser library and Shipshape's code. */
function phaseRow(label: string, texts: string[]): string {
  const best = { parse: Infinity, accessors: Infinity, shell: Infinity, rules: Infinity };
  for (let pass = 0; pass < (SMOKE ? 1 : 5); pass++) {
    const spent = { parse: 0, accessors: 0, shell: 0, rules: 0 };
    for (const text of texts) {
      let start = performance.now();
      const model = parseDockerfile(text);
      spent.parse += performance.now() - start;
      start = performance.now();
      for (const instruction of model.instructions) {
        const api = instruction as unknown as Record<string, (() => unknown) | undefined>;
        for (const name of ACCESSORS) api[name]?.call(instruction);
      }
      spent.accessors += performance.now() - start;
      start = performance.now();
      void model.runScripts; // parsed on first read
      spent.shell += performance.now() - start;
      start = performance.now();
      for (const rule of RULES) {
        if (!rule.dockerfile) continue;
        try {
          rule.dockerfile({ model, config: DEFAULT_CONFIG, report: () => undefined });
        } catch {
          // lint() reports a failing rule as a finding; here only the time matters.
        }
      }
      spent.rules += performance.now() - start;
    }
    for (const key of Object.keys(best) as (keyof typeof best)[]) best[key] = Math.min(best[key], spent[key]);
  }
  const total = best.parse + best.accessors + best.shell + best.rules;
  const share = Math.round(((best.parse + best.accessors) / total) * 100);
  return `| ${label} | ${ms(best.parse)} | ${ms(best.accessors)} | ${ms(best.shell)} | ${ms(best.rules)} | ${share}% |`;
}

/**
 * The same fixed integer loop every run: cloud machines of one kind differ by 2-3x from day to day
 * (neighbours, CPU frequency), so a result file says how fast its machine was while it ran.
 */
function machineSpeed(): number {
  const samples: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    let sum = 0;
    for (let i = 0; i < 1e8; i++) sum = (sum + (i % 7)) | 0;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 + (sum === -1 ? 1 : 0));
  }
  return Math.round(Math.min(...samples));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function timeMs(fn: () => void, repeat: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

// `npm run bench` starts Node without --expose-gc; the flag can still be set at run time, and a new
// context then exposes the collector.
const collectGarbage: (options?: { type: 'minor' | 'major' }) => void =
  (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc ??
  (() => {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
  })();

interface Spread {
  median: number;
  min: number;
  max: number;
  /** Quartiles (nearest rank), for a spread that one outlier does not decide. */
  q1: number;
  q3: number;
}

function spreadOf(samples: number[]): Spread {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    q1: quantile(samples, 0.25),
    q3: quantile(samples, 0.75),
  };
}

/** Wall-clock milliseconds of the runs, and in `cpu` the process's CPU milliseconds (every thread: the collector's helpers too). */
interface Runs extends Spread {
  runs: number;
  cpu: Spread;
}

/**
 * One call of `fn`, timed from the same heap state each time: a full collection, one untimed call,
 * then a young-generation collection. Without it, where a collection fell in a call depended on what
 * the calls before had left (the continuation shape's 10,000-line lints were bimodal in the fifth
 * session, 2.3 to 8.6 µs/line), and a 10,000-line lint right after a 50,000-line one finished that
 * one's old-generation collection. The untimed call is there because a full collection resets the
 * heap's growth limits, so the call right after one collects the old generation inside it (and
 * with marking on): timed there, a smaller size read slower per line (continuation shape, growth
 * 10k → 50k about 0.4× instead of 1×), which would hide real growth. The collections the timed call
 * causes itself are counted. `--trace-gc` over 6 rounds of the continuation shape at 10k and 50k
 * lines: no old-generation collection inside a timed call, at most one scavenge more or less.
 */
function timedCall(fn: () => void): { wall: number; cpu: number } {
  collectGarbage();
  fn();
  return timedAfterYoungCollection(fn);
}

/** One call of `fn` after a young-generation collection: wall-clock and process CPU milliseconds. */
function timedAfterYoungCollection(fn: () => void): { wall: number; cpu: number } {
  collectGarbage({ type: 'minor' });
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/**
 * `fn` timed `runs` times at its steady state: one full collection (what an earlier input left
 * is not collected inside these calls), `warm` untimed calls, then each timed call after a
 * young-generation collection. Not a `timedCall` each: the full collection before every call shrinks
 * the heap's limits again, and a 10,000-line lint then read 175 ms where back-to-back lints, and lints
 * after a young collection alone, read 120-130 ms (in one process, alternating, twice).
 */
function timeRuns(fn: () => void, warm: number, runs: number): Runs {
  collectGarbage();
  for (let i = 0; i < Math.max(warm, 3); i++) fn();
  const calls = Array.from({ length: runs }, () => timedAfterYoungCollection(fn));
  return { ...spreadOf(calls.map((c) => c.wall)), runs, cpu: spreadOf(calls.map((c) => c.cpu)) };
}

interface ColdStart {
  label: string;
  median: number;
  /** Median over rounds of this command's time over `node -e 0`'s in the same round. */
  ratio: number;
}

/**
 * Whole-process times of `commands`, paired: every round runs each command once, in a rotating
 * order, so that load from elsewhere on the machine falls on all of them alike; a ratio is taken
 * within each round and the median of those is reported. The first command is the reference.
 */
function coldStarts(commands: { label: string; args: string[]; env?: NodeJS.ProcessEnv }[], rounds: number): ColdStart[] {
  const times = commands.map(() => [] as number[]);
  const run = (index: number) => {
    const { args, env } = commands[index]!;
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // One untimed run each: the compile cache is written by a command's first run.
  commands.forEach((_, index) => run(index));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const index = (round + k) % commands.length;
      times[index]!.push(run(index));
    }
  }
  return commands.map((command, index) => ({
    label: command.label,
    median: median(times[index]!),
    ratio: median(times[index]!.map((time, round) => time / times[0]![round]!)),
  }));
}

/**
 * Warm-up calls and timed runs at a size: more runs where a run is short, since a short run's time
 * depends most on where the collector happens to fall in it.
 */
function repetitions(lines: number): { warm: number; runs: number } {
  if (SMOKE) return { warm: 1, runs: 1 };
  if (lines <= 10_000) return { warm: 2, runs: lines <= 1000 ? 15 : 11 };
  return lines <= 20_000 ? { warm: 1, runs: 7 } : { warm: 1, runs: 5 };
}

/** Median time, then its time per line with the fastest and slowest run's in brackets. */
function sizeCell(runs: Runs, lines: number): string {
  const perLine = (time: number) => ((time / lines) * 1000).toFixed(1);
  return `${ms(runs.median)}, ${perLine(runs.median)} µs/line (${perLine(runs.min)}–${perLine(runs.max)})`;
}

interface Growth {
  /** Median over the rounds of the time per line at the largest size over the one before, in the same round. */
  median: number;
  /** The rounds' first and third quartiles of that ratio. */
  low: number;
  high: number;
  rounds: number;
  /** The median ratio from the process's CPU time instead of the clock: the same work, less of the machine's load. */
  cpu: number;
}

const spreadCell = (runs: Runs) => `${ms(runs.median)} (${ms(runs.min)}–${ms(runs.max)})`;

/** "The 1k size is timed 15 times. " for the sizes timed on their own. */
const sizeList = (sizes: number[]) =>
  sizes
    .map((n) => `The ${n / 1000}k size is timed ${repetitions(n).runs} ${repetitions(n).runs === 1 ? 'time' : 'times'}. `)
    .join('');

const growthText = (growth: Growth) => `${growth.median.toFixed(2)}× (${growth.low.toFixed(2)}–${growth.high.toFixed(2)})`;

/** Rounds of the shapes' two largest sizes. */
const SHAPE_ROUNDS = SMOKE ? 1 : 7;
/** Lints of the smaller of the two per round. */
const SMALLER_PER_ROUND = 3;

/**
 * Time per line of `make(lines)` at each size: a flat column is linear. The two largest sizes, whose
 * ratio is the row's growth, are timed in alternation (a round times each, the order switching
 * every round) and the ratio is taken within each round: load from elsewhere on the
 * machine, which changes over seconds, then falls on both sides of a ratio instead of on one size.
 */
function shapeRow(shape: (typeof SHAPES)[number], sizes: number[]): { cells: string[]; growth: Growth } {
  const inputs = sizes.map((size) => {
    const text = shape.make(size);
    // A file over maxFileSize is skipped in microseconds: that would read as a linear shape.
    if (lint({ text, kind: shape.kind }).skipped)
      throw new Error(`bench shape "${shape.name}" at ${size} lines is over maxFileSize`);
    return { size, lines: text.split('\n').length - 1, run: () => void lint({ text, kind: shape.kind }) };
  });
  const paired = inputs.slice(-2);
  const cells = inputs.slice(0, -2).map((input) => {
    const { warm, runs } = repetitions(input.size);
    return sizeCell(timeRuns(input.run, warm, runs), input.lines);
  });
  for (const input of paired) for (let i = 0; i < repetitions(input.size).warm; i++) input.run();
  // The smaller size is timed several times a round (its lints are a fifth as long, so the machine's
  // load moves them more) and the round takes their median; all its lints go into its cell.
  const perRound = [SMOKE ? 1 : SMALLER_PER_ROUND, 1];
  const calls = paired.map(() => [] as { wall: number; cpu: number }[]);
  const rounds = paired.map(() => [] as { wall: number; cpu: number }[]);
  for (let round = 0; round < SHAPE_ROUNDS; round++) {
    for (let k = 0; k < paired.length; k++) {
      const index = (round + k) % paired.length;
      const these = Array.from({ length: perRound[index]! }, () => timedCall(paired[index]!.run));
      calls[index]!.push(...these);
      rounds[index]!.push({ wall: median(these.map((c) => c.wall)), cpu: median(these.map((c) => c.cpu)) });
    }
  }
  const [before, last] = [paired[0]!, paired[paired.length - 1]!];
  const ratios = (key: 'wall' | 'cpu') =>
    rounds[1]!.map((call, round) => call[key] / last.lines / (rounds[0]![round]![key] / before.lines));
  const wall = ratios('wall');
  const cpu = ratios('cpu');
  for (const [index, input] of paired.entries()) {
    const runs: Runs = {
      ...spreadOf(calls[index]!.map((c) => c.wall)),
      runs: calls[index]!.length,
      cpu: spreadOf(calls[index]!.map((c) => c.cpu)),
    };
    cells.push(sizeCell(runs, input.lines));
  }
  return {
    cells,
    growth: {
      median: median(wall),
      low: quantile(wall, 0.25),
      high: quantile(wall, 0.75),
      rounds: SHAPE_ROUNDS,
      cpu: median(cpu),
    },
  };
}

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  note?: string;
}

/** Per-file time of corpus Dockerfiles under 100 lines, each linted repeatedly after a warm-up. */
function typicalDockerfiles(files: CorpusFile[]): { count: number; p50: number; p90: number; max: number } | undefined {
  const typical = files.filter((f) => f.kind === 'dockerfile' && f.text.split('\n').length < 100);
  if (typical.length === 0) return undefined;
  for (const f of typical) lint({ text: f.text, kind: f.kind });
  const repeat = SMOKE ? 2 : 20;
  const perFile = typical.map((f) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) lint({ text: f.text, kind: f.kind });
    return Number(process.hrtime.bigint() - start) / 1e6 / repeat;
  });
  return { count: typical.length, p50: quantile(perFile, 0.5), p90: quantile(perFile, 0.9), max: Math.max(...perFile) };
}

/** Uncompressed sizes of the VSIX entries, from the zip's central directory. */
function vsixEntries(file: string): Map<string, number> {
  const buffer = fs.readFileSync(file);
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, number>();
  if (eocd === -1) return entries;
  let offset = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < buffer.readUInt16LE(eocd + 10); i++) {
    const nameLength = buffer.readUInt16LE(offset + 28);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, buffer.readUInt32LE(offset + 24));
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

/** The Dockerfile and Compose sizes table, and the 10,000- and 20,000-line targets. */
function scalingSection(rows: string[], targets: Target[]): void {
  rows.push(
    '## Scaling',
    '',
    'Synthetic files (the same generators as the editor benchmark): Dockerfiles with several stages, RUN lines with continuations, ENV, COPY, HEALTHCHECK; Compose services with anchors, ports, environment, volumes and capabilities. Linear growth shows as a flat time per unit.',
    '',
    `Each size is linted a few times untimed, then timed ${SMOKE ? 'once' : 'several times (15 up to 1,000 lines, 11 up to 10,000 lines or 100 services, fewer above)'}, after one full garbage collection (so that what the sizes before left is not collected inside these runs), each timed run preceded by a young-generation collection (the collections a lint causes itself are counted): a steady state, as an editor or a CLI run over many files has. The median is given, the fastest and slowest run in brackets.`,
    '',
    '| Input | Size | Median time (fastest–slowest) | Time per unit | Of which parsing | Findings |',
    '|---|---|---|---|---|---|',
  );
  const perLine: number[] = [];
  const perLineAt = new Map<number, number>();
  for (const lines of SMOKE ? [100, 1000] : [100, 1000, 10_000, 20_000, 50_000]) {
    const text = syntheticDockerfile(lines);
    let findings = 0;
    const { warm, runs } = repetitions(lines);
    const time = timeRuns(() => (findings = lint({ text, kind: 'dockerfile' }).findings.length), warm, runs);
    const parse = timeRuns(() => parseDockerfile(text), warm, runs);
    perLine.push(time.median / lines);
    perLineAt.set(lines, (time.median / lines) * 1000);
    rows.push(
      `| Dockerfile | ${lines} lines | ${spreadCell(time)} | ${((time.median / lines) * 1000).toFixed(1)} µs/line | ${ms(parse.median)} | ${findings} |`,
    );
    if (lines === 10_000)
      targets.push({
        what: 'Engine: a 10,000-line Dockerfile',
        target: '< 100 ms',
        measured: `${ms(time.median)} (${time.runs} runs, ${ms(time.min)}–${ms(time.max)}; CPU time ${ms(time.cpu.median)})`,
        met: time.median < 100,
        note: 'see "Gaps" below',
      });
    if (lines === 20_000)
      targets.push({
        what: 'Engine: a 20,000-line Dockerfile, beyond start-up',
        target: '< 1 s',
        measured: `${ms(time.median)} (${time.runs} runs, ${ms(time.min)}–${ms(time.max)}; CPU time ${ms(time.cpu.median)})`,
        met: time.median < 1000,
      });
  }
  const dockerfilePerLine = [1000, 10_000, 50_000].filter((n) => perLineAt.has(n));
  const perService: number[] = [];
  for (const services of SMOKE ? [10, 100] : [10, 100, 1000]) {
    const text = syntheticCompose(services);
    let findings = 0;
    // A service is about 13 lines: repeated as often as a Dockerfile of that many lines.
    const { warm, runs } = repetitions(services * 13);
    const time = timeRuns(() => (findings = lint({ text, kind: 'compose' }).findings.length), warm, runs);
    perService.push(time.median / services);
    const parse = timeRuns(() => parseFile(text, 'compose'), warm, runs);
    rows.push(
      `| Compose | ${services} services | ${spreadCell(time)} | ${(time.median / services).toFixed(2)} ms/service | ${ms(parse.median)} | ${findings} |`,
    );
  }
  const spread = (values: number[]) => Math.max(...values) / Math.min(...values);
  rows.push(
    '',
    `Largest / smallest time per unit: Dockerfile ${spread(perLine).toFixed(2)}×, Compose ${spread(perService).toFixed(2)}× (1× is perfectly linear; the smallest sizes carry fixed per-file costs).`,
    '',
    `Time per line of the Dockerfile: ${dockerfilePerLine.map((n) => `${n / 1000}k lines ${perLineAt.get(n)!.toFixed(1)} µs`).join(', ')}.`,
    '',
  );
}

/** One synthetic file per shape that was quadratic once (or could be): time per line at each size. */
function shapesSection(rows: string[], targets: Target[]): void {
  const shapeSizes = SMOKE ? [1000, 2000] : [1000, 10_000, 50_000];
  rows.push(
    '### Shapes',
    '',
    `Each shape at about ${shapeSizes.map((n) => `${n / 1000}k`).join(', ')} lines, each size linted a few times untimed first, the smaller sizes as in the table above. ${sizeList(shapeSizes.slice(0, -2))}The two largest sizes are timed in ${SHAPE_ROUNDS} ${SHAPE_ROUNDS === 1 ? 'round' : 'rounds'}, in alternating order, each round ${SMOKE ? 'one lint of each' : `${SMALLER_PER_ROUND} lints of the smaller size (their median counts) and one of the larger`}, every one of these lints preceded by a full garbage collection, an untimed lint of the same text and a young-generation collection, so that each starts from the same heap whatever the lint of the other size left. A cell is the median time and its time per line, the fastest and slowest lint's in brackets. "Growth" is the time per line at the largest size over the one before, taken within each round (so that load from elsewhere on the machine falls on both sides of it), median of the rounds, with their first and third quartiles in brackets: about 1 is linear, 5 (the size ratio) quadratic. "Growth, CPU time" is the same median from the process's CPU time (every thread), which load from elsewhere on the machine moves less than the clock.`,
    '',
    `| Shape | Kind | Stresses | ${shapeSizes.map((n) => `${n / 1000}k lines`).join(' | ')} | Growth | Growth, CPU time |`,
    `|---|---|---|${shapeSizes.map(() => '---|').join('')}---|---|`,
  );
  for (const shape of SHAPES) {
    const { cells, growth } = shapeRow(shape, shapeSizes);
    rows.push(
      `| ${shape.name} | ${shape.kind} | ${shape.stresses} | ${cells.join(' | ')} | ${growthText(growth)} | ${growth.cpu.toFixed(2)}× |`,
    );
    targets.push({
      what: `Linear: ${shape.name} (time per line, ${shapeSizes[shapeSizes.length - 1]! / 1000}k vs ${shapeSizes[shapeSizes.length - 2]! / 1000}k lines)`,
      target: '≤ 1.5×',
      measured: `${growthText(growth)}; CPU time ${growth.cpu.toFixed(2)}×`,
      met: growth.median <= 1.5,
    });
  }
  rows.push('');
}

/** Editor latency through the real server over stdio, and its footprint with `files` open. */
async function editorSection(rows: string[], targets: Target[], files: CorpusFile[]): Promise<void> {
  try {
    const latency = await editorLatency(SMOKE, files);
    rows.push('## Editor latency', '', ...formatLatency(latency), '');
    targets.push({
      what: `Editor: change → diagnostics p99, Dockerfile of ${latency.dockerfile.size} (no debounce)`,
      target: '< 50 ms',
      measured: ms(latency.dockerfile.edits.p99),
      met: latency.dockerfile.edits.p99 < 50,
    });
    targets.push({
      what: `Editor: change → diagnostics p99, Compose file of ${latency.compose.size} (no debounce)`,
      target: '(reported)',
      measured: ms(latency.compose.edits.p99),
      met: undefined,
    });
    const d = latency.defaults;
    targets.push({
      what: `Editor, default settings: change → diagnostics p99, Dockerfile of ${d.large.size}`,
      target: '< 50 ms',
      measured: ms(d.large.edits.p99),
      met: d.large.edits.p99 < 50,
    });
    targets.push({
      what: `Editor, default settings: change → diagnostics p99, Dockerfile of ${d.largeLineEdits.size}, half the edits adding or removing a line`,
      target: '< 50 ms',
      measured: ms(d.largeLineEdits.edits.p99),
      met: d.largeLineEdits.edits.p99 < 50,
    });
    targets.push({
      what: `Editor, default settings: change → diagnostics p99, Dockerfile of ${d.small.size}`,
      target: '< 10 ms',
      measured: ms(d.small.edits.p99),
      met: d.small.edits.p99 < 10,
    });
    targets.push({
      what: 'Editor: a fresh server, first diagnostics after opening a Compose file',
      target: '< 100 ms',
      measured: ms(d.composeFirstOpenMs),
      met: d.composeFirstOpenMs < 100,
    });
    if (latency.footprint?.rssMb !== undefined)
      targets.push({
        what: `Server RSS with the corpus open (${latency.footprint.files} files)`,
        target: '< 80 MB',
        measured: `${latency.footprint.rssMb.toFixed(0)} MB`,
        met: latency.footprint.rssMb < 80,
      });
  } catch (error) {
    rows.push('## Editor latency', '', `Not measured: ${(error as Error).message}`, '');
  }
}

/** The targets as a Markdown table. */
function targetTable(targets: Target[]): string[] {
  return [
    '## Targets',
    '',
    '| What | Target | Measured | Met |',
    '|---|---|---|---|',
    ...targets.map(
      (t) =>
        `| ${t.what} | ${t.target} | ${t.measured} | ${t.met === undefined ? '-' : t.met ? 'yes' : 'no'}${t.note ? ` (${t.note})` : ''} |`,
    ),
    '',
  ];
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const targets: Target[] = [];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(ROOT, `shipshape-${pkg.version}.vsix`);

  if (ONLY.size > 0) {
    const unknown = [...ONLY].filter((name) => !SECTIONS.includes(name));
    if (unknown.length > 0) throw new Error(`BENCH_ONLY: no section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
    if (ONLY.has('scaling')) scalingSection(rows, targets);
    if (ONLY.has('shapes')) shapesSection(rows, targets);
    if (ONLY.has('editor')) await editorSection(rows, targets, corpusFiles());
    console.log([...targetTable(targets), ...rows].join('\n'));
    return;
  }

  // The VSIX holds the minified bundles users run: build it first so every figure below uses them.
  if (!SMOKE) execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });

  const files = corpusFiles();
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  const speedBefore = machineSpeed();

  // Corpus throughput against the peers.
  const peers = await peerThroughput(files, SMOKE);
  const ours = (kind: string, mode: PeerRow['mode']) =>
    peers.find((r) => /^shipshape/i.test(r.tool) && r.kind === kind && r.mode === mode && !r.skipped);
  // The floor under any Dockerfile linter built on dockerfile-ast (Shipshape and dockerfile-utils):
  // parsing the corpus and building Shipshape's model, with no rule run.
  const dockerfiles = files.filter((f) => f.kind === 'dockerfile');
  const parseOnlyMs = timeMs(() => dockerfiles.forEach((f) => parseDockerfile(f.text)), SMOKE ? 1 : 5);
  const ratioRows: string[] = [];
  for (const peer of peers.filter((r) => !/^shipshape/i.test(r.tool) && !r.skipped)) {
    const mine = ours(peer.kind, peer.mode);
    if (!mine) continue;
    const ratio = mine.filesPerSecond / peer.filesPerSecond;
    ratioRows.push(
      `| ${peer.tool} (${peer.kind}, ${peer.mode}) | ${Math.round(peer.filesPerSecond)} | ${Math.round(mine.filesPerSecond)} | ${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`} |`,
    );
    targets.push({
      what: `${peer.mode === 'process' ? 'CLI' : 'Engine'} vs ${peer.tool} on the corpus (${peer.kind}, ${peer.mode})`,
      target: 'faster',
      measured: `${ratio.toFixed(2)}× its files/s`,
      met: ratio >= 1,
    });
  }
  targets.push({
    what: 'CLI vs the Python Compose peer (compose-lint, PyPI) on the corpus (compose, process)',
    target: 'faster',
    measured: 'not measured: PyPI is not reachable from this machine (only npm and Debian are); dclint is the Compose peer here',
    met: undefined,
  });
  rows.push(
    '## Corpus throughput against peer tools',
    '',
    `${files.length} files from \`../shared/corpus\` (${files.filter((f) => f.kind === 'dockerfile').length} Dockerfiles, ${files.filter((f) => f.kind === 'compose').length} Compose files: KICS fixtures and real projects). In-process rows call each tool's API on text already in memory; process rows run the command on the files.`,
    '',
    ...formatPeerRows(peers),
    '',
    `Parsing alone (dockerfile-ast plus Shipshape's stage model, no rules): ${dockerfiles.length} Dockerfiles in ${ms(parseOnlyMs)}, ${Math.round((dockerfiles.length / parseOnlyMs) * 1000)} files/s.`,
    '',
    '| Peer | Peer files/s | Shipshape files/s | Shipshape is |',
    '|---|---|---|---|',
    ...ratioRows,
    '',
    '### Where a Dockerfile lint spends its time',
    '',
    'Each phase timed on its own over the same files (best of several passes). dockerfile-ast computes most of an instruction lazily, the first time someone asks (flags, heredocs, properties, argument ranges); the "parser accessors" row asks once for each, so the rules row is Shipshape\'s own rule code on a warm tree. Garbage collection and building the findings (suppressions, sorting) are outside every phase, so the phases add up to less than a whole lint.',
    '',
    '| Input | dockerfile-ast parse + stage model | Parser accessors, first use | RUN shell parsing | Rules | dockerfile-ast share |',
    '|---|---|---|---|---|---|',
    phaseRow(
      `${dockerfiles.length} corpus Dockerfiles`,
      dockerfiles.map((f) => f.text),
    ),
    ...(SMOKE ? [] : [phaseRow('10,000-line synthetic Dockerfile', [syntheticDockerfile(10_000)])]),
    '',
  );

  // The whole corpus through the CLI, as one command.
  let corpusCliMs: number | undefined;
  if (fs.existsSync(CLI) && files.length > 0) {
    corpusCliMs = timeMs(
      () =>
        spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--fail-on', 'none', '--no-ignore', CORPUS], {
          maxBuffer: 256 * 1024 * 1024,
        }),
      SMOKE ? 1 : 3,
    );
    targets.push({
      what: 'CLI: the whole corpus (`shipshape lint ../shared/corpus`)',
      target: '< 2 s',
      measured: ms(corpusCliMs),
      met: corpusCliMs < 2000,
    });
  }

  // A typical Dockerfile.
  const typical = typicalDockerfiles(files);
  if (typical) {
    rows.push(
      '## A typical Dockerfile',
      '',
      `Each of the ${typical.count} corpus Dockerfiles under 100 lines, linted on its own (median of ${SMOKE ? 2 : 20} runs each, after a warm-up).`,
      '',
      '| p50 | p90 | Slowest |',
      '|---|---|---|',
      `| ${typical.p50.toFixed(3)} ms | ${typical.p90.toFixed(3)} ms | ${typical.max.toFixed(3)} ms |`,
      '',
    );
    targets.push({
      what: 'Engine: a typical Dockerfile (< 100 lines)',
      target: '< 1 ms',
      measured: `p50 ${typical.p50.toFixed(2)} ms, p90 ${typical.p90.toFixed(2)} ms`,
      met: typical.p90 < 1,
    });
  }

  scalingSection(rows, targets);
  shapesSection(rows, targets);

  await editorSection(rows, targets, files);

  // CLI cold start: paired with Node's own start-up, which is the floor and varies with the machine.
  if (fs.existsSync(CLI)) {
    // A compile cache of the bench's own, so that neither the user's nor an earlier run's entries count.
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-cache-'));
    const cached = { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' };
    const dockerfile = path.join(ROOT, 'examples/Dockerfile');
    const compose = path.join(ROOT, 'examples/compose.yaml');
    const starts = coldStarts(
      [
        { label: '`node -e 0` (Node alone, the reference)', args: ['-e', '0'] },
        { label: '`shipshape --version`', args: [BIN, '--version'], env: cached },
        { label: '`shipshape lint examples/Dockerfile`', args: [BIN, 'lint', dockerfile], env: cached },
        { label: '`shipshape lint examples/compose.yaml`', args: [BIN, 'lint', compose], env: cached },
        {
          label: '`shipshape lint examples/Dockerfile`, no compile cache (a first run)',
          args: [BIN, 'lint', dockerfile],
          env: { NODE_DISABLE_COMPILE_CACHE: '1' },
        },
      ],
      SMOKE ? 1 : 15,
    );
    fs.rmSync(cacheHome, { recursive: true, force: true });
    rows.push(
      '## CLI cold start',
      '',
      `Whole processes, ${SMOKE ? 1 : 15} rounds; each round runs every command once in a rotating order, and the ratio is taken within a round (median of the rounds' ratios), so that load from elsewhere falls on both sides of it. The bin keeps V8's compiled code between runs (\`bin/load-bundle.js\`); the last row is a run without it.`,
      '',
      '| Command | Median | Over `node -e 0` |',
      '|---|---|---|',
      ...starts.map((start) => `| ${start.label} | ${ms(start.median)} | ${start.ratio.toFixed(2)}× |`),
      ...(corpusCliMs === undefined
        ? []
        : [`| \`shipshape lint ../shared/corpus\` (${files.length} files) | ${ms(corpusCliMs)} | |`]),
      '',
    );
    const [bare, version, one, oneCompose] = starts;
    targets.push({
      what: 'CLI cold start: lint one Dockerfile, over `node -e 0` (paired)',
      target: '≤ 1.3×',
      measured: `${one!.ratio.toFixed(2)}× (${ms(one!.median)}; Node alone ${ms(bare!.median)})`,
      met: one!.ratio <= 1.3,
    });
    targets.push({
      what: 'CLI cold start: lint one Compose file, over `node -e 0` (paired)',
      target: '≤ 1.3×',
      measured: `${oneCompose!.ratio.toFixed(2)}× (${ms(oneCompose!.median)})`,
      met: oneCompose!.ratio <= 1.3,
    });
    targets.push({
      what: 'CLI cold start: `shipshape --version`',
      target: '< 150 ms',
      measured: `${ms(version!.median)} (Node alone: ${ms(bare!.median)})`,
      met: version!.median < 150,
    });
    targets.push({
      what: 'CLI cold start: lint one Dockerfile',
      target: '< 150 ms',
      measured: `${ms(one!.median)} (Node alone: ${ms(bare!.median)})`,
      met: one!.median < 150,
    });
  }

  // Footprint of what ships.
  const sizes: string[] = [];
  if (fs.existsSync(vsix)) {
    const size = fs.statSync(vsix).size;
    const entries = vsixEntries(vsix);
    sizes.push(`| \`shipshape-${pkg.version}.vsix\` | ${kb(size)} |`);
    for (const name of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/cli.js']) {
      const entry = entries.get(name);
      if (entry !== undefined) sizes.push(`| ${name.replace('extension/', '')} (minified, in the VSIX) | ${kb(entry)} |`);
    }
    targets.push({ what: 'VSIX size', target: '< 1 MB', measured: kb(size), met: size < 1024 * 1024 });
    const client = entries.get('extension/dist/client.js');
    if (client !== undefined)
      targets.push({
        what: 'Extension activation: `dist/client.js` bundle VS Code loads',
        target: '(reported)',
        measured: kb(client),
        met: undefined,
      });
  }
  rows.push(
    '## Footprint',
    '',
    '| What | Size |',
    '|---|---|',
    ...(sizes.length > 0 ? sizes : ['| VSIX | not built (run `npm run package`) |']),
    '',
  );

  const header = [
    '# Shipshape benchmark results',
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node ${process.version}. ` +
      `Load average at start ${loadBefore}. Machine speed: a fixed integer loop took ${speedBefore} ms at the start and ${machineSpeed()} ms at the end ` +
      `(a slower loop means a slower machine: compare it before comparing two runs). Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}${SMOKE ? ' (smoke sizes)' : ''}.`,
    '',
    ...targetTable(targets),
  ];
  const gaps = fs.readFileSync(path.join(ROOT, 'bench/GAPS.md'), 'utf8');
  const output = [...header, ...rows, gaps].join('\n');
  if (!SMOKE) fs.writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), output);
  console.log(output);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
