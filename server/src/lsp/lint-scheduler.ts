// When a document is linted after an edit. Debounce only what is slow (issue 22): a document whose
// lints are fast is linted at once, and so is a slow one whose edit ends a quiet period (no lint of it
// for the length of the debounce), which is what a user feels for a single edit. A slow document's
// edits that follow a lint closely (typing) wait for a pause and coalesce into one trailing lint, so
// typing in a large file still costs one lint per pause, not one per keystroke.
// Benchmarks set SHIPSHAPE_DEBOUNCE_MS=0 to time the lint itself rather than the typing pause.
const DEBOUNCE_MS =
  Number.parseInt(process.env.SHIPSHAPE_DEBOUNCE_MS ?? '', 10) >= 0 ? Number(process.env.SHIPSHAPE_DEBOUNCE_MS) : 150;
// 50 ms is the answer time an editor should meet on a large file (issue 22): a lint that fits in it
// gains nothing from waiting 150 ms first, and at one lint per keystroke it still leaves the server
// idle most of the time between keys.
const FAST_LINT_MS = 50;
// A lint's cost is the CPU time it used, so a busy machine, which stretches every lint's wall time,
// does not make a document slow. A document is slow only if each of its last few lints was: one lint
// stretched by a collection pause must not make the next keystrokes wait out the debounce, nor must the
// first lints of a fresh server, which run on code not yet optimised (a 150-line Dockerfile's first
// lints take several times its later ones). A truly slow document costs at most this many lints
// before its edits wait for pauses.
const SLOW_LINTS_IN_A_ROW = 3;

interface History {
  /** How many of the last lints in a row took fastLintMs or more. */
  slowInARow: number;
  /** When the last lint ended, on the scheduler's clock. */
  endedAt: number;
}

export class LintScheduler {
  private readonly timers = new Map<string, { immediate?: NodeJS.Immediate; timeout?: NodeJS.Timeout }>();
  private readonly history = new Map<string, History>();

  /** `run` lints the document at `uri` as it is when the timer fires; `now` is the clock in ms (tests inject one). */
  constructor(
    private readonly run: (uri: string) => void,
    private readonly debounceMs = DEBOUNCE_MS,
    private readonly fastLintMs = FAST_LINT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The wait after a keystroke in `uri`. */
  typingDelay(uri: string): number {
    const history = this.history.get(uri);
    if (!history || history.slowInARow < SLOW_LINTS_IN_A_ROW) return 0;
    const pending = this.timers.get(uri);
    // Edits read in the same turn as the one that started an immediate lint join it.
    if (pending?.immediate) return 0;
    // A lint already waiting out the debounce means the user is typing: the wait starts again.
    if (!pending && this.now() - history.endedAt >= this.debounceMs) return 0;
    return this.debounceMs;
  }

  /** The CPU time the lint of `uri` that just ended used, in milliseconds. */
  recordCost(uri: string, ms: number): void {
    const slow = ms >= this.fastLintMs;
    const history = this.history.get(uri);
    const endedAt = this.now();
    if (!history) return void this.history.set(uri, { slowInARow: slow ? 1 : 0, endedAt });
    history.slowInARow = slow ? history.slowInARow + 1 : 0;
    history.endedAt = endedAt;
  }

  /** Lints `uri` after `delay` ms; a lint already waiting for it is replaced. */
  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const run = () => {
      this.timers.delete(uri);
      this.run(uri);
    };
    // No delay means once the messages read with this one are handled (so they still coalesce),
    // not setTimeout's 1 ms floor, which is a tenth of a small file's answer time.
    this.timers.set(uri, delay <= 0 ? { immediate: setImmediate(run) } : { timeout: setTimeout(run, delay) });
  }

  cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending?.immediate) clearImmediate(pending.immediate);
    if (pending?.timeout) clearTimeout(pending.timeout);
    this.timers.delete(uri);
  }

  /** A closed document: nothing waits and nothing is remembered for it. */
  forget(uri: string): void {
    this.cancel(uri);
    this.history.delete(uri);
  }

  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Whether any document's lint is waiting. */
  anyPending(): boolean {
    return this.timers.size > 0;
  }
}
