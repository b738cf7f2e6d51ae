// The one way the CLI and the language server touch the project's files. A checkout is hostile
// data: its symlinks, FIFOs, device links and `.git` folder are all under an attacker's control, so
// every read and write here is confined to the project root, bounded while reading (procfs and
// devices report size 0 to `stat`), and never follows a symlink out of the root or writes through one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes } from '../engine';

export type RefusalReason =
  'missing' | 'exists' | 'outside-project' | 'in-git-folder' | 'not-a-file' | 'too-large' | 'symlink' | 'unreadable';

/** A read or write this layer refused; `message` is shown to the user as it is. */
export class FileAccessError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** For 'too-large': the size the file system reported, when it did. */
    readonly size?: number,
  ) {
    super(message);
    this.name = 'FileAccessError';
  }
}

// Absent on Windows, where neither FIFOs nor O_NOFOLLOW exist in this form.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
// Opening a FIFO for reading blocks until a writer appears; non-blocking, it opens at once and
// `fstat` then says it is no regular file.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const CHUNK = 64 * 1024;

/**
 * Real paths of folders for one CLI run, each resolved once instead of once per file read in it (a
 * Dockerfile's lint reads it, then probes its folder for `.dockerignore` files). A run does not
 * change the tree it lints; the language server, whose folders do change, resolves every path afresh.
 */
export class RunRealPaths {
  private readonly dirs = new Map<string, string>();

  /** The real path of `dir` (absolute); throws as realpath does. */
  folder(dir: string): string {
    let real = this.dirs.get(dir);
    if (real === undefined) this.dirs.set(dir, (real = this.resolve(dir)));
    return real;
  }

  // libc's realpath reads every component of the path as a link (a corpus folder eight deep: eight
  // calls); a folder whose parent this run already resolved is that real path and its own name
  // when one lstat shows it is a folder and no symlink. Anything else takes realpath's answer.
  // Linux only: elsewhere realpath may also change a name's case or form (macOS, Windows).
  private resolve(dir: string): string {
    const parent = path.dirname(dir);
    if (!INCREMENTAL_REAL_PATHS || parent === dir) return realpath(dir);
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isDirectory()) return realpath(dir);
    return path.join(this.folder(parent), path.basename(dir));
  }
}

const INCREMENTAL_REAL_PATHS = process.platform === 'linux';

/** A folder whose files Shipshape may read; its real path is resolved once. */
export class ProjectRoot {
  readonly real: string;
  /** `path.resolve(dir)`, kept: `contains` is asked for every cross-file read. */
  private readonly resolved: string;

  constructor(
    readonly dir: string,
    /** Where a CLI run keeps the real paths of folders; absent, every read resolves its path. */
    readonly runPaths?: RunRealPaths,
  ) {
    this.resolved = path.resolve(dir);
    let real: string;
    try {
      real = runPaths ? runPaths.folder(this.resolved) : realpath(this.resolved);
    } catch {
      real = this.resolved;
    }
    this.real = real;
  }

  /** Where `real` (a resolved path) sits, or why it is off limits. */
  check(real: string): RefusalReason | undefined {
    if (real !== this.real && !real.startsWith(this.real.endsWith(path.sep) ? this.real : this.real + path.sep))
      return 'outside-project';
    const inside = path.relative(this.real, real).split(path.sep);
    // Git keeps credentials (a CI job token in .git/config), hooks and the object store there.
    if (inside.some((segment) => segment.toLowerCase() === '.git')) return 'in-git-folder';
    return undefined;
  }

  /**
   * Whether an editor buffer for `file` may stand in for the file: where the file exists, it must
   * resolve inside the project (a buffer of a symlink's target outside it is no project file); an
   * unsaved new file must be named inside it.
   */
  allowsOpenBuffer(file: string): boolean {
    const absolute = path.resolve(file);
    let real: string;
    try {
      real = realpath(absolute);
    } catch {
      real = path.join(realpathOrSelf(path.dirname(absolute)), path.basename(absolute));
    }
    return this.check(real) === undefined;
  }

  contains(file: string): boolean {
    const resolved = path.resolve(file);
    const relative = path.relative(this.resolved, resolved);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }
}

function realpathOrSelf(p: string): string {
  try {
    return realpath(p);
  } catch {
    return p;
  }
}

// The kernel's (libc's) realpath is one call; Node's JS one lstats every component of the path from
// the root, which was a seventh of a whole-corpus CLI run. Both follow every symlink to the end.
// Some file systems make the native call fail where the JS walk works (Windows RAM disks, musl
// without /proc): those fall back to it, with the same answer or the same error.
const FINAL_ERRORS = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'ENAMETOOLONG']);

function realpath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch (error) {
    if (FINAL_ERRORS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return fs.realpathSync(p);
  }
}

function describe(file: string, shown: string | undefined): string {
  return shown ?? path.basename(file);
}

function refusalMessage(reason: RefusalReason, what: string, limit?: number): string {
  switch (reason) {
    case 'missing':
      return `${what}: no such file`;
    case 'exists':
      return `${what} already exists`;
    case 'outside-project':
      return `${what} is a symbolic link to a file outside the project; not read`;
    case 'in-git-folder':
      return `${what} is inside (or a symbolic link into) the .git folder; not read`;
    case 'not-a-file':
      return `${what} is not a regular file (a folder, FIFO, socket or device); not read`;
    case 'too-large':
      return `${what} is over the ${formatBytes(limit ?? 0)} limit; not read`;
    case 'symlink':
      return `${what} is a symbolic link; Shipshape never writes through one`;
    case 'unreadable':
      return `${what} cannot be read`;
  }
}

export interface ReadOptions {
  /** Bytes past which the read stops and is refused ('too-large'). */
  maxBytes: number;
  /** How the file is named in messages (default: its base name). */
  shownAs?: string;
}

/** Why a read was refused, without the cost of an Error: most refusals are probes for absent files. */
export interface Refusal {
  reason: RefusalReason;
  message: string;
  size?: number;
}

function refusal(reason: RefusalReason, what: string, limit?: number, size?: number): Refusal {
  return size === undefined
    ? { reason, message: refusalMessage(reason, what, limit) }
    : { reason, message: refusalMessage(reason, what, limit), size };
}

/**
 * Reads a regular file whose real path lies inside `root` (and outside `.git`), stopping as soon as
 * it passes `maxBytes`. Throws FileAccessError with a message fit for the user.
 */
export function readProjectFile(file: string, root: ProjectRoot, options: ReadOptions): string {
  const result = readGuarded(file, root, options);
  if (typeof result === 'string') return result;
  throw new FileAccessError(result.reason, result.message, result.size);
}

/** `readProjectFile`, or undefined when the file is missing or refused. */
export function tryReadProjectFile(file: string, root: ProjectRoot, options: ReadOptions): string | undefined {
  const result = readGuarded(file, root, options);
  return typeof result === 'string' ? result : undefined;
}

/** `readProjectFile` that returns its refusal instead of throwing it. */
export function readGuarded(file: string, root: ProjectRoot, options: ReadOptions): string | Refusal {
  const what = describe(file, options.shownAs);
  const absolute = path.resolve(file);
  let real: string;
  // The stat taken while resolving: of the file itself, or of a symlink on its way to it.
  let linkStat: fs.Stats;
  try {
    // An absent name (most cross-file reads probe for one: `.dockerignore`, override files) is
    // answered without an exception; anything else is left to realpath to describe.
    const { runPaths } = root;
    if (runPaths) {
      const stat = fs.lstatSync(absolute, { throwIfNoEntry: false });
      if (stat === undefined) return refusal('missing', what);
      linkStat = stat;
      // A name that is no symlink is its folder's real path and itself; a symlink is followed to the end.
      real = stat.isSymbolicLink()
        ? realpath(absolute)
        : path.join(runPaths.folder(path.dirname(absolute)), path.basename(absolute));
    } else {
      const stat = fs.statSync(absolute, { throwIfNoEntry: false });
      if (stat === undefined) return refusal('missing', what);
      linkStat = stat;
      real = realpath(absolute);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refusal(code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'ELOOP' ? 'symlink' : 'unreadable', what);
  }
  const refused = root.check(real);
  if (refused) return refusal(refused, what);
  // Opening a device can act on it (a watchdog starts, a tape rewinds): anything the stat already
  // showed is no regular file is refused before it is opened. The fstat below stays the final word.
  if (shownNotAFile(real, linkStat)) return refusal('not-a-file', what);
  let fd: number;
  try {
    // O_NOFOLLOW: the real path was checked; a symlink swapped in since then is not followed.
    fd = fs.openSync(real, fs.constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refusal(
      code === 'ELOOP' ? 'symlink' : code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'unreadable',
      what,
    );
  }
  try {
    // O_NOFOLLOW guards only the last name: a folder on the way swapped for a symlink since the check
    // (or since a CLI run resolved it) would have been followed. Where the opened file really is decides.
    const moved = openedElsewhere(fd, root);
    if (moved) return refusal(moved, what);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return refusal('not-a-file', what);
    // A large regular file is refused without loading it; a size of 0 proves nothing (procfs).
    if (stat.size > options.maxBytes) return refusal('too-large', what, options.maxBytes, stat.size);
    return readBounded(fd, options.maxBytes, what, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether the stat taken while resolving already shows something other than a regular file. A
 * symlink's stat says nothing of its target, which is stat'ed here (one call, only for symlinks).
 */
function shownNotAFile(real: string, stat: fs.Stats): boolean {
  if (!stat.isSymbolicLink()) return !stat.isFile();
  const target = fs.statSync(real, { throwIfNoEntry: false });
  return target !== undefined && !target.isFile();
}

// Linux names an open descriptor's file in /proc; elsewhere (or without procfs) the check is skipped
// and the path checks before the open are what guard the read.
const PROC_FD = process.platform === 'linux' ? '/proc/self/fd/' : undefined;
let procAvailable = PROC_FD !== undefined;

/** Why the file behind `fd` is off limits (outside the root, in `.git`), or undefined. */
export function openedElsewhere(fd: number, root: ProjectRoot): RefusalReason | undefined {
  if (!procAvailable) return undefined;
  let opened: string;
  try {
    opened = fs.readlinkSync(PROC_FD + String(fd));
  } catch {
    procAvailable = false;
    return undefined;
  }
  // Not a path (a pipe or socket reads as `pipe:[…]`): fstat refuses those.
  if (!path.isAbsolute(opened)) return undefined;
  return root.check(opened);
}

// One buffer for every read of the process: reads are synchronous, so no two use it at once, and a
// fresh 64 KB buffer per file was a measurable share of a corpus run.
let scratch: Buffer | undefined;

// The size `stat` reports is not trusted (procfs says 0 for files that never end): the bound is on
// the bytes actually read. A file that has given the size it reported (over 0) is read, as Node's
// readFileSync reads it: asking on for the end of the file cost one more call per file of a run.
function readBounded(fd: number, maxBytes: number, what: string, statSize: number): string | Refusal {
  const buffer = (scratch ??= Buffer.allocUnsafe(CHUNK));
  // A file is read into `buffer` until it is full, which is then copied out: a file under 64 KB is
  // decoded from the buffer with no copy.
  const chunks: Buffer[] = [];
  let filled = 0;
  let total = 0;
  for (;;) {
    if (filled === CHUNK) {
      chunks.push(Buffer.from(buffer));
      filled = 0;
    }
    let read: number;
    try {
      read = fs.readSync(fd, buffer, filled, Math.min(CHUNK - filled, maxBytes + 1 - total), null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') return refusal('not-a-file', what);
      return { reason: 'unreadable', message: `${refusalMessage('unreadable', what)} (${code ?? 'error'})` };
    }
    if (read === 0) break;
    total += read;
    filled += read;
    if (total > maxBytes) return refusal('too-large', what, maxBytes);
    if (total === statSize) break;
  }
  if (chunks.length === 0) return buffer.toString('utf8', 0, filled);
  chunks.push(buffer.subarray(0, filled));
  return Buffer.concat(chunks, total).toString('utf8');
}

/** Whether `file` (following symlinks) is a readable regular file inside `root`, without reading it. */
export function isProjectFile(file: string, root: ProjectRoot): boolean {
  try {
    const real = realpath(path.resolve(file));
    return root.check(real) === undefined && fs.statSync(real).isFile();
  } catch {
    return false;
  }
}

/**
 * Replaces the content of an existing regular file inside `root` (a fix). A symlink is never
 * written through, even one pointing inside the project: the link, not its target, is what the
 * user sees in the tree.
 */
export function writeProjectFile(file: string, text: string, root: ProjectRoot, shownAs?: string): void {
  const what = describe(file, shownAs);
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
  } catch {
    throw new FileAccessError('missing', refusalMessage('missing', what));
  }
  if (stat.isSymbolicLink()) throw new FileAccessError('symlink', refusalMessage('symlink', what));
  if (!stat.isFile()) throw new FileAccessError('not-a-file', refusalMessage('not-a-file', what));
  const refused = root.check(path.join(realpathOrSelf(path.dirname(absolute)), path.basename(absolute)));
  if (refused) throw new FileAccessError(refused, refusalMessage(refused, what).replace('; not read', '; not written'));
  writeThroughDescriptor(absolute, text, fs.constants.O_WRONLY | O_NOFOLLOW | O_NONBLOCK, what, root);
}

/**
 * Creates `file` inside `root` (`shipshape init`). With `overwrite`, an existing regular file is
 * replaced; a symlink, dangling or not, is refused either way.
 */
export function createProjectFile(
  file: string,
  text: string,
  root: ProjectRoot,
  options: { overwrite: boolean; shownAs?: string },
): void {
  const what = describe(file, options.shownAs);
  const absolute = path.resolve(file);
  const refused = root.check(path.join(realpathOrSelf(path.dirname(absolute)), path.basename(absolute)));
  if (refused) throw new FileAccessError(refused, refusalMessage(refused, what).replace('; not read', '; not written'));
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(absolute);
  } catch {
    existing = undefined;
  }
  if (existing?.isSymbolicLink()) throw new FileAccessError('symlink', refusalMessage('symlink', what));
  if (existing && !existing.isFile()) throw new FileAccessError('not-a-file', refusalMessage('not-a-file', what));
  if (existing && !options.overwrite) throw new FileAccessError('exists', refusalMessage('exists', what));
  // O_EXCL makes the kernel refuse any existing name, a symlink planted since the check included.
  const flags = existing
    ? fs.constants.O_WRONLY | O_NOFOLLOW | O_NONBLOCK
    : fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW;
  writeThroughDescriptor(absolute, text, flags, what, root);
}

function writeThroughDescriptor(file: string, text: string, flags: number, what: string, root: ProjectRoot): void {
  let fd: number;
  try {
    fd = fs.openSync(file, flags, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EEXIST') throw new FileAccessError('symlink', refusalMessage('symlink', what));
    throw new FileAccessError('unreadable', `${what} cannot be written (${code ?? 'error'})`);
  }
  try {
    const moved = openedElsewhere(fd, root);
    if (moved) throw new FileAccessError(moved, refusalMessage(moved, what).replace('; not read', '; not written'));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      throw new FileAccessError('not-a-file', refusalMessage('not-a-file', what).replace('; not read', '; not written'));
    // A second name for the same file could be anywhere, .git/config included.
    if (stat.nlink > 1) throw new FileAccessError('symlink', `${what} has other hard links; Shipshape does not write to it`);
    // Truncated only now: the checks above must not cost the file its content when they refuse.
    fs.ftruncateSync(fd, 0);
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
