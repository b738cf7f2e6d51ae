// lint() runs the rules activeRules() gives, worked out once per rule list, config and kind. It must
// be the list the lint filtered per file before (the rules that target the kind and that some
// scope of the config may enable), for every config, and never a list worked out for another one.
import { strict as assert } from 'node:assert';
import { FILE_KIND_IDS, lint, mergeConfig, RULES, type FileKind, type ShipshapeConfig } from '../../server/src/engine';
import type { Rule } from '../../server/src/engine/rule';
import { activeRules } from '../../server/src/engine/lint';
import { mayBeEnabled } from '../../server/src/engine/severity';

function filtered(rules: readonly Rule[], config: ShipshapeConfig, kind: FileKind): Rule[] {
  return rules.filter((rule) => rule.targets.includes(kind) && mayBeEnabled(rule, config));
}

const on = RULES.find((rule) => rule.severity !== 'off' && rule.targets.includes('dockerfile'))!;
const offByDefault = RULES.find((rule) => rule.severity === 'off' && rule.targets.includes('compose'))!;

const CONFIGS: [string, ShipshapeConfig][] = [
  ['recommended', mergeConfig({})],
  ['strict', mergeConfig({ extends: 'strict' })],
  ['a rule off', mergeConfig({ rules: { [on.id]: 'off' } })],
  ['a rule on', mergeConfig({ rules: { [offByDefault.id]: 'warning' } })],
  [
    'off, then on for some files',
    mergeConfig({ rules: { [on.id]: 'off' }, overrides: [{ rules: { [on.id]: 'error' }, files: ['a/**'], reason: 'x' }] }),
  ],
  ['off in an override for every file', mergeConfig({ overrides: [{ rules: { [on.id]: 'off' }, reason: 'x' }] })],
  ['off for one service only', mergeConfig({ overrides: [{ rules: { [on.id]: 'off' }, services: ['web'], reason: 'x' }] })],
];

describe('activeRules', () => {
  it('is the filtered rule list for every config, kind and rule list', () => {
    const someRules = RULES.filter((_, i) => i % 3 === 0);
    for (const [name, config] of CONFIGS)
      for (const kind of FILE_KIND_IDS)
        for (const rules of [RULES, someRules, [on, offByDefault]]) {
          const expected = filtered(rules, config, kind);
          // Asked twice: the remembered answer is the same.
          assert.deepEqual(activeRules(rules, config, kind), expected, `${name}, ${kind}`);
          assert.deepEqual(activeRules(rules, config, kind), expected, `${name}, ${kind}, again`);
        }
  });

  it('tells configs apart, however they were made', () => {
    const recommended = mergeConfig({});
    assert.ok(activeRules(RULES, recommended, 'dockerfile').includes(on));
    // Another config object with the rule off, then a config whose rules were replaced in place.
    assert.ok(!activeRules(RULES, mergeConfig({ rules: { [on.id]: 'off' } }), 'dockerfile').includes(on));
    const changed: ShipshapeConfig = { ...recommended };
    assert.ok(activeRules(RULES, changed, 'dockerfile').includes(on));
    changed.rules = { [on.id]: 'off' };
    assert.ok(!activeRules(RULES, changed, 'dockerfile').includes(on));
    changed.rules = {};
    changed.overrides = [{ rules: { [on.id]: 'off' }, reason: 'x' }];
    assert.ok(!activeRules(RULES, changed, 'dockerfile').includes(on));
    changed.overrides = [];
    changed.extends = 'strict';
    assert.ok(activeRules(RULES, changed, 'compose').includes(offByDefault));
    changed.extends = 'recommended';
    assert.ok(!activeRules(RULES, changed, 'compose').includes(offByDefault));
  });

  it('lint() reports a rule under one config and not under the next', () => {
    const text = 'FROM alpine:3.20\nRUN echo hi\n';
    const ruleId = lint({ text, kind: 'dockerfile' }).findings.find((f) => !f.suppressed)?.ruleId;
    assert.ok(ruleId, 'the text has a finding under the default config');
    const off = mergeConfig({ rules: { [ruleId]: 'off' } });
    assert.ok(!lint({ text, kind: 'dockerfile' }, off).findings.some((f) => f.ruleId === ruleId));
    assert.ok(lint({ text, kind: 'dockerfile' }).findings.some((f) => f.ruleId === ruleId));
  });
});
