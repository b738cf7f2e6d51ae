// Finds the files to lint: named files as given, folders walked for the names of every file kind,
// honouring .gitignore files (the repository's above the folder and nested ones) and never
// following symlinked folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { detectKind, kindAlternatives, KIND_CHOICES, type FileKind } from '../engine';
import { isProjectFile, ProjectRoot, readGuarded } from '../workspace/file-access';
import { CliProjectRoots, gitRootOf } from '../workspace/project-root';
import { isFragmentCandidate, withComposeFragments } from './compose-fragments';

export { gitRootOf } from '../workspace/project-root';

export interface Target {
  /** Absolute path. */
  path: string;
  kind?: FileKind;
  /** True when the user named the file (its name and .gitignore do not matter then). */
  explicit: boolean;
  /** Why it cannot be linted (missing, unknown kind); reported as a file error. */
  error?: string;
  /** The text to lint instead of the file on disk (`--staged` reads the git index). */
  content?: string;
}

export interface Discovery {
  targets: Target[];
  /** Folders that could not be read; the run goes on without them. */
  warnings: string[];
  /** The project roots the walk settled on, with the real paths it resolved: the lint's, for the same run. */
  roots: CliProjectRoots;
}

export interface DiscoverOptions {
  cwd: string;
  kind?: FileKind;
  /** An extra ignore file (gitignore syntax), its patterns relative to the working directory. */
  ignorePath?: string;
  /** `--no-ignore`: neither .gitignore files nor --ignore-path apply. */
  noIgnore?: boolean;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

// An ignore file is a list of patterns: far below this in any real repository.
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** The layer an ignore file adds, or undefined when there is none; a refused one is a warning. */
function readIgnoreFile(file: string, root: ProjectRoot, warnings: string[], dir = path.dirname(file)): IgnoreLayer | undefined {
  const text = readGuarded(file, root, { maxBytes: MAX_IGNORE_FILE_BYTES, shownAs: file });
  if (typeof text !== 'string') {
    if (text.reason !== 'missing') warnings.push(`${text.message}; its patterns do not apply`);
    return undefined;
  }
  return { dir, rules: ignore().add(boundedPatterns(text, file, warnings)) };
}

// The ignore package turns each pattern into a regular expression that backtracks: a 98-byte
// .gitignore of `a/**/` eight times over a 48-deep folder took 39 s. Real patterns use a few
// wildcards; past these bounds a line is dropped with a warning instead of run.
const MAX_GLOBSTARS_PER_PATTERN = 3;
const MAX_WILDCARDS_PER_PATTERN = 8;

function boundedPatterns(text: string, file: string, warnings: string[]): string {
  let dropped = 0;
  const kept = text.split(/\r?\n/).filter((line) => {
    const globstars = line.split('**').length - 1;
    const wildcards = line.replace(/\*\*/g, '').replace(/[^*?]/g, '').length + globstars;
    if (globstars <= MAX_GLOBSTARS_PER_PATTERN && wildcards <= MAX_WILDCARDS_PER_PATTERN) return true;
    dropped++;
    return false;
  });
  if (dropped > 0)
    warnings.push(
      `${file}: ${dropped} pattern${dropped === 1 ? '' : 's'} with more than ${MAX_GLOBSTARS_PER_PATTERN} "**" or ${MAX_WILDCARDS_PER_PATTERN} wildcards ignored (too costly to match)`,
    );
  return kept.join('\n');
}

/**
 * Git semantics: layers go from the repository root down, and a deeper `.gitignore` may
 * re-include (`!pattern`) what a shallower one excluded. An excluded folder is never entered,
 * so nothing below it can be re-included (as in git).
 */
function isIgnored(layers: IgnoreLayer[], file: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const relative = path.relative(layer.dir, file).split(path.sep).join('/');
    if (!relative || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) continue;
    const result = layer.rules.test(isDir ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/** `.gitignore` files of the folders from the repository root down to (not including) `dir`. */
function ancestorLayers(dir: string, warnings: string[]): IgnoreLayer[] {
  const root = gitRootOf(dir);
  if (!root || root === dir) return [];
  const project = new ProjectRoot(root);
  const folders: string[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    folders.unshift(current);
    if (current === root || path.dirname(current) === current) break;
  }
  return folders.flatMap((folder) => readIgnoreFile(path.join(folder, '.gitignore'), project, warnings) ?? []);
}

// Byte order, not locale order: the same tree lists the same way on every machine.
const byName = (a: fs.Dirent, b: fs.Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function discover(inputs: string[], options: DiscoverOptions): Discovery {
  const targets: Target[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const roots = new CliProjectRoots(options.cwd);
  const ignorePath = options.ignorePath && !options.noIgnore ? path.resolve(options.cwd, options.ignorePath) : undefined;
  const extra = ignorePath ? readIgnoreFile(ignorePath, roots.ofFile(ignorePath), warnings, options.cwd) : undefined;
  if (ignorePath && !extra && !warnings.some((w) => w.includes(ignorePath)))
    warnings.push(`cannot read --ignore-path ${options.ignorePath}`);
  const add = (target: Target) => {
    if (seen.has(target.path)) return;
    seen.add(target.path);
    targets.push(target);
  };
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'No such file or directory' : `Cannot access (${code})`;
      add({ path: absolute, explicit: true, error: `${reason}: ${input}` });
      continue;
    }
    if (stat.isDirectory()) {
      const layers = options.noIgnore ? [] : [...(extra ? [extra] : []), ...ancestorLayers(absolute, warnings)];
      const project = roots.ofFolder(absolute);
      const found: Target[] = [];
      walk(project, new ProjectRoot(absolute), absolute, layers, options, (target) => found.push(target), warnings);
      for (const target of withComposeFragments(found, project)) add(target);
    } else if (!stat.isFile()) {
      add({ path: absolute, explicit: true, error: `Not a regular file: ${input}` });
    } else {
      const kind = options.kind ?? detectKind(absolute);
      add(
        kind
          ? { path: absolute, kind, explicit: true }
          : {
              path: absolute,
              explicit: true,
              error: `Cannot tell whether ${input} is ${kindAlternatives()}; pass --kind ${KIND_CHOICES}`,
            },
      );
    }
  }
  return { targets, warnings, roots };
}

function walk(
  project: ProjectRoot,
  tree: ProjectRoot,
  dir: string,
  inherited: IgnoreLayer[],
  options: DiscoverOptions,
  add: (t: Target) => void,
  warnings: string[],
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push(`cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return;
  }
  const own = options.noIgnore ? undefined : readIgnoreFile(path.join(dir, '.gitignore'), project, warnings);
  const layers = own ? [...inherited, own] : inherited;
  entries.sort(byName);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || isIgnored(layers, full, true)) continue;
      walk(project, tree, full, layers, options, add, warnings);
      continue;
    }
    const kind = detectKind(entry.name);
    // Other YAML files are offered as fragments a Compose file of the walk may include or extend.
    if (!kind && !isFragmentCandidate(entry.name)) continue;
    // Symlinked folders are never followed; a symlinked file counts only if it stays in the tree
    // (and out of .git). Reading re-checks all of this; skipping here keeps such links out of the report.
    if (entry.isSymbolicLink() && !isProjectFile(full, tree)) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    if (isIgnored(layers, full, false)) continue;
    add(kind ? { path: full, kind, explicit: false } : { path: full, explicit: false });
  }
}
