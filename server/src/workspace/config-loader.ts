// Node-side config discovery shared by the CLI and the language server (the engine stays pure).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, RULES, type ConfigProblem, type PartialConfig } from '../engine';

export const CONFIG_FILE_NAMES = ['.shipshape.yaml', '.shipshape.yml'];

const knownRuleIds = new Set(RULES.map((rule) => rule.id));

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Folder the config's globs are relative to. */
  dir: string;
  config: PartialConfig;
  problems: ConfigProblem[];
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest `.shipshape.yaml` walking up from `startDir`, stopping after `stopDir` (the
 * workspace root) or at a git root, whichever comes first.
 */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    if (stop && dir === stop) return undefined;
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfigFile(configPath: string): LoadedConfig {
  const absolute = path.resolve(configPath);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    return {
      path: absolute,
      dir: path.dirname(absolute),
      config: {},
      problems: [
        {
          message: `Cannot read config: ${(error as Error).message}`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
  }
  const { config, problems } = parseConfig(text, knownRuleIds);
  return { path: absolute, dir: path.dirname(absolute), config, problems };
}

/**
 * A reader for files next to `filePath`, for the engine's cross-file checks. Reads stay inside
 * `root` (the workspace or repository), following symlinks: a Compose file saying
 * `build: ../../../etc` never makes the linter read files outside the project.
 */
export function siblingReader(filePath: string, root?: string): (relativePath: string) => string | undefined {
  const dir = path.dirname(path.resolve(filePath));
  const realRoot = root ? safeRealpath(root) : undefined;
  return (relativePath) => {
    try {
      const target = path.resolve(dir, relativePath);
      if (realRoot) {
        const real = fs.realpathSync(target);
        if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
      }
      const stat = fs.statSync(target);
      if (!stat.isFile() || stat.size > 2 * 1024 * 1024) return undefined;
      return fs.readFileSync(target, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** The real path, or undefined when it does not exist (or cannot be resolved). */
export function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Path of `filePath` relative to the config folder with forward slashes, for override globs. */
export function configRelativePath(filePath: string, configDir: string | undefined): string {
  const base = configDir ?? process.cwd();
  return path.relative(base, path.resolve(filePath)).split(path.sep).join('/');
}
