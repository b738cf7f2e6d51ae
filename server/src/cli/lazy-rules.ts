// The CLI bundle's engine/rules/index.ts (esbuild.mjs puts this module in its place): the
// registry as the catalogue describes it. The commands and formats that list every rule (`rules`,
// SARIF's rule descriptors) read a rule's docs, which load the kind chunks then; a lint never does.
import type { Rule } from '../engine/rule';
import { RULE_CATALOGUE } from '../engine/rules/catalogue';
import { catalogueRule } from './lazy-kinds';

export const RULES: readonly Rule[] = RULE_CATALOGUE.map(catalogueRule);

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
