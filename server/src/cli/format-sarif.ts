// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: the full rule catalogue with help
// links, results with regions and fixes, and suppressed findings as `suppressions`.
import { NO_REDACTION, presetSetting, RULES, type Finding, type Rule, type Severity, type TextEdit } from '../engine';
import packageJson from '../../../package.json';
import type { FileResult } from './lint-files';

const DOCS = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules';

const LEVEL: Record<Severity | 'off', string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note', off: 'none' };
// GitHub ranks security alerts by this number (0-10): critical >= 9, high >= 7, medium >= 4.
const SECURITY_SEVERITY: Record<Severity | 'off', string> = {
  error: '8.0',
  warning: '5.5',
  info: '3.0',
  hint: '1.0',
  off: '1.0',
};

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: Rule) {
  const level = presetSetting(rule, 'recommended');
  const properties: Record<string, unknown> = {
    tags: [rule.category, ...(rule.refs.cwe ? [`external/cwe/${rule.refs.cwe.toLowerCase()}`] : [])],
    precision: 'high',
  };
  if (rule.category === 'security')
    properties['security-severity'] = SECURITY_SEVERITY[level === 'off' ? (rule.strictSeverity ?? 'info') : level];
  // SARIF1001: a name that equals the id (ignoring case, as for `sudo`) must be left out.
  const name = pascal(rule.id);
  return {
    id: rule.id,
    ...(name.toLowerCase() === rule.id ? {} : { name }),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why },
    helpUri: `${DOCS}/${rule.id}.md`,
    help: {
      text: `${rule.docs.why}\n\nFix: ${rule.docs.fix}`,
      markdown: `${rule.docs.why}\n\n**Fix:** ${rule.docs.fix}\n\n[Documentation](${DOCS}/${rule.id}.md)`,
    },
    defaultConfiguration: { level: LEVEL[level], enabled: level !== 'off' },
    properties,
  };
}

function region(range: Finding['range']) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function replacement(edit: TextEdit) {
  return { deletedRegion: region(edit.range), insertedContent: { text: edit.newText } };
}

export function formatSarif(results: FileResult[]): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  const sarifResults = results.flatMap((file) =>
    file.findings.map((finding) => {
      const location = { artifactLocation: { uri: encodeURI(file.displayPath), uriBaseId: 'SRCROOT' } };
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { ...location, region: region(finding.range) } }],
      };
      const index = ruleIndex.get(finding.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      const redact = file.redact ?? NO_REDACTION;
      const fixes = finding.fixes
        // Code scanning shows fix text on the pull request: a fix that writes a secret is left out.
        .filter((fix) => !fix.configChange && fix.edits.length > 0 && fix.edits.every((e) => redact(e.newText) === e.newText))
        .map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [{ artifactLocation: location.artifactLocation, replacements: fix.edits.map(replacement) }],
          // A property bag, so code-scanning tools can tell a fix to review from one to apply.
          ...(fix.changesBehaviour ? { properties: { changesBehaviour: true } } : {}),
        }));
      if (fixes.length > 0) result.fixes = fixes;
      if (finding.suppressed) {
        result.suppressions = [
          {
            kind: finding.suppressed.kind === 'inline' ? 'inSource' : 'external',
            justification: finding.suppressed.justification || 'no reason given',
          },
        ];
      }
      return result;
    }),
  );
  const notifications = results
    .filter((file) => file.error || file.skipped)
    .map((file) => ({
      level: file.error ? 'error' : 'note',
      message: { text: `${file.displayPath}: ${file.error ?? `skipped: ${file.skipped}`}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file.displayPath), uriBaseId: 'SRCROOT' } } }],
    }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Shipshape',
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: 'https://github.com/shipshape-dev/shipshape',
            rules: RULES.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: !results.some((file) => file.error), toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
