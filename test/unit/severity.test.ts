import { strict as assert } from 'node:assert';
import { mergeConfig, type ShipshapeConfig } from '../../server/src/engine/config';
import type { ConfigOverride } from '../../server/src/engine/config';
import type { Rule } from '../../server/src/engine/rule';
import { RULES } from '../../server/src/engine/rules';
import { effectiveSetting, mayBeEnabled } from '../../server/src/engine/severity';
import type { RuleSetting } from '../../server/src/engine/types';

/** The definition mayBeEnabled answers without allocating: on where no override is scoped, or on in some override. */
function reference(rule: Rule, config: ShipshapeConfig): boolean {
  if (effectiveSetting(rule, config, {}).setting !== 'off') return true;
  return config.overrides.some((o) => o.rules[rule.id] !== undefined && o.rules[rule.id] !== 'off');
}

describe('mayBeEnabled', () => {
  it('agrees with effectiveSetting for every preset, rule setting and order of overrides', () => {
    // A rule on by default, one off by default (with and without a strict severity).
    const on = RULES.find((r) => r.severity !== 'off')!;
    const off = RULES.find((r) => r.severity === 'off' && r.strictSeverity === undefined);
    const strictOnly = RULES.find((r) => r.severity === 'off' && r.strictSeverity !== undefined);
    const rules = [on, off, strictOnly].filter((r): r is Rule => r !== undefined);
    assert.ok(rules.length >= 2);
    const settings: (RuleSetting | undefined)[] = [undefined, 'off', 'error', 'hint'];
    const overridesFor = (id: string): ConfigOverride[] => [
      { rules: { [id]: 'off' }, reason: 'global off' },
      { rules: { [id]: 'error' }, reason: 'global on' },
      { rules: { [id]: 'off' }, files: ['deploy/**'], reason: 'scoped off' },
      { rules: { [id]: 'warning' }, services: ['web'], reason: 'scoped on' },
      { rules: { [id]: 'off' }, services: [], reason: 'empty services' },
      { rules: { 'some-other-rule': 'error' }, reason: 'another rule' },
    ];
    let compared = 0;
    for (const rule of rules) {
      const pool = overridesFor(rule.id);
      // Every sequence of up to two overrides from the pool, in order.
      const sequences: ConfigOverride[][] = [[]];
      for (const a of pool) {
        sequences.push([a]);
        for (const b of pool) sequences.push([a, b]);
      }
      for (const preset of ['recommended', 'strict'] as const)
        for (const setting of settings)
          for (const overrides of sequences) {
            const config = mergeConfig({ extends: preset, rules: setting ? { [rule.id]: setting } : {}, overrides });
            assert.equal(
              mayBeEnabled(rule, config),
              reference(rule, config),
              `${rule.id} ${preset} ${setting} ${JSON.stringify(overrides)}`,
            );
            compared++;
          }
    }
    assert.ok(compared > 500, `${compared} configurations compared`);
  });
});
