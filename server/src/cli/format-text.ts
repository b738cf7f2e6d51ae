// Human output: `path:line:col severity message [rule]`, then a summary line.
import type { Severity } from '../engine';
import type { FileResult } from './lint-files';

export interface TextStyle {
  color: boolean;
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
  for (const result of results) {
    if (result.error) lines.push(`${result.displayPath}: ${paint(style, 'error', 'error')} ${result.error}`);
    if (result.skipped) lines.push(`${result.displayPath}: ${paint(style, 'dim', `skipped: ${result.skipped}`)}`);
    let shown = 0;
    for (const finding of result.findings) {
      if (finding.suppressed) {
        suppressed++;
        continue;
      }
      shown++;
      counts[finding.severity]++;
      const where = `${result.displayPath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      lines.push(
        `${where} ${paint(style, finding.severity, finding.severity)} ${finding.message} ${paint(style, 'dim', `[${finding.ruleId}]`)}`,
      );
    }
    if (shown > 0) filesWithProblems++;
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const linted = results.filter((r) => !r.error && !r.skipped).length;
  if (total === 0) {
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
  }
  return lines.join('\n') + '\n';
}
