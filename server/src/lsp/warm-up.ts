// V8 runs a function in its interpreter until the function has run often enough to be compiled, so
// the first lints of a kind in a fresh server take several times the later ones (a 150-line
// Dockerfile's first edits answered in 23-36 ms, later ones in 5; #22). Warming the engine at
// start-up was measured and dropped (0.6-0.9 s of CPU for every server, kinds never opened
// included). Here a kind is warmed when its first document has been linted: pieces of that
// document are linted again while the editor is quiet, one small piece per turn of the event loop,
// and the results are thrown away. The user looking at the file just opened is the quiet this uses.
import type { FileKind } from '../engine';

/**
 * Characters of a kind to lint, real lints included, before its code counts as warm: about twelve
 * lints of a 150-line Dockerfile, after which its lints stopped getting faster (measured in process).
 */
export const WARM_CHARS = 72 * 1024;
/**
 * The size of the piece one warm-up lint takes. A lint cannot be interrupted, so a message arriving
 * during a warm-up lint waits for it: on cold code a 150-line Dockerfile (6 KB) lints in 20-35 ms,
 * a sixth of it in about a sixth of that. Pieces lint the same rules on the same instructions and
 * warm the code about as well per character as the whole text (measured in process: the lints after
 * 72 KB of 2 KB, 1 KB or 0.5 KB pieces were as fast; smaller pieces cost 15-30 % more CPU).
 */
export const PIECE_CHARS = 1024;
/** Warm-up takes its pieces from the start of a large document. */
const MAX_PIECES = 8;
/** However small the document, a kind's warm-up ends after this many lints (a 3-line file warms little). */
export const MAX_WARM_LINTS = 40;

/** Whether `line` starts a FROM instruction (a string test: the ReDoS audit lists every regex). */
function isFromLine(line: string): boolean {
  const text = line.trimStart();
  const space = text.charAt(4);
  return text.slice(0, 4).toUpperCase() === 'FROM' && (space === ' ' || space === '\t');
}

/**
 * The pieces a warm-up of `kind` lints, from `text`: a small file whole; a Dockerfile's instructions
 * in pieces, each after the lines up to the first FROM (so each piece is instructions of a stage, as
 * in the file). A YAML file cut anywhere but at a top-level key would lint as broken, which warms the
 * wrong code: a large Compose file is left to its real lints.
 */
export function warmUpPieces(text: string, kind: FileKind, pieceChars = PIECE_CHARS): string[] {
  if (text.length <= pieceChars) return [text];
  if (kind !== 'dockerfile') return [];
  const lines = text.slice(0, pieceChars * MAX_PIECES * 2).split('\n');
  const from = lines.findIndex(isFromLine);
  const header = from === -1 ? '' : lines.slice(0, from + 1).join('\n') + '\n';
  if (header.length > pieceChars / 2) return [];
  const pieces: string[] = [];
  let piece = header;
  // The last line may be cut short by the slice above: it is never part of a piece.
  for (let i = from + 1; i < lines.length - 1 && pieces.length < MAX_PIECES; i++) {
    const line = lines[i]!;
    piece += line + '\n';
    const continued = line.endsWith('\\') || line.endsWith('\\\r');
    if (piece.length >= pieceChars && !continued) {
      pieces.push(piece);
      piece = header;
    }
  }
  return pieces;
}

interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): void;
}

const REAL_CLOCK: Clock = { now: () => performance.now(), setTimeout: (run, ms) => void setTimeout(run, ms).unref() };

interface Job {
  kind: FileKind;
  pieces: string[];
  lint: (text: string) => void;
  /** Pieces linted so far. */
  next: number;
}

export class WarmUp {
  /** Characters still to lint per kind; a kind absent has not been linted yet in this server. */
  private readonly remaining = new Map<FileKind, number>();
  private readonly jobs: Job[] = [];
  private scheduled = false;
  private lastActivityAt = Number.NEGATIVE_INFINITY;

  /**
   * `busy` says whether a real lint is waiting; `quietMs` is how long the editor must have sent
   * nothing, and the server published nothing, before a warm-up lint starts. Between an edit's
   * diagnostics and the editor's code action and hover requests that follow them, a few
   * milliseconds pass (up to 15 under load, measured through the server).
   */
  constructor(
    private readonly busy: () => boolean,
    private readonly chars = WARM_CHARS,
    private readonly quietMs = 30,
    private readonly clock: Clock = REAL_CLOCK,
  ) {}

  /**
   * A real lint of `text` (a `kind` document) ran. The first of a kind starts its warm-up: `lint`
   * lints pieces of that text again, its results discarded.
   */
  linted(kind: FileKind, text: string, lint: (piece: string) => void): void {
    // Its diagnostics just went out: an editor answers those (VS Code asks for code actions).
    this.lastActivityAt = this.clock.now();
    const left = this.remaining.get(kind);
    // A real lint warms as well as a warm-up lint: typing at once needs fewer of them.
    if (left !== undefined) return void this.remaining.set(kind, left - text.length);
    const pieces = warmUpPieces(text, kind);
    if (pieces.length === 0) return;
    this.remaining.set(kind, this.chars - text.length);
    this.jobs.push({ kind, pieces, lint, next: 0 });
    this.schedule(0);
  }

  /** A message from the editor was read: warm-up lints wait until it has been quiet again. */
  messageRead(): void {
    this.lastActivityAt = this.clock.now();
  }

  /** Whether warm-up lints are still to run. */
  get pending(): boolean {
    return this.jobs.length > 0;
  }

  private schedule(delay: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.step();
    };
    // setImmediate, not a 0 ms timer: messages read in the same turn are handled first.
    if (delay <= 0) setImmediate(run);
    else this.clock.setTimeout(run, delay);
  }

  private step(): void {
    const job = this.jobs[0];
    if (!job) return;
    const quietFor = this.clock.now() - this.lastActivityAt;
    if (this.busy() || quietFor < this.quietMs) return this.schedule(Math.max(1, this.quietMs - quietFor));
    const left = this.remaining.get(job.kind) ?? 0;
    if (left <= 0 || job.next >= MAX_WARM_LINTS) {
      this.jobs.shift();
      return this.schedule(0);
    }
    const piece = job.pieces[job.next++ % job.pieces.length]!;
    this.remaining.set(job.kind, left - piece.length);
    try {
      job.lint(piece);
    } catch {
      // The real lint of the same text reports its failures; a warm-up lint has no one to tell.
      this.jobs.shift();
    }
    this.schedule(0);
  }
}
