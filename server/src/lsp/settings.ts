// The `shipshape.*` editor settings, read from whatever the client sends (it may send anything).
import type { RuleSetting } from '../engine';

export interface Settings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  /** shipshape.network.resolveDigests: may "Pin to digest" ask registries? Off unless the user says so. */
  resolveDigests: boolean;
  /** shipshape.network.useCredentialHelpers: may it run docker-credential-* helpers? Off by default. */
  useCredentialHelpers: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  run: 'onType',
  resolveDigests: false,
  useCredentialHelpers: false,
};

const RULE_SETTINGS: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Settings from a client's `shipshape` section; anything malformed takes its default. */
export function readSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Settings> & { network?: { resolveDigests?: unknown; useCredentialHelpers?: unknown } };
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value.rules ?? {})) {
    if (RULE_SETTINGS.includes(setting as string)) rules[id] = setting as RuleSetting;
  }
  return {
    enable: value.enable !== false,
    rules,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    resolveDigests: value.network?.resolveDigests === true,
    useCredentialHelpers: value.network?.useCredentialHelpers === true,
  };
}

const sameValue = <T>(a: T, b: T): boolean => a === b;

// One comparison per setting, and the type demands one for every setting: a setting added later
// cannot be forgotten here and leave its changes without a re-lint.
const SAME_SETTING: { [K in keyof Settings]-?: (a: Settings[K], b: Settings[K]) => boolean } = {
  enable: sameValue,
  run: sameValue,
  resolveDigests: sameValue,
  useCredentialHelpers: sameValue,
  rules: (a, b) => {
    const ids = Object.keys(a);
    return ids.length === Object.keys(b).length && ids.every((id) => a[id] === b[id]);
  },
};

/** Whether two readings of the settings would lint and act alike (a client may re-send unchanged ones). */
export function sameSettings(a: Settings, b: Settings): boolean {
  return (Object.keys(SAME_SETTING) as (keyof Settings)[]).every((key) =>
    (SAME_SETTING[key] as (x: unknown, y: unknown) => boolean)(a[key], b[key]),
  );
}
