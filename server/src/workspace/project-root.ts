// Where "the project" ends: reads, config lookup and writes stay below this folder. A checkout
// cannot move it: it is found from where the user (or the editor) points Shipshape, never from
// file contents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProjectRoot, RunRealPaths } from './file-access';

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
  const base = path.resolve(cwd);
  return new ProjectRoot(cliRootDir(path.dirname(path.resolve(base, file)), base, gitRootOf));
}

/** The folder `cliProjectRoot` settles on for `dir` (absolute), given the working directory (absolute). */
function cliRootDir(dir: string, cwd: string, gitRoot: (dir: string) => string | undefined): string {
  return gitRoot(dir) ?? (isInside(cwd, dir) ? cwd : dir);
}

/**
 * `cliProjectRoot` for every file of one run, worked out once per folder: a run does not create or
 * move `.git` folders, and files of one project share one ProjectRoot (its real path resolved once).
 * Looking each file's root up afresh (a `.git` probe per folder up to `/`, a realpath) cost more
 * than a tenth of a whole-corpus run.
 */
export class CliProjectRoots {
  private readonly cwd: string;
  private readonly byFolder = new Map<string, ProjectRoot>();
  private readonly byRootDir = new Map<string, ProjectRoot>();
  private readonly gitRoots = new Map<string, string | undefined>();
  private readonly realPaths = new RunRealPaths();

  constructor(cwd: string) {
    this.cwd = path.resolve(cwd);
  }

  ofFile(file: string): ProjectRoot {
    return this.ofFolder(path.dirname(path.resolve(this.cwd, file)));
  }

  ofFolder(folder: string): ProjectRoot {
    const dir = path.resolve(this.cwd, folder);
    let root = this.byFolder.get(dir);
    if (root) return root;
    const rootDir = cliRootDir(dir, this.cwd, (from) => this.gitRoot(from));
    root = this.byRootDir.get(rootDir);
    if (!root) this.byRootDir.set(rootDir, (root = new ProjectRoot(rootDir, this.realPaths)));
    this.byFolder.set(dir, root);
    return root;
  }

  /** gitRootOf, remembered for every folder on the way up. */
  private gitRoot(dir: string): string | undefined {
    if (this.gitRoots.has(dir)) return this.gitRoots.get(dir);
    const parent = path.dirname(dir);
    const found = fs.existsSync(path.join(dir, '.git')) ? dir : parent === dir ? undefined : this.gitRoot(parent);
    this.gitRoots.set(dir, found);
    return found;
  }
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
