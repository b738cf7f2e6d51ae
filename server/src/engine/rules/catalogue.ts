// Every rule's metadata without its checks or docs, generated from the registry (rules/index.ts) by
// scripts/generate-rule-catalogue.ts: config validation and the CLI read it without loading a
// rule's module, so a Dockerfile lint does not load the Compose checks (ADR 008).
import type { Rule } from '../rule';
import catalogue from './catalogue.generated.json';

/** A rule as the catalogue holds it. */
export type RuleSummary = Omit<Rule, 'docs' | 'dockerfile' | 'compose' | 'reach'>;

export const RULE_CATALOGUE = catalogue as readonly RuleSummary[];

/** Every rule id, for config validation. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULE_CATALOGUE.map((rule) => rule.id));

export function ruleSummary(rule: Rule): RuleSummary {
  // How far a check looks (reach) only matters to a lint, which loads the rule itself.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { docs, dockerfile, compose, reach, ...summary } = rule;
  return summary;
}
