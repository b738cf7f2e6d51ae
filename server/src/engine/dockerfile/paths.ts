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
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
