// Checkstyle XML, the lingua franca of CI linters (Jenkins Warnings NG, reviewdog -f=checkstyle,
// SonarQube importers): one <file> per linted file, one <error> per finding.
import type { Severity } from '../engine';
import type { FileResult } from './lint-files';
import { xmlText } from './xml';

const CHECKSTYLE_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

export function formatCheckstyle(results: FileResult[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const file of results) {
    lines.push(`  <file name="${xmlText(file.displayPath)}">`);
    if (file.error)
      lines.push(`    <error line="1" column="1" severity="error" message="${xmlText(file.error)}" source="shipshape"/>`);
    for (const finding of file.findings) {
      if (finding.suppressed) continue;
      lines.push(
        `    <error line="${finding.range.start.line + 1}" column="${finding.range.start.character + 1}" severity="${CHECKSTYLE_SEVERITY[finding.severity]}" message="${xmlText(finding.message)}" source="shipshape.${xmlText(finding.ruleId)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}
