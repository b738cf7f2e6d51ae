// Compose's merge of one service written in several places (an override file over the base file,
// a service over the one it `extends`), per the Compose specification's "Merge" section: mappings
// merge key by key; sequences append, except `command`, `entrypoint` and `healthcheck.test`
// (replaced), `ports` (unique by host IP, published, target and protocol), `volumes`, `secrets`
// and `configs` (unique by target), and variables written as `KEY=value` lists (unique by name);
// `!reset` removes a value and `!override` replaces it without merging.
//
// compose-go applies the same merge to `extends` (override.ExtendService) as to override files
// (override.Merge), so one module serves both: a same-file `extends` in model.ts and a project's
// files and `extends: file:` in project/project.ts.
//
// Nothing is copied or re-serialised: the result is the nodes as written in each file. Where both
// sides write a collection, a new map or sequence holds the original items (each still pointing at
// its own text), and `standInOf` names the written node it is shown at.
import { Document, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Entry } from './model';
import { keyName, resolveAlias } from './reader';

// A node the merge built (no text of its own) -> the written node it stands in for: the later
// side's collection, or the list item a `KEY=value` pair was made from. Keyed by identity, so
// it holds for every model and project that reads the merged value.
const standIns = new WeakMap<object, Node>();

/** The written node a merged node is shown at (a finding about it lands there); undefined for a written node. */
export function standInOf(node: unknown): Node | undefined {
  return node && typeof node === 'object' ? standIns.get(node) : undefined;
}

function standsIn(node: object, written: Node): void {
  standIns.set(node, standIns.get(written) ?? written);
}

const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);
const BY_TARGET = new Set(['volumes', 'secrets', 'configs']);
const VARIABLE_LISTS = new Set([
  'environment',
  'labels',
  'annotations',
  'sysctls',
  'build.args',
  'build.labels',
  'deploy.labels',
]);

export function hasTag(node: unknown, tag: '!reset' | '!override'): boolean {
  return !!node && typeof node === 'object' && (node as { tag?: string }).tag === tag;
}

export interface MergeResult {
  entries: Map<string, Entry>;
  /** True when some value is a collection merged from both sides (its items come from two files). */
  merged: boolean;
}

/** `over` merged onto `base`: the keys Compose ends up with, each pointing at where it is written. */
export function mergeEntries(base: ReadonlyMap<string, Entry>, over: ReadonlyMap<string, Entry>): MergeResult {
  const entries = new Map(base);
  let merged = false;
  for (const [key, entry] of over) {
    if (hasTag(entry.value, '!reset')) {
      entries.delete(key);
      continue;
    }
    const before = entries.get(key);
    if (!before || hasTag(entry.value, '!override')) {
      entries.set(key, entry);
      continue;
    }
    const value = mergeValue(key, before.value, entry.value);
    if (value !== entry.value) merged = true;
    entries.set(key, value === entry.value ? entry : { ...entry, value });
  }
  return { entries, merged };
}

/** Drops `!reset` keys of a service no other file is merged onto (Compose removes them as it loads). */
export function withoutResets(entries: Map<string, Entry>): Map<string, Entry> {
  let result = entries;
  for (const [key, entry] of entries) {
    if (!hasTag(entry.value, '!reset')) continue;
    if (result === entries) result = new Map(entries);
    result.delete(key);
  }
  return result;
}

function mergeValue(path: string, base: Node | null, over: Node | null): Node | null {
  if (hasTag(over, '!override') || hasTag(over, '!reset')) return over;
  if (isMap(base) && isMap(over)) {
    // compose-go mergeLogging: a different driver takes its own options only; the base's were for
    // another driver. Options merge when the drivers match or one side names none.
    if (path === 'logging' && loggingDriverChanges(base, over)) return over;
    return mergeMaps(path, base, over);
  }
  if (isSeq(base) && isSeq(over) && !REPLACED.has(path)) return mergeSeqs(path, base, over);
  // compose-go converts `environment` (and the other KEY=value fields) written as a list in one file
  // and a map in the other to one form and merges them by name, the later file's value winning.
  if (VARIABLE_LISTS.has(path) && ((isMap(base) && isSeq(over)) || (isSeq(base) && isMap(over))))
    return mergeVariableForms(base, over);
  return over;
}

function loggingDriverChanges(base: YAMLMap, over: YAMLMap): boolean {
  const before = field(base, 'driver');
  const after = field(over, 'driver');
  return before !== undefined && after !== undefined && before !== after;
}

/**
 * A variables field written as a map in one file and a `KEY=value` list in the other, merged by
 * name into a map: the map's pairs as written, and a pair standing for each list item (placed
 * where the item is written). The first place a name appears keeps its position; the later value wins.
 */
function mergeVariableForms(base: YAMLMap | YAMLSeq, over: YAMLMap | YAMLSeq): YAMLMap {
  const byName = new Map<string, Pair>();
  for (const side of [base, over]) {
    if (isMap(side)) {
      for (const [name, pair] of effectivePairs(side)) {
        if (hasTag(resolve(pair.value), '!reset')) byName.delete(name);
        else byName.set(name, pair);
      }
      continue;
    }
    for (const written of side.items) {
      const item = resolve(written as Node);
      const text = scalarText(item);
      if (text === undefined || !item) continue;
      const cut = text.indexOf('=');
      const name = cut === -1 ? text : text.slice(0, cut);
      const key = new Scalar(name);
      // `KEY` alone passes the host's value through: no value is written in the file.
      const value = cut === -1 ? null : new Scalar(text.slice(cut + 1));
      const pair = new Pair(key, value);
      for (const node of [key, value, pair]) if (node) standsIn(node, item);
      byName.set(name, pair);
    }
  }
  const result = new YAMLMap();
  result.items = [...byName.values()];
  standsIn(result, over);
  return result;
}

// Aliases of project documents resolve in the document they are written in (adoptAliases in
// model.ts), whichever document is passed: this one only stands in. Made on first use: the CLI
// loads this module for a Dockerfile lint too, and would otherwise load yaml for it (ADR 008).
let noDocument: Document | undefined;

function resolve(node: unknown): Node | null {
  return resolveAlias((noDocument ??= new Document()), node as Node | null);
}

/** A map's pairs by key after YAML merge keys: own keys win, then earlier `<<` sources. */
function effectivePairs(map: YAMLMap, depth = 0): Map<string, Pair> {
  const own = new Map<string, Pair>();
  const merged = new Map<string, Pair>();
  for (const pair of map.items) {
    const name = keyName(pair.key);
    if (name === undefined) continue;
    if (name === '<<' && depth < 16) {
      const source = resolve(pair.value);
      const sources = isSeq(source) ? source.items.map(resolve) : [source];
      for (const s of sources)
        if (isMap(s)) for (const [k, p] of effectivePairs(s, depth + 1)) if (!merged.has(k)) merged.set(k, p);
      continue;
    }
    if (!own.has(name)) own.set(name, pair as Pair);
  }
  return new Map([...merged, ...own]);
}

function mergeMaps(path: string, base: YAMLMap, over: YAMLMap): YAMLMap {
  const result = new YAMLMap();
  const basePairs = effectivePairs(base);
  const overPairs = effectivePairs(over);
  for (const [key, pair] of basePairs) {
    const replacing = overPairs.get(key);
    if (!replacing) {
      result.items.push(pair);
      continue;
    }
    const overValue = resolve(replacing.value);
    if (hasTag(replacing.value, '!reset') || hasTag(overValue, '!reset')) continue;
    const value = mergeValue(`${path}.${key}`, resolve(pair.value), overValue);
    if (value === overValue) result.items.push(replacing);
    else {
      const mergedPair = new Pair(replacing.key, value);
      standsIn(mergedPair, replacing as unknown as Node);
      result.items.push(mergedPair);
    }
  }
  for (const [key, pair] of overPairs) if (!basePairs.has(key) && !hasTag(resolve(pair.value), '!reset')) result.items.push(pair);
  result.flow = over.flow;
  standsIn(result, over);
  return result;
}

function mergeSeqs(path: string, base: YAMLSeq, over: YAMLSeq): YAMLSeq {
  const keyOf = uniqueKey(path);
  const items: unknown[] = [];
  const at = new Map<string, number>();
  const add = (item: unknown) => {
    const key = keyOf(resolve(item));
    const index = key === undefined ? undefined : at.get(key);
    if (index !== undefined) items[index] = item;
    else {
      if (key !== undefined) at.set(key, items.length);
      items.push(item);
    }
  };
  for (const item of base.items) add(item);
  for (const item of over.items) add(item);
  const result = new YAMLSeq();
  result.items = items;
  result.flow = over.flow;
  standsIn(result, over);
  return result;
}

function scalarText(node: Node | null): string | undefined {
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
}

function field(map: YAMLMap, key: string): string | undefined {
  const pair = effectivePairs(map).get(key);
  return pair ? scalarText(resolve(pair.value)) : undefined;
}

/** What makes two items of a sequence the same item for Compose (the later one replaces the earlier). */
function uniqueKey(path: string): (item: Node | null) => string | undefined {
  if (path === 'ports')
    return (item) =>
      isMap(item) ? ['host_ip', 'published', 'target', 'protocol'].map((k) => field(item, k) ?? '').join('|') : scalarText(item);
  if (BY_TARGET.has(path))
    return (item) => {
      if (isMap(item)) return field(item, 'target') ?? (path === 'volumes' ? undefined : field(item, 'source'));
      const text = scalarText(item);
      if (text === undefined || path !== 'volumes') return text;
      // `source:target[:mode]` or an anonymous `/target`.
      const parts = text.split(':');
      return parts.length === 1 ? parts[0] : parts[1];
    };
  if (VARIABLE_LISTS.has(path) || path === 'extra_hosts')
    return (item) => {
      const text = scalarText(item);
      if (text === undefined) return undefined;
      const cut = path === 'extra_hosts' ? text.search(/[=:]/) : text.indexOf('=');
      return cut === -1 ? text : text.slice(0, cut);
    };
  // Other sequences append; the same scalar written twice is one value.
  return scalarText;
}
