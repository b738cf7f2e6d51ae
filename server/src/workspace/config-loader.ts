// Node-side config discovery shared by the CLI and the language server (the engine stays pure).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, RULES, type ConfigProblem, type PartialConfig } from '../engine';
import { readProjectFile, tryReadProjectFile, type ProjectRoot } from './file-access';

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

// A config is a few KB; anything near this is an attack or an accident, not a policy.
const MAX_CONFIG_BYTES = 1024 * 1024;
// Cross-file reads (a service's Dockerfile, .env, .dockerignore): the CLI's default maxFileSize.
const MAX_SIBLING_BYTES = 2 * 1024 * 1024;

/**
 * The nearest `.shipshape.yaml` walking up from `startDir`, never above the project root (the
 * workspace folder or repository): a `/tmp/.shipshape.yaml` must not silence rules for a checkout
 * under /tmp. It also stops at a nested repository's root.
 */
export function findConfigFile(startDir: string, root: ProjectRoot): string | undefined {
  let dir = path.resolve(startDir);
  if (!root.contains(dir)) dir = path.resolve(root.dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate) || isDanglingLink(candidate)) return candidate;
    }
    if (dir === path.resolve(root.dir) || fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// A dangling or refused config is still the config that applies: it is reported, not skipped for
// one further up.
function isDanglingLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function loadConfigFile(configPath: string, root: ProjectRoot): LoadedConfig {
  const absolute = path.resolve(configPath);
  let text: string;
  try {
    text = readProjectFile(absolute, root, { maxBytes: MAX_CONFIG_BYTES, shownAs: path.basename(absolute) });
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
 * `root` (the workspace or repository), following symlinks only within it: a Compose file saying
 * `build: ../../../etc` never makes the linter read files outside the project.
 */
export function siblingReader(filePath: string, root: ProjectRoot): (relativePath: string) => string | undefined {
  const dir = path.dirname(path.resolve(filePath));
  return (relativePath) => tryReadProjectFile(path.resolve(dir, relativePath), root, { maxBytes: MAX_SIBLING_BYTES });
}

/** Path of `filePath` relative to the config folder with forward slashes, for override globs. */
export function configRelativePath(filePath: string, configDir: string | undefined): string {
  const base = configDir ?? process.cwd();
  return path.relative(base, path.resolve(filePath)).split(path.sep).join('/');
}
