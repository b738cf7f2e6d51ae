import type { DockerfileModel } from './dockerfile/model';
import type { ComposeModel } from './compose/model';
import type { ShipshapeConfig } from './config';
import type { FileKind, Fix, Range, RuleSetting, Severity } from './types';

export type FixSafety = 'safe' | 'changes-behaviour';

export type RuleCategory = 'security' | 'best-practice' | 'correctness';

export interface RuleRefs {
  cis?: string;
  cwe?: string;
  hadolint?: string[];
  kics?: string[];
  checkov?: string[];
  trivy?: string[];
  buildkit?: string[];
}

export interface RuleDocs {
  /** Why it matters, in a paragraph users can act on. */
  why: string;
  /** A short example that triggers the rule. */
  bad: string;
  /** The same example, fixed. */
  good: string;
  /** What the quick fix does, or what to do when there is none. */
  fix: string;
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's configured severity for this finding (e.g. ALL vs NET_RAW). */
  severity?: Severity;
  service?: string;
}

// No file access here: what a rule needs from other files (a service's Dockerfile, `.dockerignore`,
// `.npmrc`) the models read once through the lint's reader (ADR 001).
interface BaseContext {
  config: ShipshapeConfig;
  report(report: Report): void;
}

export interface DockerfileContext extends BaseContext {
  model: DockerfileModel;
}

export interface ComposeContext extends BaseContext {
  model: ComposeModel;
}

export interface RuleDefinition {
  /** kebab-case, stable forever: users write it in config and suppressions. */
  id: string;
  title: string;
  category: RuleCategory;
  /** Default severity in the `recommended` preset. */
  severity: RuleSetting;
  /** Severity in the `strict` preset when it differs from "at least info". */
  strictSeverity?: Severity;
  /**
   * A rule that `recommended` leaves off because another rule reports its findings there, as part
   * of one finding (cap-drop-all within service-hardening): the docs say so instead of "off".
   */
  partOf?: string;
  refs: RuleRefs;
  docs: RuleDocs;
  /**
   * What the rule's document fixes do, for rules that offer any. `safe`: they only rewrite syntax or
   * trim caches and metadata, so the image and the container behave as before; `--fix` and "Fix
   * all" apply them. `changes-behaviour`: they can change how the image builds or what the
   * container can do (every fix is marked `changesBehaviour`; a rule may still mark one fix
   * either way). The rule docs state it, and the fixture runner checks that a rule without it
   * offers no edits.
   */
  fixes?: FixSafety;
  /**
   * `stage`: on a Dockerfile, what the rule reports on a stage's lines depends only on the stage's
   * slice: the lines before the first FROM, the stage, the stages it builds on and the stages built
   * on it (`FROM <stage>`), and the other stages' FROM and `--from` lines; and what it reports on
   * the first lines only on them. The editor then re-runs it only on the stages an edit changed (ADR
   * 009). `stage-in-place`: the same, but its messages quote line numbers, so it also runs again
   * where lines were added or removed above the stage. `test/unit/stage-reach.test.ts` holds every
   * rule that says either to it.
   */
  reach?: 'stage' | 'stage-in-place';
  dockerfile?: (ctx: DockerfileContext) => void;
  compose?: (ctx: ComposeContext) => void;
  /**
   * For rules the engine itself reports (unused-suppression) rather than a check function:
   * the file kinds they apply to.
   */
  reportedByEngine?: FileKind[];
}

export interface Rule extends RuleDefinition {
  targets: FileKind[];
}

export function defineRule(definition: RuleDefinition): Rule {
  const targets: FileKind[] = [...(definition.reportedByEngine ?? [])];
  if (definition.dockerfile) targets.push('dockerfile');
  if (definition.compose) targets.push('compose');
  return { ...definition, targets };
}
