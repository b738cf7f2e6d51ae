// Peer linters on the same corpus files, for the "how does Shipshape compare" table in RESULTS.md.
// Peers are optional devDependencies loaded at run time: a missing or broken peer becomes a skipped
// row instead of failing the benchmark.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, RULES, type FileKind } from '../server/src/engine';
import { ROOT } from './corpus';

export interface PeerRow {
  tool: string;
  /** From the tool's package.json; '-' when it could not be read. */
  version: string;
  kind: FileKind;
  mode: 'in-process' | 'process';
  files: number;
  /** Median over up to 5 timed passes (1 in smoke runs, or when a pass takes seconds); a process row includes Node start-up and the tool's own file reading. */
  ms: number;
  filesPerSecond: number;
  /** Files the tool threw on (in process) or reported it could not lint (process); the run goes on without them. */
  errors: number;
  /** Problems reported over all files in one pass, when the tool's output could be counted. */
  findings?: number;
  /** What the tool checks, so that the speed comparison is read against the work done. */
  checks: string;
  /** Why the row has no numbers (peer not installed, failed to load, ...). */
  skipped?: string;
}

export interface PeerFile {
  path: string;
  kind: FileKind;
  text: string;
}

const CLI = path.join(ROOT, 'dist/cli.js');
// Smoke runs in CI. dclint compiles its Compose schema again for every file (50-100 ms each), twice
// (API and CLI), so even 40 files cost several seconds on a busy runner.
const SMOKE_FILES_PER_KIND = 20;
// A pass that long is its own average; repeating dclint's 8-10 s passes would add most of a minute to `npm run bench`.
const REPEAT_BUDGET_MS = 5000;

// Resolved from the repository so that the peers come from this project's node_modules, not the caller's.
const load = createRequire(path.join(ROOT, 'package.json'));

function versionOf(pkg: string): string {
  try {
    const file = pkg === 'shipshape' ? path.join(ROOT, 'package.json') : load.resolve(`${pkg}/package.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '-';
  } catch {
    return '-';
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

interface Pass {
  ms: number;
  errors: number;
  findings?: number;
}

function row(base: Omit<PeerRow, 'ms' | 'filesPerSecond' | 'errors' | 'findings'>, passes: Pass[]): PeerRow {
  const ms = median(passes.map((p) => p.ms));
  const first = passes[0];
  const result: PeerRow = { ...base, ms, filesPerSecond: ms > 0 ? (base.files / ms) * 1000 : 0, errors: first?.errors ?? 0 };
  if (first?.findings !== undefined) result.findings = first.findings;
  return result;
}

function skippedRow(tool: string, kind: FileKind, mode: PeerRow['mode'], checks: string, reason: string): PeerRow {
  return { tool, version: versionOf(tool), kind, mode, files: 0, ms: 0, filesPerSecond: 0, errors: 0, checks, skipped: reason };
}

/**
 * Runs `check` over every file `passes` times after a warm-up: every tool gets a full untimed pass
 * first (module load, JIT, schema compile), so in-process rows compare steady states, as in a
 * language server. A tool whose full pass would take seconds (dclint) is warmed on a few files only.
 */
function timeInProcess(files: PeerFile[], passes: number, check: (file: PeerFile) => number): Pass[] {
  const sample = files.slice(0, 5);
  const sampleStart = now();
  for (const file of sample) {
    try {
      check(file);
    } catch {
      // Counted in the timed passes.
    }
  }
  const estimatedPassMs = ((now() - sampleStart) / Math.max(1, sample.length)) * files.length;
  if (estimatedPassMs < REPEAT_BUDGET_MS) {
    for (const file of files) {
      try {
        check(file);
      } catch {
        // Counted in the timed passes.
      }
    }
  }
  const results: Pass[] = [];
  for (let i = 0, spent = 0; i < passes && spent < REPEAT_BUDGET_MS; i++) {
    let errors = 0;
    let findings = 0;
    const start = now();
    for (const file of files) {
      try {
        findings += check(file);
      } catch {
        errors++;
      }
    }
    results.push({ ms: now() - start, errors, findings });
    spent += results[results.length - 1]!.ms;
  }
  return results;
}

/** Times a whole process run; `count` reads errors and findings from its stdout (undefined when it cannot). */
function timeProcess(
  args: string[],
  passes: number,
  count: (stdout: string) => { errors: number; findings: number } | undefined,
  command = process.execPath,
  /** For a tool that exits before a large report has drained through a pipe: its stdout goes to a file. */
  stdoutToFile = false,
): Pass[] | string {
  const results: Pass[] = [];
  for (let i = 0, spent = 0; i < passes && spent < REPEAT_BUDGET_MS; i++) {
    const file = stdoutToFile ? path.join(os.tmpdir(), `shipshape-bench-stdout-${process.pid}.txt`) : undefined;
    const fd = file ? fs.openSync(file, 'w') : undefined;
    const start = now();
    // cwd outside the repository so that neither tool picks up a config file from here.
    const run = spawnSync(command, args, {
      cwd: os.tmpdir(),
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'utf8',
      ...(fd === undefined ? {} : { stdio: ['ignore', fd, 'pipe'] }),
    });
    const ms = now() - start;
    if (fd !== undefined) fs.closeSync(fd);
    const stdout = file ? fs.readFileSync(file, 'utf8') : run.stdout;
    if (file) fs.rmSync(file, { force: true });
    if (run.error) return `failed to start: ${run.error.message}`;
    const counted = count(stdout);
    if (!counted) return `unreadable output (exit ${run.status}): ${(run.stderr || stdout).slice(0, 200)}`;
    results.push({ ms, ...counted });
    spent += ms;
  }
  return results;
}

function shipshapeChecks(kind: FileKind): string {
  const rules = RULES.filter((rule) => rule.targets.includes(kind));
  const on = rules.filter((rule) => rule.severity !== 'off').length;
  const security = rules.filter((rule) => rule.category === 'security').length;
  return `${rules.length} rules (${on} on by default; ${security} security, the rest correctness/best practice)`;
}

interface DockerfileUtils {
  validate(content: string, settings?: unknown): unknown[];
  ValidationCode?: Record<string, unknown>;
}
interface Dockerfilelint {
  run(configPath: string, content: string): unknown[];
}
interface DCLinterInstance {
  lintFiles(paths: string[], recursive: boolean): { messages: unknown[] }[];
  /** Private in its typings; read only to describe the checks. */
  rules?: { category?: string }[];
}
interface Dclint {
  DCLinter: new (config: {
    rules: Record<string, unknown>;
    quiet: boolean;
    debug: boolean;
    exclude: string[];
  }) => DCLinterInstance;
}

function tryLoad<T>(pkg: string): T | string {
  try {
    return load(pkg) as T;
  } catch (error) {
    return `not loadable: ${(error as Error).message.split('\n')[0]}`;
  }
}

/**
 * Lints `files` with Shipshape and the peer linters and reports files/s per tool and file kind.
 * In-process rows time only the lint call; process rows time a whole CLI run over the same files.
 */
export async function peerThroughput(files: PeerFile[], smoke: boolean): Promise<PeerRow[]> {
  const passes = smoke ? 1 : 5;
  const pick = (kind: FileKind) => {
    const ofKind = files.filter((file) => file.kind === kind);
    return smoke ? ofKind.slice(0, SMOKE_FILES_PER_KIND) : ofKind;
  };
  const dockerfiles = pick('dockerfile');
  const composeFiles = pick('compose');
  const rows: PeerRow[] = [];

  for (const [kind, list] of [
    ['dockerfile', dockerfiles],
    ['compose', composeFiles],
  ] as const) {
    if (list.length === 0) continue;
    rows.push(
      row(
        {
          tool: 'shipshape (engine)',
          version: versionOf('shipshape'),
          kind,
          mode: 'in-process',
          files: list.length,
          checks: shipshapeChecks(kind),
        },
        timeInProcess(list, passes, (file) => lint({ text: file.text, kind: file.kind }).findings.length),
      ),
    );
  }

  if (dockerfiles.length > 0) {
    const utils = tryLoad<DockerfileUtils>('dockerfile-utils');
    // The numeric keys of the enum, not its names: two names share one code.
    const codes =
      typeof utils === 'string' ? 0 : Object.keys(utils.ValidationCode ?? {}).filter((key) => /^\d+$/.test(key)).length;
    const checks = `Dockerfile syntax and instruction validation (${codes || 'about 50'} problem codes), no security rules`;
    rows.push(
      typeof utils === 'string'
        ? skippedRow('dockerfile-utils', 'dockerfile', 'in-process', checks, utils)
        : row(
            {
              tool: 'dockerfile-utils',
              version: versionOf('dockerfile-utils'),
              kind: 'dockerfile',
              mode: 'in-process',
              files: dockerfiles.length,
              checks,
            },
            timeInProcess(dockerfiles, passes, (file) => utils.validate(file.text).length),
          ),
    );

    const dfl = tryLoad<Dockerfilelint>('dockerfilelint');
    const reference = typeof dfl === 'string' ? undefined : tryLoad<Record<string, unknown>>('dockerfilelint/lib/reference');
    const dflRules = reference && typeof reference !== 'string' ? Object.keys(reference).length : 'about 26';
    const dflChecks = `${dflRules} rules: style, apt/apk hygiene, image tags, sudo, a few syntax checks`;
    rows.push(
      typeof dfl === 'string'
        ? skippedRow('dockerfilelint', 'dockerfile', 'in-process', dflChecks, dfl)
        : row(
            {
              tool: 'dockerfilelint',
              version: versionOf('dockerfilelint'),
              kind: 'dockerfile',
              mode: 'in-process',
              files: dockerfiles.length,
              checks: dflChecks,
            },
            // The first argument is the folder searched for .dockerfilelintrc, as its CLI passes it.
            timeInProcess(dockerfiles, passes, (file) => dfl.run(path.dirname(file.path), file.text).length),
          ),
    );
  }

  let dclintChecks = 'Compose schema validation + about 15 rules (mostly key ordering and style)';
  if (composeFiles.length > 0) {
    const dclint = tryLoad<Dclint>('dclint');
    if (typeof dclint === 'string') rows.push(skippedRow('dclint', 'compose', 'in-process', dclintChecks, dclint));
    else {
      // The CLI's default configuration: every rule on at its default level.
      const linter = new dclint.DCLinter({ rules: {}, quiet: false, debug: false, exclude: [] });
      if (Array.isArray(linter.rules)) {
        const security = linter.rules.filter((rule) => rule.category === 'security').length;
        dclintChecks = `Compose schema validation + ${linter.rules.length} rules (${security} security, the rest ordering/style/best practice)`;
      }
      const checks = dclintChecks;
      rows.push(
        row(
          {
            tool: 'dclint',
            version: versionOf('dclint'),
            kind: 'compose',
            mode: 'in-process',
            files: composeFiles.length,
            checks,
          },
          // lintFiles is the only public entry point: it reads the file from disk itself.
          timeInProcess(composeFiles, passes, (file) =>
            linter.lintFiles([file.path], false).reduce((sum, result) => sum + result.messages.length, 0),
          ),
        ),
      );
    }
  }

  // Whole-process rows: what a CI job pays, Node start-up included.
  for (const [kind, list] of [
    ['dockerfile', dockerfiles],
    ['compose', composeFiles],
  ] as const) {
    if (list.length === 0) continue;
    const checks = shipshapeChecks(kind);
    if (!fs.existsSync(CLI)) {
      rows.push(skippedRow('shipshape (CLI)', kind, 'process', checks, 'dist/cli.js not built (npm run build)'));
      continue;
    }
    const passesOrError = timeProcess(
      [CLI, 'lint', '--format', 'json', '--fail-on', 'none', '--kind', kind, ...list.map((file) => file.path)],
      passes,
      (stdout) => {
        try {
          const results = JSON.parse(stdout) as { messages?: unknown[]; error?: unknown }[];
          return {
            errors: results.filter((result) => result.error).length,
            findings: results.reduce((sum, result) => sum + (result.messages?.length ?? 0), 0),
          };
        } catch {
          return undefined;
        }
      },
    );
    rows.push(
      typeof passesOrError === 'string'
        ? skippedRow('shipshape (CLI)', kind, 'process', checks, passesOrError)
        : row(
            { tool: 'shipshape (CLI)', version: versionOf('shipshape'), kind, mode: 'process', files: list.length, checks },
            passesOrError,
          ),
    );
  }

  if (dockerfiles.length > 0) rows.push(...dockerfilePeerProcesses(dockerfiles, passes));

  if (composeFiles.length > 0) {
    const checks = dclintChecks;
    let bin: string | undefined;
    try {
      bin = path.join(path.dirname(load.resolve('dclint/package.json')), 'bin/dclint.cjs');
    } catch {
      bin = undefined;
    }
    if (!bin || !fs.existsSync(bin)) rows.push(skippedRow('dclint', 'compose', 'process', checks, 'dclint CLI not installed'));
    else {
      // dclint exits before a large report has drained through a pipe (the JSON arrives cut off), so it writes to a file.
      const report = path.join(os.tmpdir(), `shipshape-bench-dclint-${process.pid}.json`);
      const passesOrError = timeProcess(
        [bin, '-f', 'json', '-o', report, ...composeFiles.map((file) => file.path)],
        passes,
        () => {
          try {
            const results = JSON.parse(fs.readFileSync(report, 'utf8')) as { messages?: { rule?: string }[] }[];
            return {
              // dclint turns its own failures on a file into an unknown-error message instead of stopping.
              errors: results.filter((result) => result.messages?.some((m) => m.rule === 'unknown-error')).length,
              findings: results.reduce((sum, result) => sum + (result.messages?.length ?? 0), 0),
            };
          } catch {
            return undefined;
          } finally {
            fs.rmSync(report, { force: true });
          }
        },
      );
      rows.push(
        typeof passesOrError === 'string'
          ? skippedRow('dclint', 'compose', 'process', checks, passesOrError)
          : row(
              {
                tool: 'dclint',
                version: versionOf('dclint'),
                kind: 'compose',
                mode: 'process',
                files: composeFiles.length,
                checks,
              },
              passesOrError,
            ),
      );
    }
  }

  return rows;
}

/** A file in a peer's package, or undefined when the peer is not installed. */
function peerFile(pkg: string, file: string): string | undefined {
  try {
    const found = path.join(path.dirname(load.resolve(`${pkg}/package.json`)), file);
    return fs.existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

/** dockerfilelint's and tally's commands on the same Dockerfiles, as a CI step runs them. */
function dockerfilePeerProcesses(dockerfiles: PeerFile[], passes: number): PeerRow[] {
  const rows: PeerRow[] = [];
  const paths = dockerfiles.map((file) => file.path);
  const base = (tool: string, pkg: string, checks: string) =>
    ({ tool, version: versionOf(pkg), kind: 'dockerfile', mode: 'process', files: dockerfiles.length, checks }) as const;

  const dflChecks = 'its rules (see the in-process row), on the files it does not crash on';
  const dfl = peerFile('dockerfilelint', 'bin/dockerfilelint');
  const dflApi = tryLoad<Dockerfilelint>('dockerfilelint');
  if (!dfl || typeof dflApi === 'string')
    rows.push(skippedRow('dockerfilelint', 'dockerfile', 'process', dflChecks, 'dockerfilelint not installed'));
  else {
    // One file it throws on ends its whole run, so those files (found in process) are left out and
    // counted as failed; files/s compares the rest.
    const lintable = dockerfiles.filter((file) => {
      try {
        dflApi.run(path.dirname(file.path), file.text);
        return true;
      } catch {
        return false;
      }
    });
    const failed = dockerfiles.length - lintable.length;
    const passesOrError = timeProcess(
      [dfl, '-j', ...lintable.map((file) => file.path)],
      passes,
      (stdout) => {
        try {
          const report = JSON.parse(stdout) as { totalIssues?: number };
          return { errors: failed, findings: report.totalIssues ?? 0 };
        } catch {
          return undefined;
        }
      },
      process.execPath,
      true,
    );
    rows.push(
      typeof passesOrError === 'string'
        ? skippedRow('dockerfilelint', 'dockerfile', 'process', dflChecks, passesOrError)
        : row({ ...base('dockerfilelint', 'dockerfilelint', dflChecks), files: lintable.length }, passesOrError),
    );
  }

  // tally is a Go binary (npm ships one per platform): it has only a process row.
  const tallyChecks = 'hadolint and BuildKit checks plus its own; registry checks off (--slow-checks off)';
  const tallyPkg = `@wharflab/tally-${process.platform}-${process.arch}`;
  const tally = peerFile(tallyPkg, process.platform === 'win32' ? 'bin/tally.exe' : 'bin/tally');
  if (!tally) rows.push(skippedRow('tally', 'dockerfile', 'process', tallyChecks, `${tallyPkg} not installed`));
  else {
    const passesOrError = timeProcess(
      ['lint', '--format', 'json', '--no-config', '--fail-level', 'none', '--slow-checks', 'off', ...paths],
      passes,
      (stdout) => {
        try {
          const report = JSON.parse(stdout) as { files?: { violations?: unknown[] }[] };
          const files = report.files ?? [];
          return {
            errors: 0,
            findings: files.reduce((sum, file) => sum + (file.violations?.length ?? 0), 0),
          };
        } catch {
          return undefined;
        }
      },
      tally,
    );
    rows.push(
      typeof passesOrError === 'string'
        ? skippedRow('tally', 'dockerfile', 'process', tallyChecks, passesOrError)
        : row(base('tally', tallyPkg, tallyChecks), passesOrError),
    );
  }
  return rows;
}

/** The rows as a Markdown table for RESULTS.md. */
export function formatPeerRows(rows: PeerRow[]): string[] {
  const lines = [
    '| Tool | Version | Kind | How | Files | Time | Files/s | Failed | Problems | Checks |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.skipped) {
      lines.push(
        `| ${r.tool} | ${r.version} | ${r.kind} | ${r.mode} | - | - | - | - | - | skipped: ${r.skipped.replace(/\s+/g, ' ').replace(/\|/g, '\\|')} |`,
      );
      continue;
    }
    lines.push(
      `| ${r.tool} | ${r.version} | ${r.kind} | ${r.mode} | ${r.files} | ${r.ms.toFixed(0)} ms | ${Math.round(r.filesPerSecond)} | ${r.errors} | ${r.findings ?? '-'} | ${r.checks} |`,
    );
  }
  return lines;
}
