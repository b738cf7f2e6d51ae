// Path tests shared by the WORKDIR, COPY and ADD rules.

/** Absolute on Linux (`/app`) or Windows (`C:\app`, `C:/app`, `\app`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:([\\/]|$)/.test(path);
}

/** `"/app"` -> `/app`: dockerfile-ast keeps the quotes of a quoted shell-form argument. */
export function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]) ? value.slice(1, -1) : value;
}

/** `/`, `/.`, `/*` and `//`: a COPY source naming the root directory (or everything in it). */
export function isWholeFilesystem(path: string): boolean {
  return /^\/+(\.|\*)?$/.test(path);
}

/** `/app//` -> `/app` (a loop rather than `/\/+$/`, which backtracks quadratically). */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/**
 * `/a/./b/../c/` -> `/a/c`: the path cleaned as Go's path.Clean does, which is how BuildKit reads
 * WORKDIR and COPY paths. Always absolute: `..` stops at `/`.
 */
export function cleanAbsolutePath(path: string): string {
  // Most paths are clean already (`/srv/app`): those are their own answer, without a split and join.
  if (isCleanAbsolutePath(path)) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether cleanAbsolutePath would give `path` back: `/`, or `/` then names other than `.` and `..`, one slash apart. */
function isCleanAbsolutePath(path: string): boolean {
  if (path.charCodeAt(0) !== 47) return false;
  if (path.length === 1) return true;
  let segmentStart = 1;
  for (let i = 1; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const length = i - segmentStart;
    if (length === 0) return false;
    // `.` or `..`
    if (path.charCodeAt(segmentStart) === 46 && (length === 1 || (length === 2 && path.charCodeAt(segmentStart + 1) === 46)))
      return false;
    segmentStart = i + 1;
  }
  return true;
}
