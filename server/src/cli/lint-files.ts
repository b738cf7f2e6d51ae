// Lints discovered files with the config that applies to each; one bad file never stops the run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyFixes,
  isIgnoredPath,
  lint,
  preferredFixGroups,
  mergeConfig,
  type FileKind,
  type Finding,
  type PartialConfig,
  type ShipshapeConfig,
} from '../engine';
import { configRelativePath, findConfigFile, loadConfigFile, siblingReader, type LoadedConfig } from '../workspace/config-loader';
import { gitRootOf, type Target } from './discover';

export interface FileResult {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user: relative to the working directory, forward slashes. */
  displayPath: string;
  kind?: FileKind;
  findings: Finding[];
  /** Set when the file was not linted (binary, too large, ignored by config). */
  skipped?: string;
  /** Set when the file could not be read or linting failed. */
  error?: string;
  /** The linted text, for code frames. */
  text?: string;
  /** With --fix/--fix-dry-run: the text before and after the fixes, when they changed it. */
  fixed?: { before: string; after: string; applied: number };
}

export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LintRun {
  results: FileResult[];
  configErrors: ConfigError[];
}

export interface LintOptions {
  cwd: string;
  /** `--config FILE`: one config for every file. */
  configPath?: string;
  /** Applied on top of every file config (e.g. --rule overrides). */
  overrides?: PartialConfig;
  /** `--no-ignore`: lint files the config's `ignore` list excludes. */
  noIgnore?: boolean;
  /** Apply preferred fixes: `write` changes the files, `dry-run` only reports the new text. */
  fix?: 'write' | 'dry-run';
  /** `--unsafe-fixes`: with `fix`, also apply the fixes that change behaviour. */
  unsafeFixes?: boolean;
}

/** Same wording as the engine's skip reason, so a file over maxFileSize reads alike from both. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

export function lintTargets(targets: Target[], options: LintOptions): LintRun {
  const configErrors: ConfigError[] = [];
  const loaded = new Map<string, LoadedConfig>();
  const load = (configFile: string): LoadedConfig => {
    let config = loaded.get(configFile);
    if (!config) {
      config = loadConfigFile(configFile);
      loaded.set(configFile, config);
      for (const problem of config.problems) {
        configErrors.push({
          file: display(options.cwd, config.path),
          line: problem.range.start.line + 1,
          column: problem.range.start.character + 1,
          message: problem.message,
        });
      }
    }
    return config;
  };
  const forced = options.configPath ? load(path.resolve(options.cwd, options.configPath)) : undefined;

  // Config lookup stops at the git root; outside a repository, at the working directory (so a
  // stray /tmp/.shipshape.yaml never applies to a checkout without .git).
  const stopDir = gitRootOf(options.cwd) ? undefined : options.cwd;
  const results: FileResult[] = [];
  for (const target of targets) {
    const displayPath = display(options.cwd, target.path);
    if (target.error) {
      results.push({ path: target.path, displayPath, findings: [], error: target.error });
      continue;
    }
    const configFile = forced
      ? undefined
      : findConfigFile(path.dirname(target.path), stopDir && isInside(stopDir, target.path) ? stopDir : undefined);
    const fileConfig = forced ?? (configFile ? load(configFile) : undefined);
    const config: ShipshapeConfig = mergeConfig(fileConfig?.config, options.overrides);
    const relative = configRelativePath(target.path, fileConfig?.dir ?? options.cwd);
    const base: FileResult = { path: target.path, displayPath, kind: target.kind!, findings: [] };
    if (!options.noIgnore && isIgnoredPath(config, relative)) {
      // Found by walking a folder: silently left out, like .gitignore'd files. Named (as a
      // pre-commit hook names every staged file): shown as skipped, so the policy still holds.
      if (target.explicit) results.push({ ...base, skipped: 'ignored by the config ignore list (--no-ignore lints it)' });
      continue;
    }
    results.push(lintOne(target, base, config, relative, options.fix, options.unsafeFixes === true));
  }
  return { results, configErrors };
}

// Fixes that overlap wait for the next pass, computed against the text the previous pass produced.
const MAX_FIX_PASSES = 5;

function lintOne(
  target: Target,
  base: FileResult,
  config: ShipshapeConfig,
  relative: string,
  fix?: 'write' | 'dry-run',
  unsafeFixes = false,
): FileResult {
  // Cross-file reads stay inside the file's repository (or its folder outside one).
  const readRoot = gitRootOf(path.dirname(target.path)) ?? path.dirname(target.path);
  try {
    let text: string;
    if (target.content !== undefined) {
      text = target.content;
    } else {
      const stat = fs.statSync(target.path);
      // A FIFO or device would block or never end; only regular files are read.
      if (!stat.isFile()) return { ...base, error: 'Not a regular file' };
      // Checked before reading, so a huge file is never loaded into memory.
      if (stat.size > config.maxFileSize) {
        return {
          ...base,
          skipped: `file is ${formatBytes(stat.size)}, over the ${formatBytes(config.maxFileSize)} limit (maxFileSize); not linted`,
        };
      }
      text = fs.readFileSync(target.path, 'utf8');
    }
    const lintText = (t: string) =>
      lint({ text: t, kind: target.kind!, path: relative, readFile: siblingReader(target.path, readRoot) }, config);
    let result = lintText(text);
    if (result.skipped) return { ...base, skipped: result.skipped };
    if (!fix) return { ...base, text, findings: result.findings };
    let current = text;
    let applied = 0;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const groups = preferredFixGroups(result.findings, { unsafe: unsafeFixes });
      if (groups.length === 0) break;
      const next = applyFixes(current, groups);
      if (next.text === current) break;
      applied += next.applied;
      current = next.text;
      result = lintText(current);
    }
    if (current === text) return { ...base, text, findings: result.findings };
    if (fix === 'write' && target.content === undefined) fs.writeFileSync(target.path, current);
    return { ...base, text: current, findings: result.findings, fixed: { before: text, after: current, applied } };
  } catch (error) {
    return { ...base, error: `Cannot lint: ${(error as Error).message}` };
  }
}
