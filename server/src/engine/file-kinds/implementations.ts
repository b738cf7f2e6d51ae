// Each kind's implementation, and the rules a lint of that kind is given. The language server and
// the tests load every kind here; the CLI bundle puts a module with the same exports in its place
// (cli/lazy-kinds.ts, esbuild.mjs) that loads a kind's implementation and checks the first time a
// file of that kind is linted.
import type { Rule } from '../rule';
import { RULES } from '../rules';
import { composeKind } from './compose';
import { dockerfileKind } from './dockerfile';

const MODULES = { dockerfile: dockerfileKind, compose: composeKind };

export type KindModule = (typeof MODULES)[keyof typeof MODULES];

export function kindImplementation<K extends KindModule['id']>(id: K): (typeof MODULES)[K] {
  return MODULES[id];
}

/**
 * The rule list a lint of this kind runs from: every rule, in the catalogue's order. The engine
 * runs the checks of those that target the kind and reads only the ids, targets and refs of the
 * others (a suppression comment naming them).
 */
export function rulesForKind(_id: KindModule['id']): readonly Rule[] {
  return RULES;
}
