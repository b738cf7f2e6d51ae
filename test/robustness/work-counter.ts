// Work measured as executed code blocks, not time: V8's precise block coverage counts how often
// each block of JavaScript ran, so the same input gives the same count on an idle laptop and on a
// CI machine under load. Tests assert growth and bounds on this count instead of milliseconds.
//
// Optimised code does not always bump the counters (V8 deoptimises everything when precise
// coverage starts, but may optimise again on a background thread, which made counts vary by a few
// percent run to run). While counting, optimisation is off, and the count is exact.
import { Session } from 'node:inspector';
import * as v8 from 'node:v8';

interface CoverageRange {
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: CoverageRange[] }[];
}

let session: Session | undefined;

// Both optimising compilers: Turbofan, and Maglev where it is on by default (V8 12, Node 22).
const MAGLEV_BY_DEFAULT = Number(process.versions.v8.split('.')[0]) >= 12;

function post<T>(method: string, params?: object): T {
  let result: T | undefined;
  let failure: Error | null = null;
  // The in-process inspector answers synchronously, so the callback has run when post returns.
  session!.post(method, params ?? {}, (error, answer) => {
    failure = error;
    result = answer as T;
  });
  if (failure) throw failure;
  return result!;
}

/** Starts counting for this process; call in a `before` hook, with `stopCounting` in `after`. */
export function startCounting(): void {
  if (session) return;
  v8.setFlagsFromString('--no-turbofan');
  v8.setFlagsFromString('--no-maglev');
  session = new Session();
  session.connect();
  post('Profiler.enable');
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

export function stopCounting(): void {
  if (!session) return;
  post('Profiler.stopPreciseCoverage');
  post('Profiler.disable');
  session.disconnect();
  session = undefined;
  v8.setFlagsFromString('--turbofan');
  if (MAGLEV_BY_DEFAULT) v8.setFlagsFromString('--maglev');
}

/** Node's own modules are left out: their work is the same whatever the input. */
function counted(script: ScriptCoverage): boolean {
  return script.url !== '' && !script.url.startsWith('node:');
}

/** The code blocks `run` executes (the engine and its libraries). Requires `startCounting`. */
export function workOf(run: () => void): number {
  if (!session) throw new Error('workOf needs startCounting() first');
  // Taking coverage resets the counters: what the next take returns is `run`'s alone.
  post('Profiler.takePreciseCoverage');
  run();
  const { result } = post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  let blocks = 0;
  for (const script of result) {
    if (!counted(script)) continue;
    for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
  }
  return blocks;
}
