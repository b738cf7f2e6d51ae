// Reading keys of nested Compose mappings (healthcheck, logging, deploy, long-syntax volumes) as
// Compose sees them: aliases resolved and YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`)
// applied, own keys winning over merged ones and earlier merge sources over later ones (YAML
// merge key spec). The service-level equivalent lives in model.ts (`service.get`).
import { isAlias, isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../types';
import { keyName, resolveAlias, scalarString, type ComposeModel, type ComposeService } from './model';

export interface Field {
  /** The value, aliases resolved: the node where it is written. */
  value: Node | null;
  pair: Pair;
  /** The map the pair is written in (the map itself or an anchor merged into it). */
  owner: YAMLMap;
}

// Merge chains deeper than this (or cycles through aliases) are not followed.
const MAX_DEPTH = 16;

/** The effective value of `key` in a mapping, following merge keys. */
export function fieldOf(model: ComposeModel, map: Node | null | undefined, key: string, depth = 0): Field | undefined {
  if (!isMap(map) || depth > MAX_DEPTH) return undefined;
  let merged: Field | undefined;
  for (const pair of map.items) {
    const name = keyName(pair.key);
    if (name === key) return { value: resolveAlias(model.doc, pair.value as Node | null), pair, owner: map };
    if (name === '<<' && !merged) {
      for (const source of mergeSources(model, pair.value as Node | null)) {
        merged = fieldOf(model, source, key, depth + 1);
        if (merged) break;
      }
    }
  }
  return merged;
}

function mergeSources(model: ComposeModel, value: Node | null): Node[] {
  const resolved = resolveAlias(model.doc, value);
  if (isSeq(resolved)) return resolved.items.map((item) => resolveAlias(model.doc, item as Node)).filter((n): n is Node => !!n);
  return resolved ? [resolved] : [];
}

/** `fieldOf` along a path of keys: `pathOf(model, deploy, ['resources', 'limits', 'memory'])`. */
export function fieldAt(model: ComposeModel, map: Node | null | undefined, path: string[]): Field | undefined {
  let field: Field | undefined;
  let node = map;
  for (const key of path) {
    field = fieldOf(model, node, key);
    if (!field) return undefined;
    node = field.value;
  }
  return field;
}

/** A field's scalar value as a string after interpolation, or undefined when absent, not a scalar, or unresolved. */
export function fieldString(model: ComposeModel, map: Node | null | undefined, key: string): string | undefined {
  const expanded = scalarString(model, fieldOf(model, map, key)?.value);
  return expanded && !expanded.unresolved ? expanded.value : undefined;
}

/**
 * A boolean as Compose reads one: YAML booleans, and strings Go's strconv.ParseBool accepts
 * (compose-go converts `"true"` and interpolated values that way). Undefined when unknown.
 */
export function parseComposeBool(text: string | boolean | undefined): boolean | undefined {
  if (typeof text === 'boolean') return text;
  if (text === undefined) return undefined;
  const t = text.trim();
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(t)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(t)) return false;
  return undefined;
}

export interface PlacedValue<T> {
  value: T;
  /** Every service that gets this value, more than one when it is written once in an anchor. */
  services: ComposeService[];
}

/**
 * Groups per-service values by the YAML node they come from, so a value written once in an anchor
 * (or inherited through `extends`) is reported once, naming every service it applies to.
 */
export function groupByNode<T extends { node: Node }>(
  model: ComposeModel,
  collect: (service: ComposeService) => T[],
): PlacedValue<T>[] {
  const byNode = new Map<Node, PlacedValue<T>>();
  for (const service of model.services) {
    for (const value of collect(service)) {
      const placed = byNode.get(value.node);
      if (placed) {
        if (!placed.services.includes(service)) placed.services.push(service);
      } else byNode.set(value.node, { value, services: [service] });
    }
  }
  return [...byNode.values()];
}

/**
 * Whether the service's mapping is written under its own key (not `web: *other`, which shares
 * another service's map): only then can a key be added to it without changing another service.
 */
export function ownsMapping(model: ComposeModel, service: ComposeService): boolean {
  const pair = model.servicesNode?.items.find((p) => p.key === service.key);
  return !!pair && !isAlias(pair.value);
}

/** The file's indentation step, read off the service: its keys' column minus the service name's. */
export function childIndent(model: ComposeModel, service: ComposeService): string {
  const first = service.node.items[0]?.key as Node | undefined;
  if (!first?.range || service.node.flow) return '  ';
  const step = model.index.position(first.range[0]).character - model.rangeOf(service.key).start.character;
  return ' '.repeat(step > 0 ? step : 2);
}

/** A node's range without the line break and indentation a block collection's range ends with. */
export function itemRange(model: ComposeModel, node: Node): Range {
  const [start, end] = node.range ?? [0, 0];
  let last = end;
  while (last > start && /\s/.test(model.text[last - 1]!)) last--;
  return model.index.range(start, last);
}
