import { TextIndex } from './text';
import type { Finding, Fix, TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Overlapping edits conflict, and so do two insertions at one point: their order decides the
 * result (a key for the service vs a key for the list item above it, both at the end of the
 * file), so the second waits for the next pass, which computes it against the new text.
 */
function conflicts(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

export interface AppliedFixes {
  text: string;
  /** The edits taken, in the original text's coordinates (for an editor's WorkspaceEdit). */
  edits: TextEdit[];
  /** How many fixes were applied whole. */
  applied: number;
  /** Fixes left out because an edit overlapped a fix already taken; a second pass can take them. */
  skipped: number;
}

/**
 * Applies groups of edits (one group per fix) to a text. A group is taken whole or not at all:
 * one whose edit overlaps an edit already taken is skipped, so fixes never interleave.
 */
export function applyFixes(text: string, groups: readonly (readonly TextEdit[])[]): AppliedFixes {
  const index = new TextIndex(text);
  const taken: OffsetEdit[] = [];
  const takenEdits: TextEdit[] = [];
  let applied = 0;
  let skipped = 0;
  for (const group of groups) {
    // Several findings may share one edit (one SHELL line fixes every RUN of a stage): take it once.
    const edits = group
      .map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), text: e.newText }))
      .filter((e) => !taken.some((t) => t.start === e.start && t.end === e.end && t.text === e.text));
    if (edits.some((e) => taken.some((t) => conflicts(e, t)))) {
      skipped++;
      continue;
    }
    taken.push(...edits);
    takenEdits.push(...edits.map((e) => ({ range: index.range(e.start, e.end), newText: e.text })));
    applied++;
  }
  // Stable sort keeps insertion order for insertions at the same offset.
  taken.sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const edit of taken) {
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return { text: result + text.slice(cursor), edits: takenEdits, applied, skipped };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applyFixes(text, [edits]).text;
}

/** The fix "fix all" would apply to a finding: its preferred document fix, if any. */
export function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.preferred && !f.configChange && f.edits.length > 0);
}

export interface FixAllOptions {
  /** Also apply fixes that change how the image builds or the container runs (`--unsafe-fixes`). */
  unsafe?: boolean;
}

/** The edits of each unsuppressed finding's preferred document fix, one group per fix. */
export function preferredFixGroups(findings: readonly Finding[], options: FixAllOptions = {}): TextEdit[][] {
  const groups: TextEdit[][] = [];
  for (const finding of findings) {
    if (finding.suppressed) continue;
    const fix = preferredFix(finding);
    if (fix && (options.unsafe || !fix.changesBehaviour)) groups.push(fix.edits);
  }
  return groups;
}

/** Unsuppressed findings whose preferred fix changes behaviour, so a safe fix-all leaves them. */
export function unsafeFixCount(findings: readonly Finding[]): number {
  return findings.filter((finding) => !finding.suppressed && preferredFix(finding)?.changesBehaviour).length;
}
