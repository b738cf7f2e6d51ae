// Human output, grouped by file: `path:line:col severity message [rule]` (editors and terminals
// make it clickable), a code frame with the offending line and a caret underline, then a summary.
// `compact` drops the frames: one line per finding, for grep and old CI logs.
import { NO_REDACTION, preferredFix, TextIndex, type Finding, type Severity } from '../engine';
import type { FileResult } from './lint-files';
import { terminalSafe, terminalSafeFrame, terminalSafePath } from './terminal-safe';

export interface TextStyle {
  color: boolean;
  /** One line per finding, no code frame. */
  compact?: boolean;
}

// Frames show the finding's first line only, cut to a readable width around the problem.
const FRAME_WIDTH = 120;

function codeFrame(index: TextIndex, finding: Finding, style: TextStyle): string[] {
  const { start, end } = finding.range;
  // File text: control characters shown as same-width pictures, so the caret still lines up.
  const source = terminalSafeFrame(index.lineText(start.line).replace(/\t/g, ' '));
  const from = Math.max(0, Math.min(start.character - 20, source.length - FRAME_WIDTH));
  const shown = source.slice(from, from + FRAME_WIDTH);
  const lastColumn = end.line === start.line ? end.character : source.length;
  const width = Math.max(1, Math.min(lastColumn, from + FRAME_WIDTH) - start.character);
  const gutter = String(start.line + 1);
  const caret = ' '.repeat(Math.max(0, start.character - from)) + '^'.repeat(width);
  return [
    `  ${paint(style, 'dim', `${gutter} |`)} ${from > 0 ? '…' : ''}${shown}`,
    `  ${' '.repeat(gutter.length)} ${paint(style, 'dim', '|')} ${from > 0 ? ' ' : ''}${paint(style, finding.severity, caret)}`,
  ];
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'green', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  hint: [90, 39],
  dim: [2, 22],
  bold: [1, 22],
  green: [32, 39],
};

function paint(style: TextStyle, kind: keyof typeof COLORS, text: string): string {
  if (!style.color) return text;
  const [open, close] = COLORS[kind];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function formatText(results: FileResult[], style: TextStyle): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let suppressed = 0;
  let filesWithProblems = 0;
  const fixable = { safe: 0, unsafe: 0 };
  for (const result of results) {
    // Paths and messages quote files and config: escaped, so they cannot start lines or drive the terminal.
    const displayPath = terminalSafePath(result.displayPath);
    if (result.error) lines.push(`${displayPath}: ${paint(style, 'error', 'error')} ${terminalSafe(result.error)}`);
    if (result.skipped) lines.push(`${displayPath}: ${paint(style, 'dim', `skipped: ${terminalSafe(result.skipped)}`)}`);
    let shown = 0;
    const index = !style.compact && result.text !== undefined ? new TextIndex(result.text) : undefined;
    // Never echo a line that holds a secret: no frame for lines secret-in-env reports on, nor for
    // any line the redaction layer would change.
    const secretLines = new Set(
      result.findings.filter((f) => f.ruleId === 'secret-in-env').flatMap((f) => [f.range.start.line, f.range.end.line]),
    );
    const redact = result.redact ?? NO_REDACTION;
    for (const finding of result.findings) {
      if (finding.suppressed) {
        suppressed++;
        continue;
      }
      shown++;
      counts[finding.severity]++;
      const fix = preferredFix(finding);
      if (fix) fixable[fix.changesBehaviour ? 'unsafe' : 'safe']++;
      const where = `${displayPath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      lines.push(
        `${where} ${paint(style, finding.severity, finding.severity)} ${terminalSafe(finding.message)} ${paint(style, 'dim', `[${finding.ruleId}]`)}`,
      );
      const line = finding.range.start.line;
      if (index && line < index.lineCount && !secretLines.has(line) && redact(index.lineText(line)) === index.lineText(line)) {
        lines.push(...codeFrame(index, finding, style));
      }
    }
    if (shown > 0) {
      filesWithProblems++;
      if (index) lines.push('');
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const linted = results.filter((r) => !r.error && !r.skipped).length;
  const failed = results.filter((r) => r.error).length;
  if (total === 0 && failed > 0) {
    // A file that could not be read is no clean file: never end such a run with "No problems found".
    lines.push(
      paint(style, 'bold', `✖ ${plural(failed, 'file')} could not be linted`) +
        (linted > 0 ? `; no problems in ${plural(linted, 'other file')}` : ''),
    );
  } else if (total === 0) {
    lines.push(
      paint(style, 'green', `✔ No problems found in ${plural(linted, 'file')}`) +
        (suppressed ? ` (${suppressed} suppressed)` : ''),
    );
  } else {
    const parts = (['error', 'warning', 'info', 'hint'] as const)
      .filter((severity) => counts[severity] > 0)
      .map((severity) =>
        severity === 'error' || severity === 'warning' ? plural(counts[severity], severity) : `${counts[severity]} ${severity}`,
      );
    const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(filesWithProblems, 'file')}, ${plural(linted, 'file')} linted`;
    lines.push(paint(style, 'bold', summary) + (suppressed ? ` (${suppressed} suppressed)` : ''));
    const hints = [
      fixable.safe > 0 ? `${fixable.safe} fixable with --fix` : '',
      fixable.unsafe > 0
        ? `${fixable.unsafe} ${fixable.safe > 0 ? 'more' : 'fixable'} with --fix --unsafe-fixes (those change how the image builds or the container runs: review them)`
        : '',
    ].filter(Boolean);
    if (hints.length > 0) lines.push(`  ${hints.join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
