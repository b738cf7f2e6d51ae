// Finds the files to lint: named files as given, folders walked for Dockerfile and Compose names,
// honouring .gitignore files (nested ones too) and never following symlinks out of the tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { detectKind, type FileKind } from '../engine';

export interface Target {
  /** Absolute path. */
  path: string;
  kind?: FileKind;
  /** True when the user named the file (config `ignore` does not apply then). */
  explicit: boolean;
  /** Why it cannot be linted (missing, unknown kind); reported as a file error. */
  error?: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function readIgnoreFile(dir: string, name: string): IgnoreLayer | undefined {
  try {
    return { dir, rules: ignore().add(fs.readFileSync(path.join(dir, name), 'utf8')) };
  } catch {
    return undefined;
  }
}

function isIgnored(layers: IgnoreLayer[], file: string, isDir: boolean): boolean {
  return layers.some((layer) => {
    const relative = path.relative(layer.dir, file).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) return false;
    return layer.rules.ignores(isDir ? `${relative}/` : relative);
  });
}

export interface DiscoverOptions {
  kind?: FileKind;
  /** An extra ignore file (gitignore syntax), relative to the working directory. */
  ignorePath?: string;
  cwd: string;
}

export function discover(inputs: string[], options: DiscoverOptions): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const extra = options.ignorePath
    ? readIgnoreFile(options.cwd, path.relative(options.cwd, path.resolve(options.cwd, options.ignorePath)))
    : undefined;
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
    } catch {
      add({ path: absolute, explicit: true, error: `No such file or directory: ${input}` });
      continue;
    }
    if (stat.isDirectory()) {
      const layers = extra ? [extra] : [];
      walk(absolute, absolute, layers, options, add);
    } else {
      const kind = options.kind ?? detectKind(absolute);
      add(
        kind
          ? { path: absolute, kind, explicit: true }
          : {
              path: absolute,
              explicit: true,
              error: `Cannot tell whether ${input} is a Dockerfile or a Compose file; pass --kind dockerfile|compose`,
            },
      );
    }
  }
  return targets;
}

function walk(root: string, dir: string, inherited: IgnoreLayer[], options: DiscoverOptions, add: (t: Target) => void): void {
  const own = readIgnoreFile(dir, '.gitignore');
  const layers = own ? [...inherited, own] : inherited;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to lint there
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      // Symlinked folders are not followed; a symlinked file is linted only if it stays in the tree.
      const real = safeRealpath(full);
      if (!real || !real.startsWith(root + path.sep) || !fs.statSync(real).isFile()) continue;
    } else if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || isIgnored(layers, full, true)) continue;
      walk(root, full, layers, options, add);
      continue;
    } else if (!entry.isFile()) continue;
    const kind = detectKind(entry.name);
    if (!kind || isIgnored(layers, full, false)) continue;
    add({ path: full, kind, explicit: false });
  }
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
