// Node-side config discovery shared by the CLI and the language server (the engine stays pure).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem, PartialConfig } from '../engine';
import { RULE_IDS } from '../engine/rules/catalogue';
import { combineLayers, parseConfigText, type ConfigLayer } from './config-cascade';
import { readProjectFile, type ProjectRoot } from './file-access';

export const CONFIG_FILE_NAMES = ['.shipshape.yaml', '.shipshape.yml'];

// The catalogue, not RULES: validating a config must not load every rule's checks (ADR 008).
const knownRuleIds = RULE_IDS;

export interface LoadedConfig {
  /** Absolute path of the config file (the nearest one, for a cascade). */
  path: string;
  /** Folder the config's globs are relative to (for a cascade, the folder holding every file of it). */
  dir: string;
  /** The effective settings: the file's own over those of the configs it extends. */
  config: PartialConfig;
  /** Problems of every file in the cascade; `file` names the file when it is not `path`. */
  problems: (ConfigProblem & { file?: string })[];
  /** Every config file the settings came from, outermost first, this one last. */
  sources: string[];
}

// A config is a few KB; anything near this is an attack or an accident, not a policy.
const MAX_CONFIG_BYTES = 1024 * 1024;
// Cross-file reads (a service's Dockerfile, .env, .dockerignore): the CLI's default maxFileSize.
export const MAX_SIBLING_BYTES = 2 * 1024 * 1024;

/**
 * The nearest `.shipshape.yaml` walking up from `startDir`, never above the project root (the
 * workspace folder or repository): a `/tmp/.shipshape.yaml` must not silence rules for a checkout
 * under /tmp. It also stops at a nested repository's root. `found`, where given, keeps the answer
 * for each folder passed (for the files of a run, which share their parent folders).
 */
export function findConfigFile(startDir: string, root: ProjectRoot, found?: Map<string, string | undefined>): string | undefined {
  let dir = path.resolve(startDir);
  if (!root.contains(dir)) dir = path.resolve(root.dir);
  const rootDir = path.resolve(root.dir);
  const passed: string[] = [];
  let answer: string | undefined;
  for (;;) {
    const key = `${rootDir}\0${dir}`;
    if (found?.has(key)) {
      answer = found.get(key);
      break;
    }
    passed.push(key);
    const here = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find(isEntry);
    if (here) {
      answer = here;
      break;
    }
    if (dir === rootDir || fs.existsSync(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (found) for (const key of passed) found.set(key, answer);
  return answer;
}

// Any entry by that name: a dangling or refused config is still the config that applies (it is
// reported, not skipped for one further up).
function isEntry(p: string): boolean {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

// `extends:` chains deeper than this are a loop or an accident, not a policy.
const MAX_EXTENDS_DEPTH = 8;

const NO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The config that applies from `configPath`: the file itself over its parent folders' configs (up
 * to the project root or a nested repository's root, until one says `root: true`) and over the
 * file its `extends:` names. Every read goes through readProjectFile, so nothing in the cascade
 * comes from outside the project.
 */
export function loadConfigFile(configPath: string, root: ProjectRoot): LoadedConfig {
  const absolute = path.resolve(configPath);
  const problems: (ConfigProblem & { file: string })[] = [];
  const layers = cascade(absolute, root, { withParents: true, chain: [], problems });
  const combined = combineLayers(layers);
  return {
    path: absolute,
    dir: combined.dir,
    config: combined.config,
    problems: problems.map((p) => (p.file === absolute ? { message: p.message, range: p.range } : p)),
    sources: layers.map((layer) => layer.path),
  };
}

interface CascadeState {
  /** Parent folders' configs join the cascade (not for a file named by `extends:`). */
  withParents: boolean;
  /** The `extends:` files being loaded, to stop a loop. */
  chain: string[];
  problems: (ConfigProblem & { file: string })[];
}

/** The layers `file` stands for, outermost first: parents, then what it extends, then itself. */
function cascade(file: string, root: ProjectRoot, state: CascadeState): ConfigLayer[] {
  const own = readConfig(file, root);
  for (const problem of own.problems) state.problems.push({ ...problem, file });
  const layers: ConfigLayer[] = [];
  if (state.withParents && !own.root) {
    const parent = parentConfigFile(path.dirname(file), root);
    if (parent) layers.push(...cascade(parent, root, { ...state, chain: [] }));
  }
  if (own.extendsPath) {
    const { value, range } = own.extendsPath;
    const target = path.resolve(path.dirname(file), value);
    const refuse = (message: string) => state.problems.push({ message, range, file });
    if (!root.contains(target)) refuse(`"extends": ${value} is outside the project (${root.dir}); not read`);
    else if (target === file || state.chain.includes(target)) refuse(`"extends": ${value} extends itself (a loop); not read`);
    else if (state.chain.length >= MAX_EXTENDS_DEPTH)
      refuse(`"extends": more than ${MAX_EXTENDS_DEPTH} files deep; ${value} not read`);
    else {
      const base = readConfig(target, root);
      if (base.unreadable) refuse(`"extends": ${base.unreadable}`);
      else layers.push(...cascade(target, root, { withParents: false, chain: [...state.chain, file], problems: state.problems }));
    }
  }
  layers.push({ path: file, dir: path.dirname(file), config: own.config });
  return layers;
}

/**
 * The config of the folder above the one holding a config, if the cascade goes on: it stops at the
 * project root and at a nested repository's root, as the lookup does.
 */
function parentConfigFile(configDir: string, root: ProjectRoot): string | undefined {
  const dir = path.resolve(configDir);
  if (dir === path.resolve(root.dir) || !root.contains(dir) || fs.existsSync(path.join(dir, '.git'))) return undefined;
  return findConfigFile(path.dirname(dir), root);
}

interface ReadConfig extends ReturnType<typeof parseConfigText> {
  /** Why the file could not be read. */
  unreadable?: string;
}

function readConfig(file: string, root: ProjectRoot): ReadConfig {
  let text: string;
  try {
    text = readProjectFile(file, root, { maxBytes: MAX_CONFIG_BYTES, shownAs: path.basename(file) });
  } catch (error) {
    const message = (error as Error).message;
    return {
      config: {},
      root: false,
      problems: [{ message: `Cannot read config: ${message}`, range: NO_RANGE }],
      unreadable: message,
    };
  }
  return parseConfigText(text, knownRuleIds);
}

/** Path of `filePath` relative to the config folder with forward slashes, for override globs. */
export function configRelativePath(filePath: string, configDir: string | undefined): string {
  const base = configDir ?? process.cwd();
  return path.relative(base, path.resolve(filePath)).split(path.sep).join('/');
}
