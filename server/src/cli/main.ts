// `shipshape` command line: lint files for pre-commit and CI with the editor's engine.
import { parseArgs } from 'node:util';
import { SEVERITIES, severityRank, type FileKind, type Severity } from '../engine';
import packageJson from '../../../package.json';
import { discover } from './discover';
import { formatJson } from './format-json';
import { formatText } from './format-text';
import { lintTargets, type LintRun } from './lint-files';
import { formatRules } from './rules-command';

const USAGE = `Usage: shipshape <command> [options]

Commands:
  lint [paths...]     Lint Dockerfiles and Compose files (default path: .)
  rules               List the rule catalogue

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
Each file uses the nearest .shipshape.yaml up to the git root.

Options:
  -f, --format <text|json>   Output format (default: text)
      --kind <dockerfile|compose>
                             Lint named files as this kind, whatever their names
  -c, --config <file>        Use this config instead of the nearest .shipshape.yaml
      --fail-on <severity>   Exit 1 when a finding at or above this severity remains:
                             error (default), warning, info, hint, or none
      --ignore-path <file>   Extra ignore file in .gitignore syntax
      --no-ignore            Lint everything found: no .gitignore, --ignore-path or
                             config "ignore"
  -h, --help                 Show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration or internal error.
`;

class UsageError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

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

function runLint(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      kind: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'fail-on': { type: 'string' },
      'ignore-path': { type: 'string' },
      'no-ignore': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format') ?? 'text';
  const kind = oneOf(values.kind, ['dockerfile', 'compose'] as const, '--kind') as FileKind | undefined;
  const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'none'] as const, '--fail-on') ?? 'error';
  const noIgnore = values['no-ignore'] === true;
  const { targets, warnings } = discover(positionals.length > 0 ? positionals : ['.'], {
    cwd: io.cwd,
    noIgnore,
    ...(kind ? { kind } : {}),
    ...(values['ignore-path'] ? { ignorePath: values['ignore-path'] } : {}),
  });
  for (const warning of warnings) io.stderr(`shipshape: warning: ${warning}\n`);
  const run = lintTargets(targets, {
    cwd: io.cwd,
    noIgnore,
    ...(values.config ? { configPath: values.config } : {}),
  });
  for (const error of run.configErrors)
    io.stderr(`${error.file}:${error.line}:${error.column} error ${error.message} [config]\n`);
  if (run.configErrors.length > 0)
    io.stderr('Configuration errors: fix the config above; its defaults were used for this run.\n');
  const color = io.isTTY && !io.env.NO_COLOR && format === 'text';
  io.stdout(format === 'json' ? formatJson(run.results) : formatText(run.results, { color }));
  return exitCodeFor(run, failOn);
}

function runRules(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(
      'Usage: shipshape rules [--format text|json]\n\nLists every rule with its default severity, file kinds and title.\n',
    );
    return 0;
  }
  io.stdout(formatRules(oneOf(values.format, ['text', 'json'] as const, '--format') ?? 'text'));
  return 0;
}

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return runLint(rest, io);
      case 'rules':
        return runRules(rest, io);
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
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(
      isUsage
        ? `shipshape: ${(error as Error).message}\n\n${command === 'lint' ? LINT_USAGE : USAGE}`
        : `shipshape: internal error: ${(error as Error).stack ?? error}\n`,
    );
    return 2;
  }
}

/** Runs the CLI in this process (bin/shipshape.js and `node dist/cli.js`). */
export function run(): void {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
}

if (require.main === module) run();
