import type { ShipshapeConfig } from './config';
import { removeLines } from './fix';
import type { Rule } from './rule';
import { effectiveSetting } from './severity';
import { findSuppressions, type SuppressionComment } from './suppress';
import type { TextIndex } from './text';
import type { FileKind, Finding, TextEdit } from './types';

interface SuppressionInput {
  findings: Finding[];
  index: TextIndex;
  scopeOf: (line: number) => { first: number; last: number };
  rules: readonly Rule[];
  /** Rules that ran on this file. */
  active: readonly Rule[];
  config: ShipshapeConfig;
  path: string | undefined;
  kind: FileKind;
}

const UNUSED = 'unused-suppression';

/**
 * Marks findings silenced by comments (they stay listed, with the comment's reason) and returns
 * the unused-suppression findings for comments that silenced nothing.
 */
// hadolint code -> our rule ids, per rule list (the registry's list is the same on every lint).
const hadolintIndexes = new WeakMap<readonly Rule[], Map<string, string[]>>();

function hadolintIndex(rules: readonly Rule[]): Map<string, string[]> {
  let byHadolint = hadolintIndexes.get(rules);
  if (!byHadolint) {
    byHadolint = new Map();
    for (const rule of rules)
      for (const code of rule.refs.hadolint ?? []) byHadolint.set(code, [...(byHadolint.get(code) ?? []), rule.id]);
    hadolintIndexes.set(rules, byHadolint);
  }
  return byHadolint;
}

export function applySuppressions(input: SuppressionInput): Finding[] {
  const { findings, index, rules } = input;
  const byHadolint = hadolintIndex(rules);
  const comments = findSuppressions(index, (code) => byHadolint.get(code) ?? [], input.scopeOf);
  if (comments.length === 0) return [];
  const used = new Map<SuppressionComment, Set<string>>(comments.map((c) => [c, new Set()]));

  for (const finding of findings) {
    if (finding.suppressed) continue;
    const line = finding.range.start.line;
    const comment = comments.find((c) => c.ids.includes(finding.ruleId) && c.scope.first <= line && line <= c.scope.last);
    if (!comment) continue;
    finding.suppressed = { kind: 'inline', justification: comment.reason };
    used.get(comment)!.add(finding.ruleId);
  }
  return unusedFindings(input, comments, used);
}

function unusedFindings(
  input: SuppressionInput,
  comments: SuppressionComment[],
  used: Map<SuppressionComment, Set<string>>,
): Finding[] {
  const rule = input.rules.find((r) => r.id === UNUSED);
  if (!rule) return [];
  const { setting } = effectiveSetting(rule, input.config, { path: input.path });
  if (setting === 'off') return [];
  const known = new Set(input.rules.map((r) => r.id));
  const ran = new Set(input.active.map((r) => r.id));
  // Rules for this kind of file that are turned off here: their suppressions may be used elsewhere.
  const dormant = new Set(input.rules.filter((r) => r.targets.includes(input.kind) && !ran.has(r.id)).map((r) => r.id));
  const result: Finding[] = [];
  // hadolint comments also serve hadolint itself, so they are never reported as unused.
  for (const comment of comments.filter((c) => c.kind === 'next' || c.kind === 'file')) {
    const stale = comment.ids
      .map((id, i) => ({ id, range: comment.idRanges[i]! }))
      .filter(({ id }) => id !== UNUSED && !used.get(comment)!.has(id) && !dormant.has(id));
    for (const { id, range } of stale) {
      const edit: TextEdit =
        stale.length === comment.ids.length
          ? removeLines(input.index, comment.line, comment.line)
          : removeId(input.index, comment, range);
      result.push({
        ruleId: UNUSED,
        severity: setting,
        message: !known.has(id)
          ? `Unknown rule id "${id}" in a suppression comment: it silences nothing (see \`shipshape rules\`)`
          : !ran.has(id)
            ? `${id} does not apply to ${input.kind === 'compose' ? 'Compose files' : 'Dockerfiles'}, so this suppression silences nothing; remove it`
            : `This suppression of ${id} matches no ${id} finding; remove it`,
        range,
        fixes: [
          {
            title: stale.length === comment.ids.length ? 'Remove the suppression comment' : `Remove ${id} from the comment`,
            edits: [edit],
            preferred: true,
          },
        ],
      });
    }
  }
  // `# shipshape-ignore-file unused-suppression` quiets these too.
  const fileWide = comments.find((c) => c.kind === 'file' && c.ids.includes(UNUSED));
  if (fileWide) for (const finding of result) finding.suppressed = { kind: 'inline', justification: fileWide.reason };
  return result;
}

/** Removes one id and the comma next to it from `# shipshape-ignore a, b -- why`. */
function removeId(
  index: TextIndex,
  comment: SuppressionComment,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): TextEdit {
  const text = index.lineText(comment.line);
  let start = range.start.character;
  let end = range.end.character;
  const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t';
  // Take the comma after the id (and spaces around it), or else the one before it.
  let after = end;
  while (isSpace(text[after])) after++;
  if (text[after] === ',') {
    after++;
    while (isSpace(text[after])) after++;
    end = after;
  } else {
    let before = start;
    while (isSpace(text[before - 1])) before--;
    if (text[before - 1] === ',') {
      before--;
      while (isSpace(text[before - 1])) before--;
      start = before;
    }
  }
  return { range: { start: { line: comment.line, character: start }, end: { line: comment.line, character: end } }, newText: '' };
}
