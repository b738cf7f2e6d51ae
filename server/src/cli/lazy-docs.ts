// The CLI bundle's rules hold no docs (esbuild.mjs builds each rule file's `docs` into
// dist/cli-rule-docs.js instead): a lint never reads them, and they were about a third of the rule
// code a run compiles. `rules`, SARIF and anything else that reads rule.docs loads that file then.
import type { Rule, RuleDocs } from '../engine/rule';

let all: Readonly<Record<string, RuleDocs>> | undefined;

export function ruleDocs(id: string): RuleDocs {
  // A literal path: bin/load-bundle.js compiles it through the cache (lazy-kinds.ts says why).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  all ??= require('./cli-rule-docs.js') as Record<string, RuleDocs>;
  return all[id]!;
}

/** The rule (built without its docs) with a getter that reads them from dist/cli-rule-docs.js. */
export function withLazyDocs(built: Rule): Rule {
  // Added rather than redefined over a data property, which would leave the object a slow dictionary.
  Object.defineProperty(built, 'docs', { get: () => ruleDocs(built.id), enumerable: true });
  return built;
}
