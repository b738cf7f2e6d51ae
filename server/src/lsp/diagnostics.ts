import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine';

export const SOURCE = 'shipshape';
export const DOCS_BASE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as the editor shows it. The rule's documentation link goes only to clients that can
 * show it: a large file publishes hundreds of diagnostics on every keystroke, so bytes count.
 */
export function toDiagnostic(finding: Finding, withDocsLink: boolean): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (withDocsLink) diagnostic.codeDescription = { href: `${DOCS_BASE}/${finding.ruleId}.md` };
  return diagnostic;
}

export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
