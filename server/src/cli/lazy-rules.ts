// The CLI bundle's engine/rules/index.ts (esbuild.mjs puts this module in its place): the
// registry as the catalogue describes it. The commands and formats that list every rule (`rules`,
// SARIF's rule descriptors) read a rule's docs, which load the kind chunks then; a lint never does.
import type { Rule } from '../engine/rule';
import { RULE_CATALOGUE } from '../engine/rules/catalogue';
import { catalogueRule } from './lazy-kinds';

let registry: readonly Rule[] | undefined;
let byId: ReadonlyMap<string, Rule> | undefined;

function registered(): readonly Rule[] {
  return (registry ??= RULE_CATALOGUE.map(catalogueRule));
}

/**
 * Every rule, made on first use: this module sits in a file every lint loads (esbuild places it
 * with the modules it shares with `rules` and SARIF), and a lint never reads the list. The array's
 * every read (index, length, map, iteration) goes to the list made then.
 */
export const RULES: readonly Rule[] = new Proxy([] as Rule[], {
  get: (_, key) => Reflect.get(registered(), key),
  has: (_, key) => Reflect.has(registered(), key),
  ownKeys: () => Reflect.ownKeys(registered()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(registered(), key);
    // A proxy must report `length` as the target has it: not configurable, so kept writable.
    return descriptor && key === 'length' ? { ...descriptor, writable: true } : descriptor;
  },
});

export function ruleById(id: string): Rule | undefined {
  byId ??= new Map(registered().map((rule) => [rule.id, rule]));
  return byId.get(id);
}
