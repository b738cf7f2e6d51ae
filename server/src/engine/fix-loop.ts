// "Fix all": the one loop the CLI's --fix, the editor's fix-all actions and anything else that
// applies every preferred fix share, so they cannot end on different texts.
import { diffLines } from 'diff';
import { applyFixes, preferredFixGroups, type FixAllOptions } from './apply-edits';
import { combineRedactors, NO_REDACTION, type Redactor } from './redaction';
import { TextIndex } from './text';
import type { LintResult, TextEdit } from './types';

// Fixes whose edits overlap one already taken wait for the next pass, which lints the text the
// previous pass produced; a fix that keeps producing new findings must not loop for ever.
export const MAX_FIX_PASSES = 5;

export interface FixedText {
  /** The text after every pass (the input text when no fix applied). */
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Passes that changed the text. */
  passes: number;
  /** The lint of `text`: the first lint when nothing changed. */
  result: LintResult;
  /**
   * Masks the secrets of every text the loop linted: a fix can move a secret to where the first
   * lint's redactor would not look for it (a diff line, a fix text).
   */
  redact: Redactor;
  /** The edits that turn the input text into `text`, in the input's coordinates (an editor's WorkspaceEdit). */
  edits: TextEdit[];
}

/**
 * Applies the preferred fixes of `first` (the lint of `text`), re-lints with `lintText` and goes
 * on while a pass changes the text. Pure: `lintText` is the caller's lint of a text with the
 * file's config and reader.
 */
export function fixAll(
  text: string,
  first: LintResult,
  lintText: (text: string) => LintResult,
  options: FixAllOptions = {},
): FixedText {
  let result = first;
  let current = text;
  let applied = 0;
  let passes = 0;
  let firstEdits: TextEdit[] = [];
  const redactors = [first.redact ?? NO_REDACTION];
  while (passes < MAX_FIX_PASSES && !result.skipped) {
    const groups = preferredFixGroups(result.findings, options);
    if (groups.length === 0) break;
    const next = applyFixes(current, groups);
    if (next.text === current) break;
    if (passes === 0) firstEdits = next.edits;
    passes++;
    applied += next.applied;
    current = next.text;
    result = lintText(current);
    redactors.push(result.redact ?? NO_REDACTION);
  }
  // One pass: the fixes' own edits, as the rules wrote them. Later passes' edits are in the
  // coordinates of texts the editor never had: the change is then described as a line diff.
  const edits = passes <= 1 ? firstEdits : lineEdits(text, current);
  return { text: current, applied, passes, result, redact: combineRedactors(redactors), edits };
}

/** Edits that turn `before` into `after`, one per run of changed lines. */
export function lineEdits(before: string, after: string): TextEdit[] {
  const index = new TextIndex(before);
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; newText: string } | undefined;
  const flush = () => {
    if (pending) edits.push({ range: index.range(pending.start, pending.end), newText: pending.newText });
    pending = undefined;
  };
  for (const change of diffLines(before, after)) {
    if (!change.added && !change.removed) {
      flush();
      offset += change.value.length;
      continue;
    }
    pending ??= { start: offset, end: offset, newText: '' };
    if (change.removed) {
      offset += change.value.length;
      pending.end = offset;
    } else pending.newText += change.value;
  }
  flush();
  return edits;
}
