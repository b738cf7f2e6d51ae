// Runtime hardening advice at default settings: at most one `service-hardening` finding per
// Compose service (docs/adr/005-service-hardening.md). cap-drop-all, no-new-privileges and
// read-only-rootfs are off in the `recommended` preset; while a user has configured none of them,
// their checks run here as the *parts* of one finding per service. A part is one of those rules'
// own reports, so detection and fixes have one source; a user who configures a rule (or picks
// `strict`) gets that rule's findings on their own instead, and a suppression naming a part's id
// takes that part out of the service's finding.
import type { ComposeModel } from './compose/model';
import type { ShipshapeConfig } from './config';
import { TextIndex } from './text';
import type { Report, Rule } from './rule';
import { effectiveSetting, mayBeEnabled, presetSetting } from './severity';
import type { Finding, Fix, Range, TextEdit } from './types';

export const HARDENING_ID = 'service-hardening';

/**
 * What each part's finding says is wrong and the setting that fixes it, for the combined message.
 * The parts themselves are the rules whose metadata says `partOf: 'service-hardening'`.
 */
const PHRASES: Record<string, { risk: string; setting: string; then?: string }> = {
  'cap-drop-all': { risk: "keeps Docker's default capabilities", setting: 'cap_drop: [ALL]', then: 'cap_add what it needs' },
  'no-new-privileges': {
    risk: 'lets setuid binaries raise a process to root',
    setting: 'security_opt: [no-new-privileges:true]',
  },
  'read-only-rootfs': { risk: 'has a writable root filesystem', setting: 'read_only: true', then: 'tmpfs: where it writes' },
};

interface Group {
  service: string;
  parts: Finding[];
  combined: Finding;
}

export interface Hardening {
  /** Part and combined findings, to go through suppression matching with every other finding. */
  findings: Finding[];
  /** The part rules that ran, so a suppression naming one that matched nothing is reported unused. */
  ran: Rule[];
  /** After suppressions: folds each service's unsuppressed parts into its combined finding. */
  finish(findings: Finding[]): void;
}

interface CollectInput {
  model: ComposeModel;
  config: ShipshapeConfig;
  path: string | undefined;
  rules: readonly Rule[];
  /** Runs a rule's check the way the engine runs every rule (a throw becomes a finding). */
  runSafely(rule: Rule, run: () => void): void;
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

/** Whether a rule can be a part anywhere under this config: the preset leaves it off and some scope may too. */
function mayBePart(rule: Rule, config: ShipshapeConfig): boolean {
  if (presetSetting(rule, config.extends) !== 'off') return false;
  return config.rules[rule.id] === undefined || config.overrides.some((o) => o.rules[rule.id] !== undefined);
}

export function collectHardening(input: CollectInput): Hardening | undefined {
  const { model, config, rules } = input;
  const umbrella = rules.find((r) => r.id === HARDENING_ID);
  if (!umbrella || !mayBeEnabled(umbrella, config)) return undefined;
  // In registry order, which is the order the combined message and fix name them.
  const partRules = rules.filter((r) => r.partOf === HARDENING_ID && r.compose && mayBePart(r, config));
  if (partRules.length === 0) return undefined;

  const groups = new Map<string, Group>();
  const extra: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of partRules) {
    const report = (r: Report) => {
      const key = `${rule.id}:${rangeKey(r.range)}`;
      if (seen.has(key) || r.service === undefined) return;
      seen.add(key);
      const scope = { path: input.path, service: r.service };
      const own = effectiveSetting(rule, config, scope);
      // Turned on for this scope: the rule reports it itself, on its own.
      if (own.setting !== 'off') return;
      const part: Finding = {
        ruleId: rule.id,
        severity: 'info',
        message: r.message,
        range: r.range,
        fixes: (r.fixes ?? []).map((fix) =>
          fix.changesBehaviour === undefined && !fix.configChange ? { ...fix, changesBehaviour: true } : fix,
        ),
        service: r.service,
      };
      if (own.userSet) {
        // Turned off by the user: gone, or listed as suppressed when an override gave a reason.
        if (own.overrideReason) extra.push({ ...part, suppressed: { kind: 'override', justification: own.overrideReason } });
        return;
      }
      const group = groups.get(r.service);
      if (group) group.parts.push(part);
      else groups.set(r.service, { service: r.service, parts: [part], combined: part });
    };
    input.runSafely(rule, () =>
      rule.compose!({
        model,
        config,
        report,
      }),
    );
  }

  const findings: Finding[] = [...extra];
  const serviceKeys = new Map(model.services.map((s) => [s.name, s.key]));
  for (const [name, group] of groups) {
    const { setting, overrideReason } = effectiveSetting(umbrella, config, { path: input.path, service: name });
    if (setting === 'off' && !overrideReason) {
      groups.delete(name);
      continue;
    }
    const key = serviceKeys.get(name);
    // The range is fixed before suppressions are matched: the service's name when several
    // settings are missing, else where the one part points (a `read_only: false` line).
    const range = group.parts.length > 1 && key ? model.rangeOf(key) : group.parts[0]!.range;
    group.combined = {
      ruleId: HARDENING_ID,
      severity: setting === 'off' ? 'info' : setting,
      message: group.parts[0]!.message,
      range,
      fixes: [],
      service: name,
    };
    if (setting === 'off') group.combined.suppressed = { kind: 'override', justification: overrideReason! };
    findings.push(...group.parts, group.combined);
  }

  return {
    findings,
    ran: partRules,
    finish(all) {
      const drop = new Set<Finding>();
      for (const group of groups.values()) {
        const open = group.parts.filter((p) => !p.suppressed);
        for (const part of open) drop.add(part);
        if (open.length === 0) drop.add(group.combined);
        else fillCombined(group.combined, open, partRules, model.index);
      }
      let kept = 0;
      for (const finding of all) if (!drop.has(finding)) all[kept++] = finding;
      all.length = kept;
    },
  };
}

function fillCombined(combined: Finding, parts: Finding[], partRules: readonly Rule[], index: TextIndex): void {
  const order = (finding: Finding) => partRules.findIndex((r) => r.id === finding.ruleId);
  const ordered = [...parts].sort((a, b) => order(a) - order(b));
  const own = ordered.map((p) => ({ part: p, fix: p.fixes.find((f) => f.preferred && !f.configChange && f.edits.length > 0) }));
  if (ordered.length === 1) {
    combined.message = ordered[0]!.message;
    combined.fixes = ordered[0]!.fixes;
    return;
  }
  const phrases = ordered.map((p) => PHRASES[p.ruleId] ?? { risk: `misses ${p.ruleId}`, setting: `what ${p.ruleId} asks for` });
  const then = phrases.flatMap((p) => (p.then ? [p.then] : []));
  // The ids are how one setting is suppressed or configured on its own, so the message names them.
  combined.message =
    `Service "${combined.service}" ${joinWords(phrases.map((p) => p.risk))}; set ${joinWords(phrases.map((p) => p.setting))}` +
    `${then.length > 0 ? `, then ${joinWords(then)}` : ''} (rules ${ordered.map((p) => p.ruleId).join(', ')})`;
  const fixable = own.filter((o): o is { part: Finding; fix: Fix } => !!o.fix);
  const fixes: Fix[] = [];
  const merged =
    fixable.length > 1
      ? mergeEdits(
          fixable.map((o) => o.fix.edits),
          index,
        )
      : undefined;
  if (merged)
    fixes.push({
      title: joinWords(fixable.map((o, i) => (i === 0 ? o.fix.title : lowerFirst(o.fix.title)))),
      edits: merged,
      preferred: true,
      changesBehaviour: true,
    });
  // Each part's own fix stays on offer, for a service that can take some of the settings but not
  // all (a database that writes outside its volumes cannot have read_only).
  for (const { fix } of fixable) fixes.push({ ...fix, preferred: fixes.length === 0 });
  combined.fixes = fixes;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One set of edits doing what each part's fix does. Every part adds its key after the service's
 * last key, so their insertions meet at one point; two insertions at one point would conflict
 * (apply-edits.ts), so they become one insertion in part order. Undefined when edits overlap
 * otherwise: the parts' own fixes are then still offered one by one.
 */
export function mergeEdits(groups: readonly (readonly TextEdit[])[], index: TextIndex): TextEdit[] | undefined {
  const edits = groups.flatMap((group, order) =>
    group.map((e, i) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), text: e.newText, order, i })),
  );
  edits.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order || a.i - b.i);
  const result: { start: number; end: number; text: string }[] = [];
  for (const edit of edits) {
    const last = result[result.length - 1];
    if (last && last.start === last.end && edit.start === edit.end && edit.start === last.start) {
      last.text = joinInsertions(last.text, edit.text, index.eol);
      continue;
    }
    if (last && (edit.start < last.end || (edit.start === last.start && last.start !== last.end))) return undefined;
    result.push({ start: edit.start, end: edit.end, text: edit.text });
  }
  return result.map((e) => ({ range: index.range(e.start, e.end), newText: e.text }));
}

/** Two insertions at one point: whole lines stack; flow items need the comma between them. */
function joinInsertions(first: string, second: string, eol: string): string {
  if (first.endsWith(eol)) return first + (second.startsWith(eol) ? second.slice(eol.length) : second);
  if (first.trim() !== '' && !second.startsWith(',')) return `${first}, ${second}`;
  return first + second;
}
