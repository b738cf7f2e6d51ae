// A lint allocates about 1 MB for a 150-line Dockerfile, and the server's young generation is small
// (--max-semi-space-size=4, for the footprint target), so a scavenge lands every few lints. Inside a
// lint it costs 5-15 ms, because it copies the lint's half-built model, and it is most of what makes
// an edit's answer slow at p90/p99 (#22). Right after a lint's diagnostics have been written nearly
// everything young is garbage, and the editor is reading the diagnostics: a scavenge there copies
// only what the server keeps of the lint. It runs only when the next lint would otherwise overflow
// the young generation, and never while a message read from the editor, or a lint, is waiting.
import * as v8 from 'node:v8';

/** What the collector reads of the process; the server's real one is `PROCESS_PROBES`, tests inject their own. */
export interface YoungGenerationProbes {
  /** Bytes the young generation can still allocate before V8 must scavenge. */
  freeBytes(): number;
  /** Whether a callback is queued for the next turn of the event loop (a message to handle, a lint, a write). */
  workQueued(): boolean;
  /** A young-generation collection. */
  collect(): void;
}

/** Kept free beyond a lint's own allocation: the code action and hover requests that follow its diagnostics. */
const MARGIN_BYTES = 256 * 1024;

export class YoungCollector {
  private messagesRead = 0;
  /** The most a recent lint allocated, in bytes; until one is measured, any lint may overflow. */
  private lintBytes = Number.POSITIVE_INFINITY;
  private freeAtLintStart = 0;
  private readAtLintStart = 0;

  constructor(private readonly probes: YoungGenerationProbes | undefined) {}

  /** A message from the editor was read (its bytes arrived; it may be handled on a later turn). */
  messageRead(): void {
    this.messagesRead++;
  }

  /** A lint whose diagnostics are to be published starts. */
  lintStarting(): void {
    if (!this.probes) return;
    this.freeAtLintStart = this.probes.freeBytes();
    this.readAtLintStart = this.messagesRead;
  }

  /**
   * The lint that started last has ended. Its allocation is what the young generation lost meanwhile;
   * a scavenge during the lint gave space back, and then the figure says nothing (the estimate stays).
   * The returned function is to be called once its diagnostics are written.
   */
  lintEnded(): () => void {
    const probes = this.probes;
    if (!probes) return () => undefined;
    const allocated = this.freeAtLintStart - probes.freeBytes();
    // A lint of the same document allocates about the same each time: the last clean figure stands
    // for the next, and one that grew (a larger document) is taken at once.
    if (allocated > 0) this.lintBytes = allocated;
    const readBefore = this.readAtLintStart;
    return () => this.answered(probes, readBefore);
  }

  /**
   * Work no one waits for ended (a warm-up lint, run only when the editor has been quiet). Its garbage
   * would otherwise be scavenged inside the first lint of the next edit. Its allocation is not taken
   * as a lint's: a warm-up lint lints a piece of the document.
   */
  quietWorkEnded(): void {
    if (this.probes) this.collectIfFull(this.probes);
  }

  private answered(probes: YoungGenerationProbes, readBefore: number): void {
    // A message that arrived since the lint started waits to be handled: a collection now delays it.
    if (this.messagesRead !== readBefore) return;
    this.collectIfFull(probes);
  }

  private collectIfFull(probes: YoungGenerationProbes): void {
    if (probes.workQueued() || probes.freeBytes() >= this.lintBytes + MARGIN_BYTES) return;
    probes.collect();
  }
}

/** The server process's probes, or undefined without --expose-gc (nothing to collect with). */
export function processProbes(): YoungGenerationProbes | undefined {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  const getActiveResourcesInfo = (process as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo;
  if (!gc || !getActiveResourcesInfo) return undefined;
  return {
    freeBytes: () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_available_size ?? 0,
    // Every message read is handed to its handler through setImmediate, as are lints due now and writes.
    workQueued: () => getActiveResourcesInfo.call(process).includes('Immediate'),
    collect: () => gc({ type: 'minor' }),
  };
}
