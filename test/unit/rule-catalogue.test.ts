// What the CLI knows about the rules without loading their checks (ADR 008): the committed catalogue
// and per-kind rule lists are what scripts/generate-rule-catalogue.ts makes of the registry.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { FILE_KINDS, RULES } from '../../server/src/engine';
import { RULE_CATALOGUE, RULE_IDS, ruleSummary } from '../../server/src/engine/rules/catalogue';
import { COMPOSE_RULES } from '../../server/src/engine/rules/compose-rules.generated';
import { DOCKERFILE_RULES } from '../../server/src/engine/rules/dockerfile-rules.generated';
import { renderRuleCatalogue } from '../../scripts/generate-rule-catalogue';

describe('rule catalogue', () => {
  it('the committed files are up to date with the registry (run `npm run generate:rule-catalogue`)', async () => {
    for (const [file, text] of await renderRuleCatalogue()) assert.equal(fs.readFileSync(file, 'utf8'), text, `${file} is stale`);
  });

  it("holds every rule's metadata, in the registry's order, without docs or checks", () => {
    assert.deepEqual(RULE_CATALOGUE, JSON.parse(JSON.stringify(RULES.map(ruleSummary))));
    assert.deepEqual(
      [...RULE_IDS],
      RULES.map((rule) => rule.id),
    );
    for (const summary of RULE_CATALOGUE) {
      assert.ok(summary.targets.length > 0, `${summary.id} targets no kind`);
      for (const key of ['docs', 'dockerfile', 'compose']) assert.ok(!(key in summary), `${summary.id}.${key}`);
    }
  });

  it("each kind's list is the registry's rules that target it, the same objects in the same order", () => {
    const lists = { dockerfile: DOCKERFILE_RULES, compose: COMPOSE_RULES };
    for (const kind of FILE_KINDS)
      assert.deepEqual(
        lists[kind.id],
        RULES.filter((rule) => rule.targets.includes(kind.id)),
        kind.id,
      );
  });
});
