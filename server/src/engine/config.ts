import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { globMatches, globProblem } from './glob';
import { TextIndex } from './text';
import type { Range, RuleSetting } from './types';

export type Preset = 'recommended' | 'strict';

export interface ConfigOverride {
  rules: Record<string, RuleSetting>;
  /** Compose service names the override applies to; any service when absent. */
  services?: string[];
  /** Globs (relative to the config's folder) of files it applies to; any file when absent. */
  files?: string[];
  reason: string;
}

export interface ShipshapeConfig {
  extends: Preset;
  rules: Record<string, RuleSetting>;
  trustedRegistries: string[];
  trustedImages: string[];
  nonRootImages: string[];
  /** The user the root-user fix writes; numeric so Kubernetes runAsNonRoot can verify it. */
  defaultUser: string;
  ignore: string[];
  overrides: ConfigOverride[];
  /** Files larger than this many bytes are reported once and not parsed. */
  maxFileSize: number;
  /**
   * The day (YYYY-MM-DD) eol-base-image judges end of life against; today when absent. Pinning it
   * makes CI results reproducible (a build does not start failing on the day a release line ends).
   */
  eolReferenceDate?: string;
  /** Compose settings: the file sets that form one project (ADR 007). */
  compose?: ComposeConfig;
}

export interface ComposeConfig {
  /**
   * Compose files loaded together as one project, in `docker compose -f a -f b` order, relative to
   * the config's folder: `[[compose.yaml, compose.prod.yaml]]`.
   */
  projects: string[][];
}

export const DEFAULT_CONFIG: ShipshapeConfig = Object.freeze({
  extends: 'recommended',
  rules: {},
  trustedRegistries: [],
  trustedImages: [],
  nonRootImages: [],
  defaultUser: '10001:10001',
  ignore: [],
  overrides: [],
  maxFileSize: 2 * 1024 * 1024,
}) as ShipshapeConfig;

export type PartialConfig = Partial<ShipshapeConfig>;

/**
 * The most a config can raise `maxFileSize` to. The config usually comes from the repository being
 * linted, so it must not be able to lift the only size bound: the engine's memory grows with the
 * file, and a 50 MB Dockerfile exhausts the heap.
 */
export const MAX_FILE_SIZE_CEILING = 8 * 1024 * 1024;

/**
 * `user`, `UID`, `user:group` or `UID:GID`: login names as shadow-utils accepts them (without the
 * trailing `$` of machine accounts, which Docker would expand). The value is pasted into fixes as a
 * Dockerfile USER argument and a YAML string, so nothing else (newlines, spaces, quotes, `$`) may
 * pass.
 */
const USER_SPEC = /^(?:[A-Za-z_][A-Za-z0-9_.-]{0,31}|\d{1,10})(?::(?:[A-Za-z_][A-Za-z0-9_.-]{0,31}|\d{1,10}))?$/;

/** Why a `defaultUser` value cannot be written into fixes, or undefined when it can. */
export function defaultUserProblem(user: string): string | undefined {
  if (!USER_SPEC.test(user))
    return '"defaultUser" must be a user name or UID, optionally with :group or :GID (e.g. "10001:10001")';
  const name = user.split(':')[0]!;
  if (name === 'root' || /^0+$/.test(name)) return '"defaultUser" must be a non-root user: the root-user fix writes it';
  return undefined;
}

/** Why a `maxFileSize` value is not used as written, or undefined when it is. */
function maxFileSizeProblem(bytes: number): string | undefined {
  if (!(bytes > 0)) return '"maxFileSize" must be a positive number of bytes';
  if (bytes > MAX_FILE_SIZE_CEILING)
    return `"maxFileSize" cannot exceed ${MAX_FILE_SIZE_CEILING} bytes (8 MB); the ceiling applies`;
  return undefined;
}

/**
 * The bounds every config obeys, however it was built (a parsed file, editor settings, an API
 * caller): the size ceiling applies and an unusable `defaultUser` falls back to the default.
 */
function withinBounds(config: ShipshapeConfig): ShipshapeConfig {
  const maxFileSize = config.maxFileSize > 0 ? Math.min(config.maxFileSize, MAX_FILE_SIZE_CEILING) : DEFAULT_CONFIG.maxFileSize;
  const defaultUser =
    typeof config.defaultUser === 'string' && !defaultUserProblem(config.defaultUser)
      ? config.defaultUser
      : DEFAULT_CONFIG.defaultUser;
  return { ...config, maxFileSize, defaultUser };
}

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Later layers win key by key; `rules` are merged per rule id, lists are replaced. */
export function mergeConfig(...layers: (PartialConfig | undefined)[]): ShipshapeConfig {
  let result: ShipshapeConfig = { ...DEFAULT_CONFIG, rules: {}, overrides: [] };
  for (const layer of layers) {
    if (!layer) continue;
    const { rules, ...rest } = layer;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    result = { ...result, ...defined, rules: { ...result.rules, ...(rules ?? {}) } };
  }
  return withinBounds(result);
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface ParsedConfig {
  config: PartialConfig;
  problems: ConfigProblem[];
}

const STRING_LIST_KEYS = ['trustedRegistries', 'trustedImages', 'nonRootImages', 'ignore'] as const;

/** Lists whose entries are always globs; in the image lists only entries with glob characters are. */
const PATH_GLOB_KEYS = new Set(['ignore', 'files']);
const IMAGE_GLOB_KEYS = new Set(['trustedRegistries', 'trustedImages', 'nonRootImages']);

/**
 * Why a list entry cannot be used. A glob that cannot compile is reported and dropped (so it
 * neither trusts, ignores nor silences anything) rather than matched by a backtracking fallback.
 */
function listEntryProblem(key: string, entry: string): string | undefined {
  const isGlob = PATH_GLOB_KEYS.has(key) || (IMAGE_GLOB_KEYS.has(key) && /[*?[\]{}]/.test(entry));
  const invalid = isGlob ? globProblem(entry) : undefined;
  return invalid ? `"${key}" entry ${JSON.stringify(entry.slice(0, 80))}: ${invalid}` : undefined;
}

/**
 * Reads `.shipshape.yaml` text. Config is data: it is parsed, never evaluated. A key that fails
 * validation is reported and left at its default, so a typo never silently disables checks.
 */
export function parseConfig(text: string, knownRuleIds?: ReadonlySet<string>): ParsedConfig {
  const index = new TextIndex(text);
  const problems: ConfigProblem[] = [];
  const config: PartialConfig = {};
  const doc = parseDocument(text, { prettyErrors: false });
  const rangeOf = (node: Node | null | undefined): Range =>
    node?.range ? index.range(node.range[0], node.range[1]) : index.range(0, 0);
  const problem = (node: Node | null | undefined, message: string) => problems.push({ message, range: rangeOf(node) });

  for (const error of doc.errors) {
    problems.push({ message: error.message.split('\n')[0] ?? error.message, range: index.range(error.pos[0], error.pos[1]) });
  }
  if (doc.errors.length > 0) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problem(root, 'The configuration must be a mapping of keys (extends, rules, trustedRegistries, ...)');
    return { config, problems };
  }

  const readStringList = (pair: Pair, key: string): string[] | undefined => {
    const value = pair.value as Node | null;
    if (!isSeq(value) || !value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      problem(value ?? (pair.key as Node), `"${key}" must be a list of strings`);
      return undefined;
    }
    return value.items.flatMap((item) => {
      const entry = String((item as { value: unknown }).value);
      const invalid = listEntryProblem(key, entry);
      if (invalid) problem(item as Node, invalid);
      return invalid ? [] : [entry];
    });
  };

  const readRules = (node: Node | null): Record<string, RuleSetting> | undefined => {
    if (!isMap(node)) {
      problem(node, '"rules" must map rule ids to off, hint, info, warning or error');
      return undefined;
    }
    const rules: Record<string, RuleSetting> = {};
    for (const pair of node.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const setting = value === false ? 'off' : String(value);
      if (knownRuleIds && !knownRuleIds.has(id)) {
        problem(pair.key as Node, `Unknown rule "${id}"`);
        continue;
      }
      if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
        problem(pair.value as Node, `Rule "${id}": severity must be one of ${RULE_SETTINGS.join(', ')}`);
        continue;
      }
      rules[id] = setting as RuleSetting;
    }
    return rules;
  };

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'extends':
        if (isScalar(value) && (value.value === 'recommended' || value.value === 'strict')) config.extends = value.value;
        else problem(value ?? (pair.key as Node), '"extends" must be "recommended" or "strict"');
        break;
      case 'rules': {
        const rules = readRules(value);
        if (rules) config.rules = rules;
        break;
      }
      case 'defaultUser': {
        const user =
          isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')
            ? String(value.value)
            : undefined;
        const invalid = defaultUserProblem(user ?? '');
        if (invalid || user === undefined) problem(value ?? (pair.key as Node), invalid ?? '"defaultUser" is empty');
        else config.defaultUser = user;
        break;
      }
      case 'maxFileSize': {
        const bytes = isScalar(value) && typeof value.value === 'number' ? value.value : Number.NaN;
        const invalid = maxFileSizeProblem(bytes);
        if (invalid) problem(value ?? (pair.key as Node), invalid);
        // Over the ceiling still means "as large as allowed", not the 2 MB default.
        if (!invalid) config.maxFileSize = bytes;
        else if (bytes > MAX_FILE_SIZE_CEILING) config.maxFileSize = MAX_FILE_SIZE_CEILING;
        break;
      }
      case 'eolReferenceDate': {
        // YAML 1.2 (the yaml package's default) reads 2026-01-31 as a string, not a timestamp.
        const day = isScalar(value) && typeof value.value === 'string' ? value.value : '';
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))) config.eolReferenceDate = day;
        else problem(value ?? (pair.key as Node), '"eolReferenceDate" must be a date written YYYY-MM-DD');
        break;
      }
      case 'compose': {
        const compose = readCompose(value, problem);
        if (compose) config.compose = compose;
        break;
      }
      case 'overrides': {
        const overrides = readOverrides(value, readRules, problem);
        if (overrides) config.overrides = overrides;
        break;
      }
      default:
        if ((STRING_LIST_KEYS as readonly string[]).includes(key)) {
          const list = readStringList(pair, key);
          if (list) (config as Record<string, unknown>)[key] = list;
        } else {
          problem(pair.key as Node, `Unknown configuration key "${key}"`);
        }
    }
  }
  return { config, problems };
}

/** Why a path in `compose.projects` cannot be used: Compose files of the project, inside its folder. */
function composePathProblem(entry: string): string | undefined {
  if (entry.trim() === '') return 'is empty';
  if (/^(?:[\\/~]|[A-Za-z]:[\\/])/.test(entry))
    return 'must be relative to this file (Compose files outside the project are not read)';
  if (!/\.ya?ml$/i.test(entry)) return 'must be a .yaml or .yml file';
  return undefined;
}

function readCompose(
  node: Node | null,
  problem: (node: Node | null | undefined, message: string) => void,
): ComposeConfig | undefined {
  if (!isMap(node)) {
    problem(node, '"compose" must be a mapping (projects)');
    return undefined;
  }
  const compose: ComposeConfig = { projects: [] };
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'projects') {
      problem(pair.key as Node, `Unknown key "compose.${key}"`);
      continue;
    }
    const sets = pair.value as Node | null;
    if (!isSeq(sets)) {
      problem(
        sets ?? (pair.key as Node),
        '"compose.projects" must be a list of file lists, like [[compose.yaml, compose.prod.yaml]]',
      );
      continue;
    }
    for (const set of sets.items) {
      if (!isSeq(set) || set.items.length === 0 || !set.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
        problem(set as Node, 'Each Compose project is a non-empty list of file paths, in -f order');
        continue;
      }
      const files = set.items.map((item) => String((item as { value: unknown }).value));
      const invalid = files.map((file, i) => [i, composePathProblem(file)] as const).find(([, reason]) => reason);
      if (invalid)
        problem(
          set.items[invalid[0]] as Node,
          `"compose.projects" entry ${JSON.stringify(files[invalid[0]]!.slice(0, 80))} ${invalid[1]}`,
        );
      else compose.projects.push(files);
    }
  }
  return compose;
}

function readOverrides(
  node: Node | null,
  readRules: (node: Node | null) => Record<string, RuleSetting> | undefined,
  problem: (node: Node | null | undefined, message: string) => void,
): ConfigOverride[] | undefined {
  if (!isSeq(node)) {
    problem(node, '"overrides" must be a list');
    return undefined;
  }
  const overrides: ConfigOverride[] = [];
  for (const item of node.items) {
    if (!isMap(item)) {
      problem(item as Node, 'Each override is a mapping with rules, services and/or files, and a reason');
      continue;
    }
    const get = (key: string) => item.items.find((p) => isScalar(p.key) && p.key.value === key);
    const rulesPair = get('rules');
    const reasonPair = get('reason');
    const rules = rulesPair ? readRules(rulesPair.value as Node | null) : undefined;
    const reason = reasonPair && isScalar(reasonPair.value) ? String(reasonPair.value.value ?? '') : '';
    if (!rulesPair) problem(item, 'An override needs "rules"');
    if (!reason.trim()) problem(item, 'An override needs a "reason": it is shown wherever the finding is silenced');
    const list = (key: string): string[] | undefined => {
      const pair = get(key);
      if (!pair) return undefined;
      const value = pair.value as Node | null;
      if (isSeq(value) && value.items.every((i) => isScalar(i)))
        return value.items.flatMap((i) => {
          const entry = String((i as { value: unknown }).value);
          const invalid = listEntryProblem(key, entry);
          if (invalid) problem(i as Node, invalid);
          return invalid ? [] : [entry];
        });
      problem(value ?? (pair.key as Node), `"${key}" must be a list of strings`);
      return undefined;
    };
    if (rules && reason.trim()) {
      const override: ConfigOverride = { rules, reason };
      const services = list('services');
      const files = list('files');
      if (services) override.services = services;
      if (files) override.files = files;
      overrides.push(override);
    }
  }
  return overrides;
}

export interface SettingScope {
  /** Path relative to the config's folder, with forward slashes. */
  path?: string;
  service?: string;
}

export interface EffectiveSetting {
  setting: RuleSetting;
  /** The reason of the override that turned the rule off here. */
  overrideReason?: string;
}

export function overrideApplies(override: ConfigOverride, scope: SettingScope): boolean {
  if (override.services && !(scope.service && override.services.includes(scope.service))) return false;
  if (override.files && !(scope.path && override.files.some((glob) => globMatches(glob, scope.path!)))) return false;
  return true;
}

export function isIgnoredPath(config: ShipshapeConfig, relativePath: string): boolean {
  return config.ignore.some((glob) => globMatches(glob, relativePath));
}
