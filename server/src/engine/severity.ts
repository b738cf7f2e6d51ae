import { overrideApplies, type SettingScope, type ShipshapeConfig, type EffectiveSetting } from './config';
import type { Rule } from './rule';
import { severityRank, type RuleSetting, type Severity } from './types';

/** The preset's view of a rule: `strict` turns every rule on at least at `info`. */
export function presetSetting(rule: Rule, preset: ShipshapeConfig['extends']): RuleSetting {
  if (preset === 'recommended') return rule.severity;
  if (rule.severity === 'off') return rule.strictSeverity ?? 'info';
  return severityRank(rule.severity) < severityRank('info') ? 'info' : rule.severity;
}

/**
 * Preset, then the config's `rules`, then every matching override in order. A finding's own
 * severity (e.g. ALL vs NET_RAW capabilities) applies only while the user set none for the rule.
 */
export function effectiveSetting(
  rule: Rule,
  config: ShipshapeConfig,
  scope: SettingScope,
  findingSeverity?: Severity,
): EffectiveSetting & { userSet: boolean } {
  let setting: RuleSetting = presetSetting(rule, config.extends);
  let userSet = false;
  let overrideReason: string | undefined;
  if (findingSeverity && setting !== 'off') setting = findingSeverity;
  const configured = config.rules[rule.id];
  if (configured) {
    setting = configured;
    userSet = true;
  }
  for (const override of config.overrides) {
    const overridden = override.rules[rule.id];
    if (overridden && overrideApplies(override, scope)) {
      setting = overridden;
      userSet = true;
      overrideReason = overridden === 'off' ? override.reason : undefined;
    }
  }
  return overrideReason ? { setting, overrideReason, userSet } : { setting, userSet };
}

/**
 * Whether any scope could enable the rule, so disabled rules are not run at all: on where no
 * override is scoped (effectiveSetting with an empty scope), or on in some override. Asked for
 * every rule on every lint, so it allocates nothing (effectiveSetting makes a scope and an answer).
 */
export function mayBeEnabled(rule: Rule, config: ShipshapeConfig): boolean {
  let setting = config.rules[rule.id] || presetSetting(rule, config.extends);
  for (const override of config.overrides) {
    const overridden = override.rules[rule.id];
    if (!overridden) continue;
    if (overridden !== 'off') return true;
    // An override without services or files applies everywhere.
    if (!override.services && !override.files) setting = overridden;
  }
  return setting !== 'off';
}
