// Lints discovered files with the config that applies to each; one bad file never stops the run.
import * as path from 'node:path';
import {
  NO_REDACTION,
  type Redactor,
  isIgnoredPath,
  oversizeReason,
  type FileKind,
  type Finding,
  type PartialConfig,
} from '../engine';
import { FileAccessError, readProjectFile, writeProjectFile } from '../workspace/file-access';
import { ConfigStore, FileSession, RunReads, type SessionPolicy } from '../workspace/lint-session';
import { CliProjectRoots } from '../workspace/project-root';
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
  /** The project roots discovery settled on for the same working directory (each folder's kept). */
  roots?: CliProjectRoots;
}

function display(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** The CLI's sessions: its project-root policy, `--config`, the environment's defaults and `--rule` overrides. */
export function cliSessionPolicy(
  options: Pick<LintOptions, 'cwd' | 'configPath' | 'overrides' | 'defaults' | 'roots'>,
  configs: ConfigStore,
  overlay?: (absolutePath: string) => string | undefined,
): SessionPolicy {
  const forcedPath = options.configPath ? path.resolve(options.cwd, options.configPath) : undefined;
  const roots = options.roots ?? new CliProjectRoots(options.cwd);
  return {
    rootOf: (file) => roots.ofFile(file),
    configs,
    ...(forcedPath ? { forced: configs.load(forcedPath, roots.ofFile(forcedPath)) } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    pathBase: () => options.cwd,
    ...(overlay ? { overlay } : {}),
    runReads: new RunReads(),
  };
}

export function lintTargets(targets: Target[], options: LintOptions): LintRun {
  const configErrors: ConfigError[] = [];
  const configs = new ConfigStore(
    (config) => {
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
    },
    { run: true },
  );
  // Staged content stands in for the working tree: a staged Compose file is judged with its staged
  // Dockerfile, not the one being edited.
  const staged = new Map(
    targets.flatMap((t) => (t.content !== undefined && !t.error ? [[path.resolve(t.path), t.content]] : [])),
  );
  const policy = cliSessionPolicy(options, configs, staged.size > 0 ? (file) => staged.get(file) : undefined);

  const results: FileResult[] = [];
  for (const target of targets) {
    const displayPath = display(options.cwd, target.path);
    if (target.error) {
      results.push({ path: target.path, displayPath, findings: [], error: target.error });
      continue;
    }
    // The project is the file's repository (or the working directory, or its own folder): config
    // lookup, cross-file reads and fixes all stay inside it.
    const session = new FileSession(target.path, policy);
    const base: FileResult = { path: target.path, displayPath, kind: target.kind!, findings: [] };
    if (!options.noIgnore && isIgnoredPath(session.config, session.relativePath!)) {
      // Found by walking a folder: silently left out, like .gitignore'd files. Named (as a
      // pre-commit hook names every staged file): shown as skipped, so the policy still holds.
      if (target.explicit) results.push({ ...base, skipped: 'ignored by the config ignore list (--no-ignore lints it)' });
      continue;
    }
    results.push(lintOne(target, base, session, options.fix, options.unsafeFixes === true));
  }
  return { results, configErrors };
}

function lintOne(
  target: Target,
  base: FileResult,
  session: FileSession,
  fix?: 'write' | 'dry-run',
  unsafeFixes = false,
): FileResult {
  const { config } = session;
  const root = session.root!;
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
    const kind = target.kind!;
    const first = session.lint(text, kind);
    if (first.skipped) return { ...base, skipped: first.skipped };
    const firstResult = { ...base, text, findings: first.findings, redact: first.redact ?? NO_REDACTION };
    if (!fix) return firstResult;
    const fixedText = session.fix(text, kind, { unsafe: unsafeFixes }, first);
    if (fixedText.text === text) return firstResult;
    const { redact } = fixedText;
    const fixed = { before: text, after: fixedText.text, applied: fixedText.applied };
    // A dry run leaves the file as it was: its findings are the ones at the lines on disk.
    if (fix === 'dry-run' || target.content !== undefined) return { ...firstResult, redact, fixed };
    try {
      writeProjectFile(target.path, fixedText.text, root, base.displayPath);
      session.forgetRunRead(target.path);
    } catch (error) {
      // Linted as it is on disk; only the write was refused.
      if (error instanceof FileAccessError) return { ...firstResult, fixRefused: error.message };
      throw error;
    }
    return { ...base, text: fixedText.text, findings: fixedText.result.findings, redact, fixed };
  } catch (error) {
    return { ...base, error: error instanceof FileAccessError ? error.message : `Cannot lint: ${(error as Error).message}` };
  }
}
