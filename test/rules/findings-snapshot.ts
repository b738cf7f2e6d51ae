// The `.findings` snapshot of a rule fixture: what the rules say about it, one finding per line,
// so a change to a message, column, severity or fix title shows up as a reviewable diff.
// Format (test/rules/README.md):
//   3:1-3:21 warning root-user: The image runs as root ...
//     fix (preferred, safe): Add "USER app"
import { createPatch } from 'diff';
import type { Finding, Fix } from '../../server/src/engine';

export const UPDATE_COMMAND = 'npm run test:update-snapshots';

export function findingsPathFor(fixtureFile: string): string {
  return `${fixtureFile}.findings`;
}

function position(p: { line: number; character: number }): string {
  return `${p.line + 1}:${p.character + 1}`;
}

// One finding per line keeps diffs line-aligned even if a message ever spans lines.
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function safetyOf(fix: Fix): string {
  if (fix.configChange) return 'config';
  return fix.changesBehaviour ? 'changes behaviour' : 'safe';
}

function formatFix(fix: Fix): string {
  const traits = [...(fix.preferred ? ['preferred'] : []), safetyOf(fix)];
  return `  fix (${traits.join(', ')}): ${oneLine(fix.title)}`;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

/** The snapshot text; "(no findings)" rather than an empty file, so a clean fixture is visibly so. */
export function formatFindings(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const finding of [...findings].sort(compareFindings)) {
    const { start, end } = finding.range;
    lines.push(`${position(start)}-${position(end)} ${finding.severity} ${finding.ruleId}: ${oneLine(finding.message)}`);
    // Fix order is kept: it is the order the editor lists the quick fixes in.
    for (const fix of finding.fixes) lines.push(formatFix(fix));
  }
  return (lines.length ? lines.join('\n') : '(no findings)') + '\n';
}

export function snapshotMismatch(file: string, stored: string | undefined, actual: string): string {
  const how = `If the change is intended, run \`${UPDATE_COMMAND}\` (or UPDATE_SNAPSHOTS=1 with mocha) and commit the updated snapshot.`;
  if (stored === undefined) return `missing snapshot ${file}. ${how}\nIt would hold:\n${actual}`;
  const patch = createPatch(file, stored, actual, 'snapshot', 'now').split('\n').slice(2).join('\n');
  return `${file} differs from what the rules say now. ${how}\n${patch}`;
}
