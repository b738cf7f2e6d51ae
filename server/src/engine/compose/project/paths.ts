// Paths inside a Compose project, as the engine sees them: POSIX-style and relative to the folder
// of the file being linted (the folder the cross-file reader resolves against), so `../compose.yaml`
// and `sub/common.yaml` name the same file however the project reaches it. No file system here:
// the reader decides what exists and refuses anything outside the project root.

/** `a/./b/../c` -> `a/c`; leading `..` kept; `` for the folder itself. */
export function normalizePath(path: string): string {
  // The project search asks for about thirty paths per linted file (default names in the file's
  // folder and three above), nearly all in this form already: those are returned as they are.
  if (isNormalPath(path)) return path;
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Whether normalizePath would return `path` unchanged: no backslash, no empty or `.` segment, and
 * `..` only before every name. Exported for the test that holds it to normalizePath's own answer.
 */
const DOT = 46;

export function isNormalPath(path: string): boolean {
  if (path === '') return true;
  if (path.includes('\\')) return false;
  let named = false;
  for (let start = 0; ;) {
    const slash = path.indexOf('/', start);
    const end = slash === -1 ? path.length : slash;
    const length = end - start;
    const dot = path.charCodeAt(start) === DOT;
    if (length === 0 || (length === 1 && dot)) return false;
    if (length === 2 && dot && path.charCodeAt(start + 1) === DOT) {
      if (named) return false;
    } else named = true;
    if (slash === -1) return true;
    start = slash + 1;
  }
}

/** The folder of a project path (`sub/x.yaml` -> `sub`, `x.yaml` -> ``). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Whether a reference is absolute (`/etc/x.yaml`, `C:\x.yaml`): the engine does not follow those. */
export function isAbsolutePath(reference: string): boolean {
  return (
    reference.startsWith('/') || reference.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(reference) || reference.startsWith('~')
  );
}

/** `reference` written in a file whose folder is `folder`, as a project path. */
export function resolveFrom(folder: string, reference: string): string {
  return normalizePath(folder === '' ? reference : `${folder}/${reference}`);
}

/** The last segment of a path. */
export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * One name per file: `../sub/x.yaml`, seen from inside `sub`, is `x.yaml`. `folder` is the linted
 * file's folder as segments (from its path), as far as it is known.
 */
export function canonicalPath(path: string, folder: readonly string[]): string {
  const parts = normalizePath(path).split('/');
  let up = 0;
  while (parts[up] === '..') up++;
  if (up === 0 || up > folder.length) return parts.join('/');
  const below = folder.slice(folder.length - up);
  for (let i = 0; i < up; i++) if (parts[up + i] !== below[i]) return parts.join('/');
  return parts.slice(2 * up).join('/');
}

/** `target` (a path relative to some folder) as seen from `from` (a folder under it, as segments). */
export function relativeFrom(from: readonly string[], target: string): string {
  const parts = normalizePath(target).split('/');
  let common = 0;
  while (common < from.length && common < parts.length - 1 && from[common] === parts[common]) common++;
  return [...from.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}
