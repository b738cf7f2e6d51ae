// V8 keeps the heap a burst of linting grew (opening a workspace, fast typing in a large file) long
// after the garbage is dead. When the server runs with --expose-gc (the VS Code client starts it so),
// full collections once the server has been quiet for a moment hand that memory back.
const IDLE_COLLECTION_MS = 1000;

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: (() => void) | undefined,
    private readonly quietMs = IDLE_COLLECTION_MS,
  ) {}

  /** A lint ran or an edit arrived: the collection waits for another `quietMs` without either. */
  activity(): void {
    if (!this.collect) return;
    const collect = this.collect;
    if (this.timer) clearTimeout(this.timer);
    const scheduled = (this.timer = setTimeout(() => {
      collect();
      // One full collection frees the dead objects but keeps the pages the survivors are scattered
      // over (a workspace's lint states among the burst's garbage): V8 picks the pages to compact
      // from the previous marking, so only a second one moves the survivors and returns the pages.
      // With the corpus open that is about 30 MB of resident set (#22). It runs on the next turn and
      // is skipped if an edit was read meanwhile: that edit's lint (queued behind this turn) must not
      // wait for a second full collection, and the collections start again once it is quiet.
      setImmediate(() => {
        if (this.timer === scheduled) collect();
      });
    }, this.quietMs));
    this.timer.unref();
  }
}

const collector = new IdleCollector((globalThis as { gc?: () => void }).gc);

/** Restarts the wait for a quiet moment; the server calls it after each lint and on each edit. */
export function collectWhenIdle(): void {
  collector.activity();
}
