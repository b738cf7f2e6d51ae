// `shipshape` command line: lint files for pre-commit and CI with the editor's engine.
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isatty } from 'node:tty';
import {
  detectKind,
  FILE_KIND_IDS,
  fileKind,
  kindAlternatives,
  KIND_CHOICES,
  SEVERITIES,
  severityRank,
  unsafeFixCount,
  type FileKind,
  type Severity,
} from '../engine';
import { environmentDefaults } from '../workspace/environment-defaults';
import { createProjectFile, ProjectRoot } from '../workspace/file-access';
import type { CliProjectRoots } from '../workspace/project-root';
import packageJson from '../../../package.json';
import { discover, type Target } from './discover';
import { formatFixDiff } from './format-diff';
import { FORMAT_NAMES, FORMATS } from './formats';
import { writeInitialConfig } from './init-command';
import { stagedTargets } from './staged';
import { lintTargets, type LintRun } from './lint-files';
import { formatRules } from './rules-command';
import { runPin } from './pin-command';
import { PIN_USAGE } from './pin-usage';
import { terminalSafe, terminalSafeLines, terminalSafePath } from './terminal-safe';
import { UsageError, type Io } from './usage';

const USAGE = `Usage: shipshape <command> [options]

Commands:
  lint [paths...]     Lint Dockerfiles and Compose files (default path: .)
  pin [paths...]      Pin images to the digest their registry serves now (network)
  rules               List the rule catalogue
  init                Write a commented .shipshape.yaml in the current folder

Options:
  -h, --help          Show help (also: shipshape lint --help)
  -v, --version       Show the version
`;

const LINT_USAGE = `Usage: shipshape lint [paths...] [options]

Lints the named files, and Dockerfiles (Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile*) and Compose files (compose*.y[a]ml, docker-compose*.y[a]ml) found in the named
folders, skipping node_modules, what .gitignore and the config's "ignore" list exclude. Named files
are linted whatever their names (use --kind for names that do not tell), except that the config's
"ignore" list still applies to them (shown as skipped), as a pre-commit hook names every file.
Each file uses the nearest .shipshape.yaml on top of those in its parent folders, up to the
git root (a config with "root: true" stops there).

Use - as the path to lint standard input (with --stdin-filename or --kind).

Options:
  -f, --format <name>        Output format:
${FORMAT_NAMES.map((name) => `                               ${name.padEnd(11)}${FORMATS[name].summary}`).join('\n')}
  -o, --output-file <file>   Write the report to this file instead of standard output
      --keep-suppressed      SARIF: keep suppressed findings as results marked with
                             "suppressions" (GitHub code scanning ignores the mark and
                             opens alerts for them, so by default they are left out)
      --stdin-filename <path>
                             With -, the path the text on standard input is linted as
                             (its kind, config, overrides and sibling files)
      --kind <${KIND_CHOICES}>
                             Lint named files as this kind, whatever their names
  -c, --config <file>        Use this config instead of the nearest .shipshape.yaml
      --fail-on <severity>   Exit 1 when a finding at or above this severity remains:
                             error (default), warning, info, hint, or none
      --ignore-path <file>   Extra ignore file in .gitignore syntax
      --no-ignore            Lint everything found: no .gitignore, --ignore-path or
                             config "ignore"
      --staged               Lint the staged content of staged files (git index), for
                             pre-commit hooks
      --fix                  Apply every safe fix in place, then report what is left
      --fix-dry-run          Print the fixes as a unified diff without changing files
      --unsafe-fixes         With --fix or --fix-dry-run, also apply the fixes that change
                             how the image builds or the container runs (dropping
                             privileges, binding ports to loopback, switching the user):
                             review the diff
      --max-warnings <n>     Also exit 1 when there are more than n warnings
  -q, --quiet                Report errors only (text, json and github output)
  -h, --help                 Show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration or internal error.
`;

export { UsageError, type Io } from './usage';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function exitCodeFor(run: LintRun, failOn: Severity | 'none'): number {
  if (run.configErrors.length > 0 || run.results.some((r) => r.error)) return 2;
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  const failing = run.results.some((r) => r.findings.some((f) => !f.suppressed && severityRank(f.severity) >= threshold));
  return failing ? 1 : 0;
}

/**
 * `lint`'s options. bin/shipshape.js keeps its own list of those that take a value, to tell paths from
 * values before the bundle loads; test/unit/cli-bin.test.ts checks the two agree.
 */
export const LINT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'stdin-filename': { type: 'string' },
  'keep-suppressed': { type: 'boolean' },
  kind: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'fail-on': { type: 'string' },
  'ignore-path': { type: 'string' },
  'no-ignore': { type: 'boolean' },
  staged: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

function runLint(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: LINT_OPTIONS,
  });
  if (values.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const format = oneOf(values.format, FORMAT_NAMES, '--format') ?? 'text';
  const kind = oneOf(values.kind, FILE_KIND_IDS, '--kind');
  const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'none'] as const, '--fail-on') ?? 'error';
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0))
    throw new UsageError(`--max-warnings takes a whole number (got "${values['max-warnings']}")`);
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (values.staged && values.fix)
    throw new UsageError('--staged lints the git index; it cannot --fix it (use --fix-dry-run to see the fixes)');
  if (values['unsafe-fixes'] && !values.fix && !values['fix-dry-run'])
    throw new UsageError('--unsafe-fixes only makes sense with --fix or --fix-dry-run');
  if (values.staged && positionals.length > 0) throw new UsageError('--staged takes no paths: it lints the staged files');
  const fromStdin = positionals.includes('-');
  if (fromStdin && positionals.length > 1) throw new UsageError('- (standard input) cannot be combined with other paths');
  if (values['stdin-filename'] !== undefined && !fromStdin) throw new UsageError('--stdin-filename needs - as the path');
  if (fromStdin && values.fix) throw new UsageError('standard input cannot be fixed in place (use --fix-dry-run)');
  const noIgnore = values['no-ignore'] === true;
  let targets: Target[];
  let roots: CliProjectRoots | undefined;
  if (fromStdin) {
    targets = [stdinTarget(io, values['stdin-filename'], kind)];
  } else if (values.staged) {
    try {
      targets = stagedTargets(io.cwd, kind);
    } catch (error) {
      throw new UsageError(`--staged needs a git repository: ${(error as Error).message.split('\n')[0]}`);
    }
  } else {
    const discovery = discover(positionals.length > 0 ? positionals : ['.'], {
      cwd: io.cwd,
      noIgnore,
      ...(kind ? { kind } : {}),
      ...(values['ignore-path'] ? { ignorePath: values['ignore-path'] } : {}),
    });
    // Warnings, errors and paths below quote file names and config text: escaped for the terminal.
    for (const warning of discovery.warnings) io.stderr(`shipshape: warning: ${terminalSafe(warning)}\n`);
    targets = discovery.targets;
    roots = discovery.roots;
  }
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const run = lintTargets(targets, {
    cwd: io.cwd,
    defaults: environmentDefaults(io.env),
    noIgnore,
    ...(values.config ? { configPath: values.config } : {}),
    ...(fix ? { fix } : {}),
    ...(values['unsafe-fixes'] ? { unsafeFixes: true } : {}),
    ...(roots ? { roots } : {}),
  });
  for (const error of run.configErrors)
    io.stderr(`${terminalSafePath(error.file)}:${error.line}:${error.column} error ${terminalSafe(error.message)} [config]\n`);
  if (run.configErrors.length > 0)
    io.stderr('Configuration errors: fix the config above; its defaults were used for this run.\n');
  if (fix) reportFixes(run, fix, io, values['unsafe-fixes'] === true);
  const shown: LintRun = values.quiet
    ? { ...run, results: run.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) }
    : run;
  const toFile = values['output-file'];
  const color = !toFile && !io.env.NO_COLOR && (format === 'text' || format === 'compact') && io.isTTY;
  const output = FORMATS[format].render(FORMATS[format].quietApplies ? shown.results : run.results, {
    cwd: io.cwd,
    color,
    failOn,
    keepSuppressed: values['keep-suppressed'] === true,
  });
  if (toFile) writeReport(toFile, output, io);
  else io.stdout(output);
  const code = exitCodeFor(run, failOn);
  if (code === 0 && maxWarnings !== undefined) {
    const warnings = run.results.reduce(
      (n, r) => n + r.findings.filter((f) => !f.suppressed && f.severity === 'warning').length,
      0,
    );
    if (warnings > maxWarnings) {
      io.stderr(`shipshape: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
  }
  return code;
}

/** The `-` target: standard input, linted as if it were the named file. */
function stdinTarget(io: Io, stdinFilename: string | undefined, kind: FileKind | undefined): Target {
  const detected = kind ?? (stdinFilename ? detectKind(stdinFilename) : undefined);
  if (!detected)
    throw new UsageError(
      stdinFilename
        ? `cannot tell whether ${stdinFilename} is ${kindAlternatives()}; pass --kind ${KIND_CHOICES}`
        : `linting standard input needs --stdin-filename <path> or --kind ${KIND_CHOICES}`,
    );
  const named = path.resolve(io.cwd, stdinFilename ?? fileKind(detected).defaultFileName);
  return { path: named, kind: detected, explicit: true, content: (io.readStdin ?? (() => ''))() };
}

/**
 * `--output-file`: the report goes where the user said, but never through a symlink a checkout
 * planted under that name (a CI job writing `results.sarif` into the repository).
 */
function writeReport(file: string, output: string, io: Io): void {
  const absolute = path.resolve(io.cwd, file);
  try {
    createProjectFile(absolute, output, new ProjectRoot(path.dirname(absolute)), { overwrite: true, shownAs: file });
  } catch (error) {
    throw new UsageError(`cannot write --output-file: ${(error as Error).message}`);
  }
}

/** What --fix changed (stderr, so machine output stays clean), or the --fix-dry-run diff. */
function reportFixes(run: LintRun, fix: 'write' | 'dry-run', io: Io, unsafe: boolean): void {
  const fixed = run.results.filter((r) => r.fixed);
  if (fix === 'dry-run') {
    const diff = formatFixDiff(run.results);
    io.stderr(diff || 'shipshape: no fixes to apply\n');
  } else {
    for (const file of fixed)
      io.stderr(
        `shipshape: fixed ${terminalSafe(file.displayPath)} (${file.fixed!.applied} fix${file.fixed!.applied === 1 ? '' : 'es'})\n`,
      );
    for (const file of run.results) if (file.fixRefused) io.stderr(`shipshape: not fixed: ${terminalSafe(file.fixRefused)}\n`);
    if (fixed.length === 0) io.stderr('shipshape: no fixes to apply\n');
  }
  if (unsafe) return;
  const left = run.results.reduce((sum, r) => sum + unsafeFixCount(r.findings), 0);
  if (left > 0)
    io.stderr(
      `shipshape: ${left} fix${left === 1 ? '' : 'es'} that change how an image builds or a container runs ${left === 1 ? 'was' : 'were'} not applied; review them with --fix-dry-run --unsafe-fixes, or apply them one at a time in the editor\n`,
    );
}

function runRules(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(
      'Usage: shipshape rules [--format text|json|markdown]\n\nLists every rule with its default severity, file kinds and title.\n',
    );
    return 0;
  }
  io.stdout(formatRules(oneOf(values.format, ['text', 'json', 'markdown'] as const, '--format') ?? 'text'));
  return 0;
}

/** Runs a command; `pin` (the only one that waits on the network) returns a promise. */
export function main(argv: string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  const fail = (error: unknown): number => {
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const usage = command === 'lint' ? LINT_USAGE : command === 'pin' ? PIN_USAGE : USAGE;
    io.stderr(
      isUsage
        ? `shipshape: ${terminalSafe((error as Error).message)}\n\n${usage}`
        : `shipshape: internal error: ${terminalSafeLines(String((error as Error).stack ?? error))}\n`,
    );
    return 2;
  };
  try {
    switch (command) {
      case 'lint':
        return runLint(rest, io);
      case 'pin':
        // The registry client (crypto, child_process, fetch) is loaded on demand in the bundle (esbuild.mjs).
        return runPin(rest, io).catch(fail);
      case 'rules':
        return runRules(rest, io);
      case 'init':
        return writeInitialConfig(rest, io);
      case '-v':
      case '--version':
        io.stdout(`${packageJson.version}\n`);
        return 0;
      case undefined:
        io.stderr(USAGE);
        return 2;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return 0;
      default:
        throw new UsageError(
          command.startsWith('-')
            ? `Unknown option "${command}" (options go after the command, e.g. shipshape lint ${command})`
            : `Unknown command "${command}"`,
        );
    }
  } catch (error) {
    return fail(error);
  }
}

/**
 * Writes all of `text` to a file descriptor before returning. process.stdout would first load
 * Node's stream stack (some twenty internal modules, about 5 % of a one-file lint's start-up) to
 * write one report; files and pipes take synchronous writes anyway.
 */
function writeAll(fd: number, text: string): void {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    let written: number;
    try {
      written = fs.writeSync(fd, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // `shipshape lint | head` closes the pipe early: that is not an error worth a stack trace.
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // A pipe its reader set non-blocking is full: wait for the reader rather than drop output.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      throw error;
    }
    bytes = bytes.subarray(written);
  }
}

/**
 * Whether a descriptor is a terminal. Only a character device can be one, and /dev/null is the
 * one a CI job or a benchmark most often gives: node:tty (loaded on first use, see esbuild.mjs)
 * brings in Node's socket and stream modules, which a report written to a file or a pipe never needs.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && stat.rdev === fs.statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return isatty(fd);
}

/** Runs the CLI in this process (bin/shipshape.js and `node dist/cli.js`). */
export function run(): void {
  const code = main(process.argv.slice(2), {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    get isTTY() {
      return isTerminal(1);
    },
    env: process.env,
    cwd: process.cwd(),
    readStdin: () => fs.readFileSync(0, 'utf8'),
  });
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}

if (require.main === module) run();
