// Where "the project" ends: reads, config lookup and writes stay below this folder. A checkout
// cannot move it: it is found from where the user (or the editor) points Shipshape, never from
// file contents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProjectRoot } from './file-access';

/** The folder holding `.git` at or above `dir`, if any. */
export function gitRootOf(dir: string): string | undefined {
  for (let current = path.resolve(dir); ;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The CLI's project for a file it was pointed at: its git repository; outside one, the working
 * directory when the file is below it, else the file's own folder. A `.shipshape.yaml` or a symlink
 * target above that folder is not the project's.
 */
export function cliProjectRoot(file: string, cwd: string): ProjectRoot {
  return cliProjectRootOfFolder(path.dirname(path.resolve(cwd, file)), cwd);
}

/** `cliProjectRoot` for a folder the CLI was pointed at. */
export function cliProjectRootOfFolder(folder: string, cwd: string): ProjectRoot {
  const dir = path.resolve(cwd, folder);
  const root = gitRootOf(dir) ?? (isInside(path.resolve(cwd), dir) ? path.resolve(cwd) : dir);
  return new ProjectRoot(root);
}

/**
 * The editor's project for a document: the innermost workspace folder holding it; outside every
 * folder (a single file opened), its git repository, else the file's own folder.
 */
export function editorProjectRoot(file: string, workspaceFolders: readonly string[]): ProjectRoot {
  const resolved = path.resolve(file);
  const folder = workspaceFolders.filter((root) => isInside(root, resolved)).sort((a, b) => b.length - a.length)[0];
  return new ProjectRoot(folder ?? gitRootOf(path.dirname(resolved)) ?? path.dirname(resolved));
}
