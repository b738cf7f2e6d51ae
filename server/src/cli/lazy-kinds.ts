// The CLI bundle's engine/file-kinds/implementations.ts (esbuild.mjs puts this module in its
// place): a kind's implementation and checks are loaded from their own file (kind-chunks/) the
// first time a file of that kind is linted, so that a Dockerfile lint neither reads nor compiles
// the Compose model, yaml's document code or the Compose rules, and the reverse (ADR 008).
import type { KindModule } from '../engine/file-kinds/implementations';
import type { Rule } from '../engine/rule';
import { RULE_CATALOGUE, type RuleSummary } from '../engine/rules/catalogue';
import { ruleDocs } from './lazy-docs';

type KindId = KindModule['id'];

interface KindChunk {
  kind: KindModule;
  /** A function in place of a rule runs its module and returns it (esbuild.mjs, ruleAsFunction). */
  rules: readonly (Rule | (() => Rule))[];
}

const chunks = new Map<KindId, { kind: KindModule; rules: Map<string, Rule> }>();

function chunkOf(id: KindId): { kind: KindModule; rules: Map<string, Rule> } {
  let chunk = chunks.get(id);
  if (!chunk) {
    // Literal paths: the bundler leaves them to bin/load-bundle.js, which compiles them through the
    // cache. A require() because this module exists only in the bundle, where loading is synchronous.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = (id === 'dockerfile' ? require('./cli-dockerfile.js') : require('./cli-compose.js')) as KindChunk;
    const rules = loaded.rules.map((rule) => (typeof rule === 'function' ? rule() : rule));
    chunk = { kind: loaded.kind, rules: new Map(rules.map((rule) => [rule.id, rule])) };
    chunks.set(id, chunk);
  }
  return chunk;
}

export function kindImplementation<K extends KindId>(id: K): Extract<KindModule, { id: K }> {
  return chunkOf(id).kind as Extract<KindModule, { id: K }>;
}

/**
 * A rule as the catalogue describes it, for a list that must not load its checks: a lint of
 * another kind (the engine reads its id, targets and refs, for a suppression comment naming it) and
 * the registry (cli/lazy-rules.ts). Its docs load dist/cli-rule-docs.js, and its checks a kind it
 * targets, should anything ask.
 */
export function catalogueRule(summary: RuleSummary): Rule {
  const rule = { ...summary } as Rule;
  Object.defineProperty(rule, 'docs', { get: () => ruleDocs(summary.id), enumerable: true });
  for (const kind of summary.targets)
    Object.defineProperty(rule, kind, { get: () => chunkOf(kind).rules.get(summary.id)![kind], enumerable: true });
  return rule;
}

const lists = new Map<KindId, readonly Rule[]>();

/** What engine/file-kinds/implementations.ts gives: every rule in the catalogue's order. */
export function rulesForKind(id: KindId): readonly Rule[] {
  let list = lists.get(id);
  if (!list) {
    const full = chunkOf(id).rules;
    list = RULE_CATALOGUE.map((summary) => (summary.targets.includes(id) ? full.get(summary.id)! : catalogueRule(summary)));
    lists.set(id, list);
  }
  return list;
}
