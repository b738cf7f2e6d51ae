import type { ShipshapeConfig } from './config';
import { fileKind } from './file-kinds';
import { removeLines } from './fix';
import { quote } from './quote';
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

// Findings for unused suppression ids per file; a file of nothing but ids would otherwise make
// one finding (and one fix) per id, hundreds of thousands of them.
const MAX_UNUSED_FINDINGS = 1000;

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
  for (const [finding, comment] of matchComments(findings, comments)) {
    finding.suppressed = { kind: 'inline', justification: comment.reason };
    used.get(comment)!.add(finding.ruleId);
  }
  return unusedFindings(input, comments, used);
}

/**
 * For each finding not already suppressed, the first comment (in file order) that names its rule
 * and covers its line. A sweep per rule id over findings sorted by line, with the comments whose
 * scope has begun in a heap ordered by position in the file: O((findings + comments) log), where
 * asking every comment for every finding was quadratic.
 */
function matchComments(findings: Finding[], comments: SuppressionComment[]): Map<Finding, SuppressionComment> {
  const byRule = new Map<string, number[]>();
  comments.forEach((comment, order) => {
    for (const id of new Set(comment.ids)) {
      const list = byRule.get(id);
      if (list) list.push(order);
      else byRule.set(id, [order]);
    }
  });
  const findingsByRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.suppressed || !byRule.has(finding.ruleId)) continue;
    const list = findingsByRule.get(finding.ruleId);
    if (list) list.push(finding);
    else findingsByRule.set(finding.ruleId, [finding]);
  }
  const matched = new Map<Finding, SuppressionComment>();
  for (const [ruleId, ruleFindings] of findingsByRule) {
    const candidates = byRule
      .get(ruleId)!
      .slice()
      .sort((a, b) => comments[a]!.scope.first - comments[b]!.scope.first || a - b);
    ruleFindings.sort((a, b) => a.range.start.line - b.range.start.line);
    const active = new MinHeap();
    let next = 0;
    for (const finding of ruleFindings) {
      const line = finding.range.start.line;
      while (next < candidates.length && comments[candidates[next]!]!.scope.first <= line) active.push(candidates[next++]!);
      // Lines only increase, so a scope that ended before this line is done for good.
      while (active.size > 0 && comments[active.peek()]!.scope.last < line) active.pop();
      if (active.size > 0) matched.set(finding, comments[active.peek()]!);
    }
  }
  return matched;
}

/** A binary min-heap of numbers (comment positions). */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): void {
    const items = this.items;
    const last = items.pop()!;
    if (items.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
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
  let omitted = 0;
  // hadolint comments also serve hadolint itself, so they are never reported as unused.
  for (const comment of comments.filter((c) => c.kind === 'next' || c.kind === 'file')) {
    const stale = comment.ids
      .map((id, i) => ({ id, range: comment.idRanges[i]! }))
      .filter(({ id }) => id !== UNUSED && !used.get(comment)!.has(id) && !dormant.has(id));
    for (const { id, range } of stale) {
      if (result.length >= MAX_UNUSED_FINDINGS) {
        omitted++;
        continue;
      }
      const edit: TextEdit =
        stale.length === comment.ids.length
          ? removeLines(input.index, comment.line, comment.line)
          : removeId(input.index, comment, range);
      result.push({
        ruleId: UNUSED,
        severity: setting,
        message: !known.has(id)
          ? `Unknown rule id ${quote(id)} in a suppression comment: it silences nothing (see \`shipshape rules\`)`
          : !ran.has(id)
            ? `${id} does not apply to ${fileKind(input.kind).plural}, so this suppression silences nothing; remove it`
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
  if (omitted > 0) {
    const last = result[result.length - 1]!;
    result.push({
      ruleId: UNUSED,
      severity: setting,
      message: `File too complex: ${omitted} more suppression ids that silence nothing are not listed (the first ${MAX_UNUSED_FINDINGS} are)`,
      range: last.range,
      fixes: [],
    });
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
