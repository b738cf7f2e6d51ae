// GitLab Code Quality report (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// an array of issues that merge requests show inline and compare between branches by fingerprint.
import type { Severity } from '../engine';
import { fingerprinter } from './finding-fingerprint';
import type { FileResult } from './lint-files';

const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = {
  hint: 'info',
  info: 'minor',
  warning: 'major',
  error: 'critical',
};

export function formatGitlab(results: FileResult[]): string {
  const issues = results.flatMap((file) => {
    const fingerprint = fingerprinter(file);
    return file.findings.flatMap((finding) => {
      const id = fingerprint(finding);
      if (finding.suppressed) return [];
      return [
        {
          type: 'issue',
          engine_name: 'shipshape',
          check_name: finding.ruleId,
          description: finding.message,
          severity: GITLAB_SEVERITY[finding.severity],
          fingerprint: id,
          location: {
            path: file.displayPath,
            lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 },
          },
        },
      ];
    });
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
