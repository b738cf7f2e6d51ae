// GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.
import type { FileResult } from './lint-files';
import { terminalSafe } from './terminal-safe';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/**
 * Workflow-command escaping (actions/toolkit): data and property values differ. `%`, CR and LF
 * are encoded as the runner expects, so no value can end the command's line and start another;
 * other control characters (ESC, C1) become visible escapes for anyone reading the raw log.
 */
function escapeData(text: string): string {
  return terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: FileResult[]): string {
  const lines: string[] = [];
  for (const file of results) {
    if (file.error) lines.push(`::error file=${escapeProperty(file.displayPath)}::${escapeData(file.error)}`);
    for (const finding of file.findings) {
      if (finding.suppressed) continue;
      const { start, end } = finding.range;
      const properties = [
        `file=${escapeProperty(file.displayPath)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        `endColumn=${end.character + 1}`,
        `title=${escapeProperty(`Shipshape ${finding.ruleId}`)}`,
      ].join(',');
      lines.push(`::${COMMAND[finding.severity]} ${properties}::${escapeData(finding.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
