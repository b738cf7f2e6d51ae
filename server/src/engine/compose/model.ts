import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  YAMLParseError,
} from 'yaml';
import { expandVariables, type Expansion } from '../interpolate';
import { TextIndex } from '../text';
import type { Range } from '../types';
import { parseDotEnv } from './dotenv';
import { blankRegions, excessiveNesting, MAX_NESTING_DEPTH } from './nesting';
import { quote, truncate } from '../quote';

/** A key of a service as Compose sees it, pointing at the text where it is written. */
export interface Entry {
  key: Scalar;
  /** The value with aliases resolved: the node where the value is written. */
  value: Node | null;
  pair: Pair;
  /** The map the pair is written in: the service itself, or an anchor merged into it. */
  owner: YAMLMap;
}

export interface ComposeService {
  name: string;
  key: Scalar;
  node: YAMLMap;
  /** Effective keys after `<<` merges and same-file `extends`. */
  entries: Map<string, Entry>;
  get(key: string): Entry | undefined;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface ComposeModel {
  text: string;
  index: TextIndex;
  doc: Document.Parsed;
  problems: ParseProblem[];
  services: ComposeService[];
  /** The top-level `services` mapping, when there is one. */
  servicesNode?: YAMLMap;
  /**
   * Interpolates `${VAR:-default}` with values from `.env` beside the file (never the process
   * environment). With `marker`, an unresolved variable leaves the marker in the value.
   */
  interpolate(value: string, marker?: string): Expansion;
  rangeOf(node: Node | Pair['key']): Range;
  /** True when the file writes sequences in flow style (`[a, b]`) more often than block style. */
  prefersFlowSequences: boolean;
  /**
   * Where the file went past a limit that keeps linting linear and was checked only in part
   * ("file too complex"): reported by syntax-error; unlike `problems`, fixes stay available.
   */
  limits: ParseProblem[];
}

// Merge keys nest at most this deep; deeper chains (or cycles through aliases) are ignored.
const MAX_MERGE_DEPTH = 32;

export function parseCompose(text: string, dotEnvText?: string): ComposeModel {
  const index = new TextIndex(text);
  // Entries nested too deep for the parser are left out (blanked in place, so offsets hold) and
  // reported; the rest of the file is parsed and linted as usual.
  const tooDeep = excessiveNesting(text);
  const rangeOf = (node: Node | Pair['key']): Range => {
    const range = (node as Node | null)?.range;
    return range ? index.range(range[0], range[1]) : index.range(0, 0);
  };
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    // yaml's own uniqueKeys check compares each key with every earlier one (quadratic in a
    // mapping of thousands of services); the same check with a Set per mapping follows.
    doc = parseDocument(blankRegions(text, tooDeep), { prettyErrors: false, uniqueKeys: false });
    addDuplicateKeyErrors(doc);
  } catch (error) {
    // Whatever else the parser cannot handle is still a finding, never a silent empty result.
    doc = parseDocument('', { prettyErrors: false, uniqueKeys: true });
    problems.push({
      message: `The YAML parser gave up on this file, so nothing in it was checked: ${truncate(error instanceof Error ? error.message : String(error))}`,
      range: index.range(0, Math.min(1, text.length)),
    });
  }
  const env = parseDotEnv(dotEnvText ?? '');
  for (const error of doc.errors) {
    problems.push({
      message: firstLine(error.message),
      range: index.range(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    });
  }
  for (const region of tooDeep) {
    const first = index.position(region.start).line + 1;
    const last = index.position(Math.max(region.start, region.end - 1)).line + 1;
    problems.push({
      message: `Nested deeper than ${MAX_NESTING_DEPTH} levels: ${first === last ? `line ${first} is` : `lines ${first}-${last} are`} not parsed or checked`,
      range: index.range(region.at, region.at + 1),
    });
  }
  const model: ComposeModel = {
    text,
    index,
    doc,
    problems,
    services: [],
    interpolate: (value, marker) =>
      expandVariables(
        value,
        (name) => env.get(name),
        marker === undefined ? { dollarEscape: true } : { dollarEscape: true, unresolvedMarker: marker },
      ),
    rangeOf,
    prefersFlowSequences: false,
    limits: [],
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return model;
  if (!isMap(root)) {
    problems.push({ message: 'A Compose file must be a mapping with a top-level "services" key', range: rangeOf(root) });
    return model;
  }
  const servicesPair = root.items.find((pair) => keyName(pair.key) === 'services');
  const servicesNode = servicesPair ? resolveAlias(doc, servicesPair.value as Node | null) : null;
  if (!isMap(servicesNode)) {
    const empty = servicesNode === null || (isScalar(servicesNode) && servicesNode.value === null);
    if (!empty)
      problems.push({ message: '"services" must be a mapping of service names to definitions', range: rangeOf(servicesNode) });
    return model;
  }
  model.servicesNode = servicesNode;

  const cache = new Map<YAMLMap, Map<string, Entry>>();
  const byName = new Map<string, YAMLMap>();
  for (const pair of servicesNode.items) {
    const name = keyName(pair.key);
    const node = resolveAlias(doc, pair.value as Node | null);
    if (name === undefined || !isMap(node) || !isScalar(pair.key)) continue;
    byName.set(name, node);
    model.services.push(makeService(name, pair.key, node, effectiveEntries(doc, node, cache, 0)));
  }
  let firstCut: { service: ComposeService; entry: Entry } | undefined;
  let cut = 0;
  for (const service of model.services) {
    const entry = applyExtends(doc, service, byName, cache);
    if (!entry) continue;
    firstCut ??= { service, entry };
    cut++;
  }
  if (firstCut) {
    model.limits.push({
      message: `File too complex: ${cut} service${cut === 1 ? '' : 's'} (the first is ${quote(firstCut.service.name)}) extend a chain of more than ${MAX_EXTENDS_DEPTH} services; only the first ${MAX_EXTENDS_DEPTH} levels of each chain are linted`,
      range: rangeOf(firstCut.entry.key),
    });
  }
  model.prefersFlowSequences = countFlowSequences(servicesNode);
  return model;
}

/** yaml's DUPLICATE_KEY errors ("Map keys must be unique"), found in one pass with a Set per mapping. */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const duplicates: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        // Scalars are equal by value, as in yaml's check; any other key only to itself.
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) {
          const start = key?.range?.[0] ?? 0;
          duplicates.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(identity);
      }
    },
  });
  if (duplicates.length > 0) doc.errors.push(...duplicates.slice(0, MAX_REPORTED_DUPLICATES));
}

// One finding per duplicate key up to this many; beyond it the file is garbage, and the list stays short.
const MAX_REPORTED_DUPLICATES = 1000;

function makeService(name: string, key: Scalar, node: YAMLMap, entries: Map<string, Entry>): ComposeService {
  return { name, key, node, entries, get: (k) => entries.get(k) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

export function keyName(key: unknown): string | undefined {
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean'))
    return String(key.value);
  return undefined;
}

interface AnchorDefinition {
  offset: number;
  node: Node;
}

// yaml's Alias.resolve(doc) walks the whole document on every call, which makes resolving every
// alias of a large file quadratic; one walk per document builds this index instead.
const anchorIndexes = new WeakMap<Document, Map<string, AnchorDefinition[]>>();

function anchorIndex(doc: Document): Map<string, AnchorDefinition[]> {
  let index = anchorIndexes.get(doc);
  if (index) return index;
  index = new Map();
  const found = index;
  visit(doc, (_, node) => {
    const anchored = node as Node & { anchor?: string };
    if (anchored && typeof anchored === 'object' && 'anchor' in anchored && anchored.anchor && !isAlias(anchored)) {
      const list = found.get(anchored.anchor) ?? [];
      list.push({ offset: anchored.range?.[0] ?? 0, node: anchored });
      found.set(anchored.anchor, list);
    }
  });
  anchorIndexes.set(doc, index);
  return index;
}

/** The node an alias refers to: the last anchor of that name defined before it (YAML 1.2 §3.2.2.2). */
function resolveOne(doc: Document, alias: Node & { source: string }): Node | undefined {
  const definitions = anchorIndex(doc).get(alias.source);
  if (!definitions) return undefined;
  const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  let match: AnchorDefinition | undefined;
  for (const definition of definitions) if (definition.offset < at) match = definition;
  return match?.node;
}

export function resolveAlias(doc: Document, node: Node | null | undefined): Node | null {
  let current: Node | null | undefined = node;
  for (let hops = 0; current && isAlias(current) && hops < MAX_MERGE_DEPTH; hops++) {
    current = resolveOne(doc, current);
  }
  return current && !isAlias(current) ? current : null;
}

/**
 * The keys a map ends up with after YAML merge keys: its own keys win over merged ones, and in
 * `<<: [*a, *b]` earlier sources win over later ones (YAML merge key spec).
 */
function effectiveEntries(
  doc: Document,
  map: YAMLMap,
  cache: Map<YAMLMap, Map<string, Entry>>,
  depth: number,
): Map<string, Entry> {
  const cached = cache.get(map);
  if (cached) return cached;
  const merged = new Map<string, Entry>();
  const own = new Map<string, Entry>();
  cache.set(map, own); // a cycle back to this map sees no keys instead of recursing forever
  for (const pair of map.items) {
    const name = keyName(pair.key);
    if (name === undefined || !isScalar(pair.key)) continue;
    if (name === '<<' && depth < MAX_MERGE_DEPTH) {
      for (const source of mergeSources(doc, pair.value as Node | null)) {
        for (const [key, entry] of effectiveEntries(doc, source, cache, depth + 1)) {
          if (!merged.has(key)) merged.set(key, entry);
        }
      }
      continue;
    }
    own.set(name, { key: pair.key, value: resolveAlias(doc, pair.value as Node | null), pair, owner: map });
  }
  const result = new Map([...merged, ...own]);
  cache.set(map, result);
  return result;
}

function mergeSources(doc: Document, value: Node | null): YAMLMap[] {
  const resolved = resolveAlias(doc, value);
  if (isMap(resolved)) return [resolved];
  if (isSeq(resolved)) return resolved.items.map((item) => resolveAlias(doc, item as Node)).filter((n): n is YAMLMap => isMap(n));
  return [];
}

// Same-file `extends` chains longer than this are cut (with a finding): real files use one or two
// levels, and following every service's chain to its end is quadratic in a chain of thousands.
const MAX_EXTENDS_DEPTH = 32;

/**
 * Same-file `extends` (`extends: base` or `extends: {service: base}` without `file`). Returns the
 * `extends` entry where the chain was cut at MAX_EXTENDS_DEPTH, if it was.
 */
function applyExtends(
  doc: Document,
  service: ComposeService,
  byName: Map<string, YAMLMap>,
  cache: Map<YAMLMap, Map<string, Entry>>,
): Entry | undefined {
  const seen = new Set([service.name]);
  let current = service.entries.get('extends');
  for (let depth = 0; current; depth++) {
    const value = current.value;
    let baseName: string | undefined;
    if (isScalar(value)) baseName = keyName(value);
    else if (isMap(value)) {
      const hasFile = value.items.some((p) => keyName(p.key) === 'file');
      const svc = value.items.find((p) => keyName(p.key) === 'service');
      if (!hasFile && svc) baseName = keyName(resolveAlias(doc, svc.value as Node));
    }
    const base = baseName !== undefined && !seen.has(baseName) ? byName.get(baseName) : undefined;
    if (!base) return undefined;
    if (depth >= MAX_EXTENDS_DEPTH) return current;
    seen.add(baseName!);
    const baseEntries = effectiveEntries(doc, base, cache, 0);
    for (const [key, entry] of baseEntries) {
      if (key !== 'extends' && !service.entries.has(key)) service.entries.set(key, entry);
    }
    current = baseEntries.get('extends');
  }
  return undefined;
}

function countFlowSequences(services: YAMLMap): boolean {
  let flow = 0;
  let block = 0;
  const visit = (node: unknown, depth: number) => {
    if (depth > 6) return;
    if (isSeq(node)) {
      if (node.flow) flow++;
      else block++;
      node.items.forEach((item) => visit(item, depth + 1));
    } else if (isMap(node)) {
      node.items.forEach((pair) => visit(pair.value, depth + 1));
    }
  };
  visit(services, 0);
  return flow > block;
}

/** The scalar's value as a string, interpolated; undefined for non-scalars. */
export function scalarString(model: ComposeModel, node: Node | null | undefined): Expansion | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  const raw = String(node.value);
  return model.interpolate(raw);
}

export interface SharedEntry {
  entry: Entry;
  /** Every service that has this value, more than one when it comes from a merged anchor. */
  services: ComposeService[];
}

/** A key's values across services, one per place it is written (anchors merged into several services count once). */
export function entriesOf(model: ComposeModel, key: string): SharedEntry[] {
  const byValue = new Map<unknown, SharedEntry>();
  for (const service of model.services) {
    const entry = service.get(key);
    if (!entry) continue;
    const identity = entry.value ?? entry.pair;
    const shared = byValue.get(identity);
    if (shared) shared.services.push(service);
    else byValue.set(identity, { entry, services: [service] });
  }
  return [...byValue.values()];
}

/** `Service "a"` or `Services "a", "b"`, for messages about a value shared through an anchor. */
export function servicesLabel(services: ComposeService[]): string {
  // An anchor merged into thousands of services names the first few, so a message stays short.
  const shown = services.slice(0, MAX_LISTED_SERVICES).map((s) => quote(s.name));
  const more = services.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  return services.length === 1 ? `Service ${names}` : `Services ${names}`;
}

const MAX_LISTED_SERVICES = 5;
