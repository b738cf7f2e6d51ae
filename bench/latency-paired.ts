// Two server bundles timed alternately in the same rounds, so that the machine's load (two cores shared
// with other work) falls on both: one absolute timing says little here, the median of per-round
// ratios says which is faster. Usage:
//   npx tsx bench/latency-paired.ts <baseline server.js> <candidate server.js> [rounds] [edits] [shape,...]
// Shapes: small (150-line Dockerfile, default settings), small-pause (the same, each edit after
// 300 ms without typing), large (2,000 lines, debounce off),
// large-default (2,000 lines, default settings), large-pause (the same, each edit after 300 ms
// without typing), large-lines (2,000 lines, default settings, half the edits adding or removing a
// line), compose-small (examples/compose.yaml, default settings), compose (300 services,
// debounce off), and footprint (the server's RSS with the whole corpus open, as in `npm run bench`).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, corpusFiles } from './corpus';
import {
  BenchClient,
  measureDocument,
  measureFootprint,
  syntheticCompose,
  syntheticDockerfile,
  type DocumentLatency,
  type EditStyle,
  type Percentiles,
} from './latency';

interface Shape {
  name: string;
  debounceOff: boolean;
  pauseMs?: number;
  edits?: EditStyle;
  spec: () => { kind: 'dockerfile' | 'compose'; name: string; languageId: string; text: string; size: string };
}

const dockerfile = (lines: number) => () => ({
  kind: 'dockerfile' as const,
  name: 'Dockerfile',
  languageId: 'dockerfile',
  text: syntheticDockerfile(lines),
  size: `${lines} lines`,
});

const SHAPES: Shape[] = [
  { name: 'small', debounceOff: false, spec: dockerfile(150) },
  // As a user edits: a look at the file, a keystroke, another look. The first edits meet the code as
  // warm as the server could make it in the pauses, not only in the 150 ms after the open.
  { name: 'small-pause', debounceOff: false, pauseMs: 300, spec: dockerfile(150) },
  { name: 'large', debounceOff: true, spec: dockerfile(2000) },
  { name: 'large-default', debounceOff: false, spec: dockerfile(2000) },
  { name: 'large-pause', debounceOff: false, pauseMs: 300, spec: dockerfile(2000) },
  { name: 'large-lines', debounceOff: false, edits: 'lines', spec: dockerfile(2000) },
  {
    // The example project's Compose file with default settings, the first file of a fresh server:
    // its open -> diagnostics is the "first diagnostics on a Compose file" row.
    name: 'compose-small',
    debounceOff: false,
    spec: () => ({
      kind: 'compose',
      name: 'compose.yaml',
      languageId: 'dockercompose',
      text: fs.readFileSync(path.join(ROOT, 'examples/compose.yaml'), 'utf8'),
      size: 'examples/compose.yaml',
    }),
  },
  {
    name: 'compose',
    debounceOff: true,
    spec: () => ({
      kind: 'compose',
      name: 'compose.yaml',
      languageId: 'dockercompose',
      text: syntheticCompose(300),
      size: '300 services',
    }),
  },
];

interface ServerUsage {
  /** CPU time the server process used from its start to the end of the edits (warm-up work included). */
  cpuMs?: number;
  rssMb?: number;
  peakRssMb?: number;
}

type Measured = DocumentLatency & { server: ServerUsage };

/** The server's CPU time so far (from /proc: Linux; absent elsewhere) and its memory (the client's reading). */
function serverUsage(client: BenchClient): ServerUsage {
  const { rss, peak } = client.rss();
  const usage: ServerUsage = {};
  if (rss !== undefined) usage.rssMb = rss;
  if (peak !== undefined) usage.peakRssMb = peak;
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command's closing parenthesis.
    const stat = fs.readFileSync(`/proc/${client.child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    usage.cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    // No /proc: the latency figures stand alone.
  }
  return usage;
}

// USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK).
const CLOCK_TICKS = 100;

/** `server` is a bundle's path, optionally followed by `::` and Node flags for that side alone. */
async function once(server: string, shape: Shape, edits: number, seed: number): Promise<Measured> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-paired-'));
  const [bundle, flags] = server.split('::');
  const saved = process.env.SHIPSHAPE_BENCH_NODE_FLAGS;
  if (flags) process.env.SHIPSHAPE_BENCH_NODE_FLAGS = `${saved ?? ''} ${flags}`;
  const client = new BenchClient(root, shape.debounceOff, path.resolve(bundle!));
  if (saved === undefined) delete process.env.SHIPSHAPE_BENCH_NODE_FLAGS;
  else process.env.SHIPSHAPE_BENCH_NODE_FLAGS = saved;
  try {
    await client.initialize(root);
    const measured = await measureDocument(client, root, shape.spec(), edits, seed, shape.pauseMs, shape.edits);
    return { ...measured, server: serverUsage(client) };
  } finally {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The footprint row paired: RSS with the corpus open, each bundle in turn. */
async function pairedFootprint(baseline: string, candidate: string, rounds: number): Promise<void> {
  const files = corpusFiles();
  const rows: { base: number; cand: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
    const [first, second] = [
      await measureFootprint(files, path.resolve(order[0]!)),
      await measureFootprint(files, path.resolve(order[1]!)),
    ];
    const [base, cand] = round % 2 === 0 ? [first, second] : [second, first];
    if (base.rssMb === undefined || cand.rssMb === undefined) throw new Error('no RSS reading on this system');
    rows.push({ base: base.rssMb, cand: cand.rssMb });
    console.log(
      `footprint round ${round + 1}: ${files.length} files, RSS base ${base.rssMb.toFixed(1)} MB, cand ${cand.rssMb.toFixed(1)} MB`,
    );
  }
  const mb = (who: 'base' | 'cand') => median(rows.map((r) => r[who])).toFixed(1);
  const ratio = median(rows.map((r) => r.cand / r.base)).toFixed(3);
  console.log(
    `footprint: RSS with the corpus open base ${mb('base')} MB, cand ${mb('cand')} MB, median ratio ${ratio}x over ${rounds} rounds`,
  );
}

async function main(): Promise<void> {
  const [baseline, candidate, roundsArg, editsArg, shapesArg] = process.argv.slice(2);
  if (!baseline || !candidate)
    throw new Error('usage: latency-paired.ts <baseline server.js> <candidate server.js> [rounds] [edits] [shapes]');
  const rounds = Number(roundsArg ?? 5);
  const edits = Number(editsArg ?? 100);
  const wanted = shapesArg ? shapesArg.split(',') : SHAPES.map((s) => s.name);
  if (wanted.includes('footprint')) await pairedFootprint(baseline, candidate, rounds);
  for (const shape of SHAPES.filter((s) => wanted.includes(s.name))) {
    const rows: {
      base: Percentiles;
      cand: Percentiles;
      baseOpen: number;
      candOpen: number;
      baseServer: ServerUsage;
      candServer: ServerUsage;
    }[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always meets a machine the other just warmed or loaded.
      const seed = 10 + round;
      let base: Measured;
      let cand: Measured;
      if (round % 2 === 0) {
        base = await once(baseline, shape, edits, seed);
        cand = await once(candidate, shape, edits, seed);
      } else {
        cand = await once(candidate, shape, edits, seed);
        base = await once(baseline, shape, edits, seed);
      }
      rows.push({
        base: base.edits,
        cand: cand.edits,
        baseOpen: base.openMs,
        candOpen: cand.openMs,
        baseServer: base.server,
        candServer: cand.server,
      });
      const slowest = (d: DocumentLatency) => d.slowestEdits.map((e) => `#${e.index} ${e.ms.toFixed(0)}`).join(', ');
      const f = (d: DocumentLatency) =>
        `open ${d.openMs.toFixed(1)} p50 ${d.edits.p50.toFixed(1)} p90 ${d.edits.p90.toFixed(1)} p99 ${d.edits.p99.toFixed(1)} (slowest ${slowest(d)})`;
      console.log(`${shape.name} round ${round + 1}: base ${f(base)} | cand ${f(cand)}`);
    }
    const ratio = (key: 'p50' | 'p90' | 'p99') => median(rows.map((r) => r.cand[key] / r.base[key]));
    const opens = (who: 'base' | 'cand') => median(rows.map((r) => r[`${who}Open`])).toFixed(1);
    const openRatio = median(rows.map((r) => r.candOpen / r.baseOpen)).toFixed(2);
    console.log(
      `${shape.name}: open -> diagnostics base ${opens('base')} ms, cand ${opens('cand')} ms, median ratio ${openRatio}x`,
    );
    const med = (who: 'base' | 'cand', key: 'p50' | 'p90' | 'p99') => median(rows.map((r) => r[who][key])).toFixed(1);
    const usage = (key: keyof ServerUsage) => {
      const known = rows.filter((r) => r.baseServer[key] !== undefined && r.candServer[key] !== undefined);
      if (known.length === 0) return 'n/a';
      const base = median(known.map((r) => r.baseServer[key]!));
      const cand = median(known.map((r) => r.candServer[key]!));
      const ratio = median(known.map((r) => r.candServer[key]! / r.baseServer[key]!));
      return `${base.toFixed(0)} -> ${cand.toFixed(0)} (${ratio.toFixed(2)}x)`;
    };
    console.log(
      `${shape.name}: server CPU ms ${usage('cpuMs')}, RSS MB ${usage('rssMb')}, peak RSS MB ${usage('peakRssMb')} (medians, then median ratio)`,
    );
    console.log(
      `${shape.name}: base p50 ${med('base', 'p50')} p90 ${med('base', 'p90')} p99 ${med('base', 'p99')} ms; ` +
        `cand p50 ${med('cand', 'p50')} p90 ${med('cand', 'p90')} p99 ${med('cand', 'p99')} ms; ` +
        `cand/base median ratio p50 ${ratio('p50').toFixed(2)}x p90 ${ratio('p90').toFixed(2)}x p99 ${ratio('p99').toFixed(2)}x over ${rounds} rounds of ${edits} edits`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
