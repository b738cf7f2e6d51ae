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

export interface DiagnosticData {
  ruleId: string;
  /** Document version the finding was computed for; code actions need the same text. */
  version: number;
  index: number;
}

export function toDiagnostic(finding: Finding, version: number, index: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, version, index };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: `${DOCS_BASE}/${finding.ruleId}.md` },
    message: finding.message,
    data,
  };
}

export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
