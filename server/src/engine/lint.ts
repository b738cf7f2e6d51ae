import { DEFAULT_CONFIG, type EffectiveSetting, type ShipshapeConfig } from './config';
import type { Report, Rule } from './rule';
import { fileKind } from './file-kinds';
import { rulesForKind } from './file-kinds/implementations';
import { effectiveSetting, mayBeEnabled } from './severity';
import { applySuppressions } from './apply-suppressions';
import type { FileKind, Finding, Fix, LintInput, LintResult, Severity } from './types';
import { RangeSet } from './range-set';
import type { ParsedFile } from './parsed';
import { truncate } from './quote';
import { redactFindings, SecretCollector } from './redaction';
import { sliceReports, type SliceMemory } from './slice-reuse';
import type { FileKindModule } from './file-kinds/kind';

const BINARY_PROBE_LENGTH = 8192;
// Longest message a finding carries: several quoted values (each at most 120 characters) and the advice.
const MAX_MESSAGE_LENGTH = 2000;

/** Why a text is not linted at all, or undefined when it is lintable. */
export function skipReason(text: string, config: ShipshapeConfig): string | undefined {
  if (text.slice(0, BINARY_PROBE_LENGTH).includes('\u0000')) return 'binary file (contains NUL bytes); not linted';
  // A UTF-16 code unit is at most three bytes of UTF-8 (a lone surrogate becomes U+FFFD): a text
  // that short is within the limit without measuring it.
  if (text.length * 3 <= config.maxFileSize) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > config.maxFileSize) return oversizeReason(config.maxFileSize, bytes);
  return undefined;
}

/**
 * The skip reason for a file over maxFileSize, worded alike whether the engine measured the text
 * or the reader stopped early (then the size may be unknown).
 */
export function oversizeReason(limit: number, bytes?: number): string {
  const size = bytes === undefined ? '' : ` ${formatBytes(bytes)},`;
  return `file is${size} over the ${formatBytes(limit)} limit (maxFileSize); not linted`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function withSafety(rule: Rule, fixes: Fix[]): Fix[] {
  if (rule.fixes === 'safe' || !fixes.some(unmarked)) return fixes;
  return fixes.map((fix) => (unmarked(fix) ? { ...fix, changesBehaviour: true } : fix));
}

/** A fix that says nothing about changing behaviour (a config change never does). */
const unmarked = (fix: Fix) => fix.changesBehaviour === undefined && !fix.configChange;

/**
 * A rule's setting for each of its findings. The lint's path is fixed, so only a finding's own
 * severity and, where an override names services, its service can change the answer: it is worked
 * out once per severity (and service) instead of once per finding (thousands on a large file). One
 * per lint, remembering the answers for the rule last asked about (checks run one at a time).
 */
class RuleSettings {
  private rule: Rule | undefined;
  private byService = false;
  // Most rules report at one severity per file: the first answer is kept apart, a map made for a second.
  private firstKey: string | undefined;
  private first: EffectiveSetting | undefined;
  private known: Map<string, EffectiveSetting> | undefined;

  constructor(
    private readonly config: ShipshapeConfig,
    private readonly path: string | undefined,
  ) {}

  of(rule: Rule, severity: Severity | undefined, service: string | undefined): EffectiveSetting {
    if (rule !== this.rule) {
      this.rule = rule;
      this.byService = false;
      for (const override of this.config.overrides)
        if (override.services && override.rules[rule.id] !== undefined) this.byService = true;
      this.firstKey = undefined;
      this.first = undefined;
      this.known = undefined;
    }
    const key = this.byService ? `${severity ?? ''}:${service ?? ''}` : (severity ?? '');
    if (key === this.firstKey) return this.first!;
    let setting = this.known?.get(key);
    if (setting === undefined) {
      setting = effectiveSetting(rule, this.config, { path: this.path, service }, severity);
      if (this.firstKey === undefined) {
        this.firstKey = key;
        this.first = setting;
      } else (this.known ??= new Map()).set(key, setting);
    }
    return setting;
  }
}

/**
 * The rules of the list that target the kind and that some scope of the config may enable, by
 * list, config and kind: the same answer for every file linted with them (hundreds per CLI run,
 * every keystroke in the editor), so it is worked out once, not per rule per file. Configs are
 * values (mergeConfig makes a new one for any change); an answer is also only reused while the
 * config still holds the same preset, rules and overrides it was worked out from.
 */
const activeByList = new WeakMap<readonly Rule[], WeakMap<ShipshapeConfig, ActiveRules>>();

interface ActiveRules {
  from: Pick<ShipshapeConfig, 'extends' | 'rules' | 'overrides'>;
  byKind: Map<FileKind, readonly Rule[]>;
}

export function activeRules(rules: readonly Rule[], config: ShipshapeConfig, kind: FileKind): readonly Rule[] {
  let byConfig = activeByList.get(rules);
  if (!byConfig) activeByList.set(rules, (byConfig = new WeakMap()));
  let known = byConfig.get(config);
  if (
    !known ||
    known.from.extends !== config.extends ||
    known.from.rules !== config.rules ||
    known.from.overrides !== config.overrides
  ) {
    known = { from: { extends: config.extends, rules: config.rules, overrides: config.overrides }, byKind: new Map() };
    byConfig.set(config, known);
  }
  let active = known.byKind.get(kind);
  if (!active) {
    active = rules.filter((rule) => rule.targets.includes(kind) && mayBeEnabled(rule, config));
    known.byKind.set(kind, active);
  }
  return active;
}

/**
 * The reports of the rules that can be kept per slice of the file, from the caller's memory where
 * the slice did not change (ADR 009); undefined when the kind or the file has no slices.
 */
function reusedReports<Model>(
  memory: SliceMemory,
  kind: FileKindModule<FileKind, Model>,
  model: Model,
  active: readonly Rule[],
  config: ShipshapeConfig,
  path: string | undefined,
  reads: ReadonlyMap<string, string | undefined>,
  readFile: (relativePath: string) => string | undefined,
): ((rule: Rule) => readonly (readonly Report[])[] | undefined) | undefined {
  const local = active.filter((rule) => rule.reach !== undefined && kind.checkOf(rule));
  const slices = local.length > 0 ? kind.slices!(model) : undefined;
  if (!slices) return undefined;
  return sliceReports({
    memory,
    slices,
    active,
    local,
    config,
    model,
    parse: (text) => kind.parse(text, undefined, { readFile, ...(path ? { path } : {}) }),
    checkOf: (rule) => kind.checkOf(rule),
    reads,
    readFile,
  });
}

/** Lints one document. Pure: all file access goes through `input.readFile`. */
export function lint(
  input: LintInput,
  config: ShipshapeConfig = DEFAULT_CONFIG,
  rules: readonly Rule[] = rulesForKind(input.kind),
): LintResult {
  const skipped = skipReason(input.text, config);
  if (skipped) return { findings: [], skipped };
  // A UTF-8 BOM is not part of the first instruction or key; replace it with nothing but keep
  // columns stable by linting the text as the editor shows it (editors hide the BOM).
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  // Every text the lint sees (the file and each file it reads) gives up its secrets to the one
  // redaction step below, whichever rule quotes them.
  const secrets = new SecretCollector();
  secrets.scan(text);
  // What the lint read, by path (undefined: not there): reused findings depend on it too.
  const reads = new Map<string, string | undefined>();
  const readFile = (relativePath: string): string | undefined => {
    const read = input.readFile?.(relativePath);
    if (!reads.has(relativePath)) {
      reads.set(relativePath, read);
      if (read !== undefined) secrets.scan(read);
    }
    return read;
  };
  const findings: Finding[] = [];
  const active = activeRules(rules, config, input.kind);

  // Where a report lands once the file is parsed: a Compose value written in another file of the
  // project is that file's finding (compose/project).
  let place = (report: Report): Report | undefined => report;
  // One reporter for the whole lint, not a closure per rule per file (80 rules on each of hundreds
  // of files): checks run one at a time and report synchronously, so a report belongs to the rule
  // whose check is running. Its state is reset for each rule.
  let current: Rule | undefined;
  // Made on a rule's first report: most rules report nothing on most files.
  let seen: RangeSet | undefined;
  const settings = new RuleSettings(config, input.path);
  const report = (written: Report) => {
    const rule = current!;
    const placed = place(written);
    if (!placed) return;
    // A value merged into several services (YAML anchors) is one finding where it is written.
    if (!(seen ??= new RangeSet()).add(placed.range)) return;
    const { setting, overrideReason } = settings.of(rule, placed.severity, placed.service);
    const finding: Finding = {
      ruleId: rule.id,
      severity: setting === 'off' ? (placed.severity ?? (rule.severity === 'off' ? 'info' : rule.severity)) : setting,
      // Rules quote file text through quote(); this bounds what any message can add up to.
      message: truncate(placed.message, MAX_MESSAGE_LENGTH),
      range: placed.range,
      fixes: placed.fixes ? withSafety(rule, placed.fixes) : [],
    };
    if (placed.service) finding.service = placed.service;
    if (setting === 'off') {
      if (!overrideReason) return;
      finding.suppressed = { kind: 'override', justification: overrideReason };
    }
    findings.push(finding);
  };

  // One broken rule must not take the others (or the language server) down with it. Its checks
  // did not run on this file, so it says so as an error: `--fail-on` counts it and the file cannot
  // pass because a rule gave up on it.
  const failed = (rule: Rule, error: unknown) => {
    findings.push({
      ruleId: rule.id,
      severity: 'error',
      message: `Shipshape rule ${rule.id} failed on this file, so its checks did not run: ${truncate(
        error instanceof Error ? error.message : String(error),
      )}`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      fixes: [],
    });
  };
  const runSafely = (rule: Rule, run: () => void) => {
    try {
      run();
    } catch (error) {
      failed(rule, error);
    }
  };

  const kind = fileKind(input.kind);
  const model = kind.parse(text, kind.readsDotEnv ? readFile('.env') : undefined, {
    readFile,
    ...(input.path ? { path: input.path } : {}),
    ...(config.compose ? { composeProjects: config.compose.projects } : {}),
  });
  if (kind.placeReport) place = (report) => kind.placeReport!(model, report);
  const parsed = { kind: input.kind, model } as ParsedFile;
  const context = { model, config, report };
  let reused: ReturnType<typeof reusedReports>;
  if (input.memory && kind.slices)
    try {
      reused = reusedReports(input.memory, kind, model, active, config, input.path, reads, readFile);
    } catch {
      // Reuse only saves time: whatever went wrong there, this lint runs every rule on the file.
      input.memory.forget();
    }
  for (const rule of active) {
    const check = kind.checkOf(rule);
    if (!check) continue;
    current = rule;
    seen = undefined;
    const fromSlices = reused?.(rule);
    if (fromSlices) {
      for (const reports of fromSlices) for (const one of reports) report(one);
      continue;
    }
    // runSafely inlined: a closure per rule per file is measurable on small files.
    try {
      check(context);
    } catch (error) {
      failed(rule, error);
    }
  }
  const step = kind.engineStep?.({ model, config, path: input.path, rules, runSafely });
  // Loops, not push(...spread): a spread's arguments live on the stack, and a file decides their number.
  if (step)
    for (const finding of step.findings) {
      const placed = kind.placeReport ? kind.placeReport(model, finding) : finding;
      if (!placed) continue;
      // The step settles its own findings later by identity: keep the object.
      finding.fixes = placed.fixes;
      findings.push(finding);
    }
  const index = kind.index(model);
  // When the parse is not trustworthy enough to edit (a YAML syntax error), findings are still
  // shown, but no automatic edit is offered until the file parses.
  if (kind.editsBlockedReason(model) !== undefined)
    for (const finding of findings) if (finding.ruleId !== 'syntax-error') finding.fixes = [];
  const suppressionFindings = applySuppressions({
    findings,
    index,
    scopeOf: kind.suppression.scopes(model),
    rules,
    active: step ? [...active, ...step.ran] : active,
    config,
    path: input.path,
    kind: input.kind,
  });
  for (const finding of suppressionFindings) findings.push(finding);
  step?.finish(findings);
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const redact = secrets.redactor();
  redactFindings(findings, redact, index);
  return { findings, parsed, redact };
}
