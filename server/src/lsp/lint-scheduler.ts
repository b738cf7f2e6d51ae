// When a document is linted: after a pause in typing, unless its last lint was fast.
// Benchmarks set SHIPSHAPE_DEBOUNCE_MS=0 to time the lint itself rather than the typing pause.
const DEBOUNCE_MS =
  Number.parseInt(process.env.SHIPSHAPE_DEBOUNCE_MS ?? '', 10) >= 0 ? Number(process.env.SHIPSHAPE_DEBOUNCE_MS) : 150;
// Debounce only what is slow: a document whose last lint took less than this is linted on the next
// tick (edits arriving in the same tick still coalesce), so small files answer at keystroke speed
// while a large one still waits for a pause in typing. 50 ms is the answer time an editor should
// meet on a large file (issue 22): a lint that fits in it gains nothing from waiting 150 ms first,
// and at one lint per keystroke it still leaves the server idle most of the time between keys.
const FAST_LINT_MS = 50;

export class LintScheduler {
  private readonly timers = new Map<string, { immediate?: NodeJS.Immediate; timeout?: NodeJS.Timeout }>();
  private readonly cost = new Map<string, number>();

  /** `run` lints the document at `uri` as it is when the timer fires. */
  constructor(
    private readonly run: (uri: string) => void,
    private readonly debounceMs = DEBOUNCE_MS,
    private readonly fastLintMs = FAST_LINT_MS,
  ) {}

  /** The wait after a keystroke in `uri`. */
  typingDelay(uri: string): number {
    const cost = this.cost.get(uri);
    return cost !== undefined && cost < this.fastLintMs ? 0 : this.debounceMs;
  }

  /** How long the last lint of `uri` took, in milliseconds. */
  recordCost(uri: string, ms: number): void {
    this.cost.set(uri, ms);
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
    this.cost.delete(uri);
  }

  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }
}
