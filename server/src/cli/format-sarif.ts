// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: the full rule catalogue with help
// links, results with regions and fixes, and suppressed findings as `suppressions`.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NO_REDACTION, presetSetting, RULES, type Finding, type Rule, type Severity, type TextEdit } from '../engine';
import packageJson from '../../../package.json';
import { fingerprinter } from './finding-fingerprint';
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

export interface SarifOptions {
  /** Paths inside it are relative to SRCROOT; others are absolute file URIs. */
  cwd: string;
  /**
   * Keep suppressed findings as results with `suppressions`. GitHub code scanning ignores SARIF
   * suppressions and would open an alert for each, so by default they are left out (and counted
   * in the run's properties); other SARIF viewers honour them.
   */
  includeSuppressed?: boolean;
}

/** A relative URI under SRCROOT for files below the working directory, an absolute file URI otherwise (SARIF1004). */
function artifactLocation(file: FileResult, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file.path);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative))
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(file.path).href };
}

export function formatSarif(results: FileResult[], options: SarifOptions = { cwd: process.cwd() }): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  let suppressedLeftOut = 0;
  const sarifResults = results.flatMap((file) => {
    const fingerprint = fingerprinter(file);
    return file.findings.flatMap((finding) => {
      const id = fingerprint(finding);
      if (finding.suppressed && !options.includeSuppressed) {
        suppressedLeftOut++;
        return [];
      }
      const location = { artifactLocation: artifactLocation(file, options.cwd) };
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { ...location, region: region(finding.range) } }],
        partialFingerprints: { 'shipshapeFindingHash/v1': id },
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
      return [result];
    });
  });
  const notifications = results
    .filter((file) => file.error || file.skipped)
    .map((file) => ({
      level: file.error ? 'error' : 'note',
      message: { text: `${file.displayPath}: ${file.error ?? `skipped: ${file.skipped}`}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, options.cwd) } }],
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
        automationDetails: { id: 'shipshape/' },
        originalUriBaseIds: {
          SRCROOT: { uri: pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep).href },
        },
        invocations: [
          {
            executionSuccessful: !results.some((file) => file.error),
            toolExecutionNotifications: notifications,
            ...(suppressedLeftOut > 0 ? { properties: { suppressedResultsLeftOut: suppressedLeftOut } } : {}),
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
