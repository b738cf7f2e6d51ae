// Lints discovered files with the config that applies to each; one bad file never stops the run.
import * as path from 'node:path';
import {
  applyFixes,
  combineRedactors,
  NO_REDACTION,
  type Redactor,
  isIgnoredPath,
  lint,
  oversizeReason,
  preferredFixGroups,
  mergeConfig,
  type FileKind,
  type Finding,
  type PartialConfig,
  type ShipshapeConfig,
} from '../engine';
import { configRelativePath, findConfigFile, loadConfigFile, siblingReader, type LoadedConfig } from '../workspace/config-loader';
import { FileAccessError, readProjectFile, writeProjectFile, type ProjectRoot } from '../workspace/file-access';
import { cliProjectRoot } from '../workspace/project-root';
import type { Target } from './discover';

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
  /** Masks the file's secrets in anything shown from its text (code frames, diffs, fix text). */
  redact?: Redactor;
  /** With --fix/--fix-dry-run: the text before and after the fixes, when they changed it. */
  fixed?: { before: string; after: string; applied: number };
  /** With --fix: why the fixes were not written (a symlink, a file with other hard links). */
  fixRefused?: string;
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
  /** Beneath every file config (what the environment supplies, e.g. SOURCE_DATE_EPOCH). */
  defaults?: PartialConfig;
  /** `--no-ignore`: lint files the config's `ignore` list excludes. */
  noIgnore?: boolean;
  /** Apply preferred fixes: `write` changes the files, `dry-run` only reports the new text. */
  fix?: 'write' | 'dry-run';
  /** `--unsafe-fixes`: with `fix`, also apply the fixes that change behaviour. */
  unsafeFixes?: boolean;
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

export function lintTargets(targets: Target[], options: LintOptions): LintRun {
  const configErrors: ConfigError[] = [];
  const loaded = new Map<string, LoadedConfig>();
  const load = (configFile: string, root: ProjectRoot): LoadedConfig => {
    let config = loaded.get(configFile);
    if (!config) {
      config = loadConfigFile(configFile, root);
      loaded.set(configFile, config);
      for (const problem of config.problems) {
        const error = {
          // A problem in a parent or `extends:` file of the cascade is reported once, at that file.
          file: display(options.cwd, problem.file ?? config.path),
          line: problem.range.start.line + 1,
          column: problem.range.start.character + 1,
          message: problem.message,
        };
        if (
          !configErrors.some(
            (e) => e.file === error.file && e.line === error.line && e.column === error.column && e.message === error.message,
          )
        )
          configErrors.push(error);
      }
    }
    return config;
  };
  const forcedPath = options.configPath ? path.resolve(options.cwd, options.configPath) : undefined;
  const forced = forcedPath ? load(forcedPath, cliProjectRoot(forcedPath, options.cwd)) : undefined;

  const results: FileResult[] = [];
  for (const target of targets) {
    const displayPath = display(options.cwd, target.path);
    if (target.error) {
      results.push({ path: target.path, displayPath, findings: [], error: target.error });
      continue;
    }
    // The project is the file's repository (or the working directory, or its own folder): config
    // lookup, cross-file reads and fixes all stay inside it.
    const root = cliProjectRoot(target.path, options.cwd);
    const configFile = forced ? undefined : findConfigFile(path.dirname(target.path), root);
    const fileConfig = forced ?? (configFile ? load(configFile, root) : undefined);
    const config: ShipshapeConfig = mergeConfig(options.defaults, fileConfig?.config, options.overrides);
    const relative = configRelativePath(target.path, fileConfig?.dir ?? options.cwd);
    const base: FileResult = { path: target.path, displayPath, kind: target.kind!, findings: [] };
    if (!options.noIgnore && isIgnoredPath(config, relative)) {
      // Found by walking a folder: silently left out, like .gitignore'd files. Named (as a
      // pre-commit hook names every staged file): shown as skipped, so the policy still holds.
      if (target.explicit) results.push({ ...base, skipped: 'ignored by the config ignore list (--no-ignore lints it)' });
      continue;
    }
    results.push(lintOne(target, base, { config, relative, root }, options.fix, options.unsafeFixes === true));
  }
  return { results, configErrors };
}

// Fixes that overlap wait for the next pass, computed against the text the previous pass produced.
const MAX_FIX_PASSES = 5;

interface FileSetting {
  config: ShipshapeConfig;
  /** The file's path relative to its config, for override globs. */
  relative: string;
  root: ProjectRoot;
}

function lintOne(
  target: Target,
  base: FileResult,
  setting: FileSetting,
  fix?: 'write' | 'dry-run',
  unsafeFixes = false,
): FileResult {
  const { config, relative, root } = setting;
  let text: string;
  try {
    text =
      target.content ??
      readProjectFile(target.path, root, {
        // One byte past the limit is enough to know the file is over it; the engine words the skip.
        maxBytes: config.maxFileSize,
        shownAs: base.displayPath,
      });
  } catch (error) {
    if (error instanceof FileAccessError && error.reason === 'too-large') {
      return { ...base, skipped: oversizeReason(config.maxFileSize, error.size) };
    }
    return { ...base, error: error instanceof FileAccessError ? error.message : `Cannot read: ${(error as Error).message}` };
  }
  try {
    const readFile = siblingReader(target.path, root);
    const lintText = (t: string) => lint({ text: t, kind: target.kind!, path: relative, readFile }, config);
    const first = lintText(text);
    if (first.skipped) return { ...base, skipped: first.skipped };
    const firstResult = { ...base, text, findings: first.findings, redact: first.redact ?? NO_REDACTION };
    if (!fix) return firstResult;
    let result = first;
    let current = text;
    let applied = 0;
    const redactors = [first.redact ?? NO_REDACTION];
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const groups = preferredFixGroups(result.findings, { unsafe: unsafeFixes });
      if (groups.length === 0) break;
      const next = applyFixes(current, groups);
      if (next.text === current) break;
      applied += next.applied;
      current = next.text;
      result = lintText(current);
      redactors.push(result.redact ?? NO_REDACTION);
    }
    if (current === text) return firstResult;
    const redact = combineRedactors(redactors);
    const fixed = { before: text, after: current, applied };
    // A dry run leaves the file as it was: its findings are the ones at the lines on disk.
    if (fix === 'dry-run' || target.content !== undefined) return { ...firstResult, redact, fixed };
    try {
      writeProjectFile(target.path, current, root, base.displayPath);
    } catch (error) {
      // Linted as it is on disk; only the write was refused.
      if (error instanceof FileAccessError) return { ...firstResult, fixRefused: error.message };
      throw error;
    }
    return { ...base, text: current, findings: result.findings, redact, fixed };
  } catch (error) {
    return { ...base, error: error instanceof FileAccessError ? error.message : `Cannot lint: ${(error as Error).message}` };
  }
}
