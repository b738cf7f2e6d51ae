// Helpers over the reader's fields that several Compose rules share: booleans as Compose reads
// them, values grouped by where they are written, and the facts fixes need about a service map.
import { isAlias, isSeq, type Node, type YAMLSeq } from 'yaml';
import type { Range } from '../types';
import type { ComposeModel, ComposeService, Entry } from './model';
import { fieldItems, fieldOf } from './reader';

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
  collect: (service: ComposeService) => readonly T[],
): PlacedValue<T>[] {
  const byNode = new Map<Node, PlacedValue<T>>();
  for (const service of model.services) {
    for (const value of collect(service)) {
      const placed = byNode.get(value.node);
      if (placed) {
        // Services come in order, so a service already listed is the last one (includes() made an
        // anchor merged into every service quadratic).
        if (placed.services[placed.services.length - 1] !== service) placed.services.push(service);
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
  const field = fieldOf(model, model.servicesNode, service.name);
  return !!field && field.owner === model.servicesNode && field.key === service.key && !isAlias(field.pair.value);
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
  // Written in another file of the Compose project: that file's finding (compose/project).
  const placed = model.rangeOf(node);
  if (placed.start.line < 0) return placed;
  const [start, end] = node.range ?? [0, 0];
  let last = end;
  while (last > start && /\s/.test(model.text[last - 1]!)) last--;
  return model.index.range(start, last);
}

/**
 * The sequence a service writes for `key` itself (before `extends` merges its base's in), with its
 * entry; with `item`, only when that item is written in it. Fixes edit this list: the merged one
 * has no text of its own, and adding to or removing from the service's own list changes the merge
 * the same way.
 */
export function writtenList(service: ComposeService, key: string, item?: Node): { entry: Entry; list: YAMLSeq } | undefined {
  const entry = service.written.get(key);
  if (!entry || !isSeq(entry.value)) return undefined;
  if (item && !fieldItems(entry).some((i) => i.written === item || i.node === item)) return undefined;
  return { entry, list: entry.value };
}
