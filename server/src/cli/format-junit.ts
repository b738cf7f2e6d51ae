// JUnit XML for CI test-report views (GitLab, Jenkins, Azure Pipelines): one suite per file, one
// test case per finding. A finding at or above --fail-on is a failed test, as it fails the build;
// one below it is a passing case that carries its message, so nothing is hidden and nothing lower
// than the team's bar turns the report red. A clean file is one passing case.
import { severityRank, type Severity } from '../engine';
import type { FileResult } from './lint-files';
import { xmlText } from './xml';

export function formatJunit(results: FileResult[], failOn: Severity | 'none'): string {
  const fails = (severity: Severity) => failOn !== 'none' && severityRank(severity) >= severityRank(failOn);
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  for (const file of results) {
    const name = xmlText(file.displayPath);
    const cases: string[] = [];
    let failures = 0;
    if (file.error) {
      cases.push(`    <testcase name="${name}" classname="shipshape"><error message="${xmlText(file.error)}"/></testcase>`);
      totalErrors++;
    }
    for (const finding of file.findings) {
      if (finding.suppressed) continue;
      const where = `${file.displayPath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const caseName = xmlText(`${finding.ruleId} at ${where}`);
      const detail = xmlText(`${where} ${finding.severity} ${finding.message} [${finding.ruleId}]`);
      if (fails(finding.severity)) {
        failures++;
        cases.push(
          `    <testcase name="${caseName}" classname="${name}"><failure message="${xmlText(finding.message)}" type="${finding.severity}">${detail}</failure></testcase>`,
        );
      } else {
        cases.push(`    <testcase name="${caseName}" classname="${name}"><system-out>${detail}</system-out></testcase>`);
      }
    }
    if (cases.length === 0) cases.push(`    <testcase name="${name}" classname="shipshape"/>`);
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="${file.error ? 1 : 0}" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shipshape" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
