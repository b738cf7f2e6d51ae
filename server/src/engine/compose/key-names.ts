// Near-miss key names: "did you mean" for compose-schema, and the guard that keeps the fixes of
// other rules from adding `read_only:` next to a misspelt `read-only:` that compose-schema's own
// fix renames (the two together would make a duplicate key).
import { isMap, type Node, type YAMLMap } from 'yaml';
import { keyName } from './reader';
import { SERVICE_KEY_NAMES } from './service-keys';
import { editDistance } from '../edit-distance';

const SERVICE_KEYS: ReadonlySet<string> = new Set(SERVICE_KEY_NAMES);

/** The one known name close to an unknown one, if there is exactly one (typos, `-` for `_`, a missing suffix). */
export function closestName(unknown: string, known: string[]): string | undefined {
  const normalised = unknown.replace(/-/g, '_').toLowerCase();
  const exact = known.filter((k) => k.toLowerCase() === normalised);
  if (exact.length === 1) return exact[0];
  // Short names are one typo from many others (ipc, pid, uts): allow less for them.
  const budget = normalised.length <= 4 ? 1 : 2;
  const close = known.filter(
    (k) => editDistance(normalised, k.toLowerCase(), budget) <= budget || k.toLowerCase().startsWith(normalised + '_'),
  );
  return close.length === 1 ? close[0] : undefined;
}

// Several rules ask this for every service; a file with hundreds of services repeats the same few
// unknown names, and an edit-distance scan over every service key each time dominated the lint.
const SERVICE_KEY_LIST = [...SERVICE_KEY_NAMES];
const closestServiceKeys = new Map<string, string | undefined>();
const MAX_CACHED_NAMES = 1000;

function closestServiceKey(name: string): string | undefined {
  if (closestServiceKeys.has(name)) return closestServiceKeys.get(name);
  const closest = closestName(name, SERVICE_KEY_LIST);
  if (closestServiceKeys.size >= MAX_CACHED_NAMES) closestServiceKeys.clear();
  closestServiceKeys.set(name, closest);
  return closest;
}

// The known keys a mapping's unknown keys are misspellings of: several rules ask about every service.
const misspeltKeys = new WeakMap<YAMLMap, ReadonlySet<string>>();

function misspellingsIn(map: YAMLMap): ReadonlySet<string> {
  let meant = misspeltKeys.get(map);
  if (meant) return meant;
  const found = new Set<string>();
  for (const pair of map.items) {
    const name = keyName(pair.key);
    if (name === undefined || SERVICE_KEYS.has(name) || name === '<<' || name.startsWith('x-')) continue;
    const closest = closestServiceKey(name);
    if (closest !== undefined) found.add(closest);
  }
  misspeltKeys.set(map, (meant = found));
  return meant;
}

/** Whether a service mapping has an unknown key that is a misspelling of `key` (`read-only` for `read_only`). */
export function hasMisspeltServiceKey(map: Node | null | undefined, key: string): boolean {
  // An unknown name is never `key` itself: `key` is a service key, or closestServiceKey could not name it.
  return isMap(map) && misspellingsIn(map).has(key);
}
