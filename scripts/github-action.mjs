// The GitHub Action's one step (action.yml). Plain Node and the prebuilt bundle: nothing is
// installed on the runner. Inputs arrive as environment variables (never pasted into a shell
// script, where a path like `$(curl ...)` would run), and the CLI is spawned with an argument
// vector, so no input is ever parsed by a shell.
//
// What it does: lints once as JSON (counts, outputs, the job summary), once as SARIF when asked,
// and once in the chosen log format, whose exit code becomes the step's. GitHub shows at most 10
// annotations of each type per step, so the job summary lists every finding.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_DIR = process.env.GITHUB_ACTION_PATH || path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ACTION_DIR, 'dist', 'cli.js');
/** GitHub's per-step annotation limit, per type (error, warning, notice). */
export const ANNOTATION_LIMIT = 10;
/** The job summary takes up to 1 MiB per step; past this many rows the rest is counted, not listed. */
const SUMMARY_ROW_LIMIT = 2000;
const FORMATS = ['github', 'text', 'compact', 'json', 'sarif'];
const FAIL_ON = ['error', 'warning', 'info', 'hint', 'none'];

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

/** One path per line when the input has several lines (names with spaces), else split on spaces. */
export function splitPaths(text) {
  const parts = text.includes('\n') ? text.split('\n') : text.split(/[ \t]+/);
  return parts.map((part) => part.trim()).filter(Boolean);
}

function lint(args) {
  const result = spawnSync(process.execPath, [CLI, 'lint', ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return result;
}

const SEVERITY_BY_NUMBER = { 2: 'error', 1: 'warning' };

/**
 * Findings from the CLI's JSON: `shipshapeSeverity` holds the real level (ESLint's numeric
 * severity folds info and hint into warnings); suppressed findings sit in `suppressedMessages`.
 */
export function findingsOf(json, cwd) {
  const active = [];
  let suppressed = 0;
  for (const file of json) {
    const shown = path.isAbsolute(file.filePath) ? path.relative(cwd, file.filePath) || file.filePath : file.filePath;
    const display = shown.startsWith('..') ? file.filePath : shown.split(path.sep).join('/');
    suppressed += (file.suppressedMessages ?? []).length;
    for (const message of file.messages ?? []) {
      if (message.suppressed || (message.suppressions ?? []).length > 0) {
        suppressed++;
        continue;
      }
      const severity =
        message.shipshapeSeverity ??
        (typeof message.severity === 'string' ? message.severity : (SEVERITY_BY_NUMBER[message.severity] ?? 'warning'));
      active.push({
        file: display,
        line: message.line ?? 1,
        column: message.column ?? 1,
        severity,
        ruleId: message.ruleId,
        message: message.message,
      });
    }
  }
  return { active, suppressed };
}

/** Annotation type per severity, as the github format writes them. */
const ANNOTATION = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

function cell(text) {
  // Markdown table cell: no pipes, no line breaks, no HTML.
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryMarkdown({ active, suppressed }, files, format) {
  const count = (severity) => active.filter((f) => f.severity === severity).length;
  const perType = {};
  for (const finding of active) perType[ANNOTATION[finding.severity]] = (perType[ANNOTATION[finding.severity]] ?? 0) + 1;
  const capped = format === 'github' && Object.values(perType).some((n) => n > ANNOTATION_LIMIT);
  const lines = [
    '### Shipshape',
    '',
    active.length === 0
      ? `No problems found in ${files} file${files === 1 ? '' : 's'}.`
      : `${active.length} problem${active.length === 1 ? '' : 's'} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info') + count('hint')} info) in ${files} file${files === 1 ? '' : 's'}.`,
  ];
  if (suppressed > 0) lines.push('', `${suppressed} suppressed with a reason (not listed; see the JSON or SARIF output).`);
  if (capped)
    lines.push(
      '',
      `GitHub shows at most ${ANNOTATION_LIMIT} annotations of each type per step, so some findings have no annotation on the diff: all of them are listed here.`,
    );
  if (active.length > 0) {
    lines.push('', '| Severity | Location | Rule | Message |', '|---|---|---|---|');
    for (const f of active.slice(0, SUMMARY_ROW_LIMIT))
      lines.push(`| ${f.severity} | \`${cell(f.file)}:${f.line}:${f.column}\` | ${cell(f.ruleId ?? '')} | ${cell(f.message)} |`);
    if (active.length > SUMMARY_ROW_LIMIT) lines.push('', `... and ${active.length - SUMMARY_ROW_LIMIT} more (see the log).`);
  }
  return lines.join('\n') + '\n';
}

/** `name<<delimiter` blocks: safe for any value, newlines included. */
function writeOutputs(file, values) {
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(values)) {
    const delimiter = `shipshape_${crypto.randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  fs.appendFileSync(file, text);
}

/**
 * Code scanning opens an alert for every result it receives, whatever its `suppressions` say, so a
 * finding silenced in the code with a reason would come back as an open alert on every run: the
 * uploaded file leaves suppressed results out (they are counted in the summary and the
 * `suppressed` output, and listed with their reasons by `--format json`).
 */
export function withoutSuppressed(sarif) {
  for (const run of sarif.runs ?? []) run.results = (run.results ?? []).filter((r) => !(r.suppressions ?? []).length);
  return sarif;
}

function fail(message) {
  process.stdout.write(`::error title=Shipshape::${message.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}\n`);
  return 2;
}

export function main() {
  if (!fs.existsSync(CLI))
    return fail(
      `${CLI} is missing: this ref of the action has no built bundle. Use a release tag (they carry dist/), or build it in an earlier step (npm ci && npm run build in "$GITHUB_ACTION_PATH").`,
    );
  // Untrimmed: a trailing newline is what makes a one-path list (a name with spaces) a list.
  const paths = splitPaths(process.env.INPUT_PATHS ?? '.');
  const format = input('format', 'github');
  const failOn = input('fail-on', 'error');
  const config = input('config');
  const sarifFile = input('sarif-file');
  const summary = input('summary', 'true');
  if (!FORMATS.includes(format)) return fail(`format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  if (!FAIL_ON.includes(failOn)) return fail(`fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  // `--` ends the options: a path named `--fix` is a path.
  const common = [...(config ? ['--config', config] : []), '--', ...(paths.length > 0 ? paths : ['.'])];

  const json = lint(['--format', 'json', '--fail-on', 'none', ...common]);
  let parsed = [];
  try {
    parsed = JSON.parse(json.stdout || '[]');
  } catch {
    // A usage or config error prints no JSON; the run below shows it and fails the step.
  }
  const findings = findingsOf(parsed, process.cwd());
  let sarifPath = '';
  if (sarifFile) {
    const sarif = lint(['--format', 'sarif', '--fail-on', 'none', ...common]);
    if (sarif.status === 0 || sarif.status === 1) {
      const document = JSON.parse(sarif.stdout);
      sarifPath = path.resolve(sarifFile);
      fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
      fs.writeFileSync(sarifPath, JSON.stringify(withoutSuppressed(document), null, 2) + '\n');
    }
  }

  const shown = lint(['--format', format, '--fail-on', failOn, ...common]);
  process.stdout.write(shown.stdout);
  process.stderr.write(shown.stderr);

  const count = (severity) => findings.active.filter((f) => f.severity === severity).length;
  writeOutputs(process.env.GITHUB_OUTPUT, {
    findings: findings.active.length,
    errors: count('error'),
    warnings: count('warning'),
    notices: count('info') + count('hint'),
    suppressed: findings.suppressed,
    files: parsed.length,
    'sarif-file': sarifPath,
    'exit-code': shown.status ?? 2,
  });
  if (summary !== 'false' && process.env.GITHUB_STEP_SUMMARY)
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(findings, parsed.length, format));
  return shown.status ?? 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
