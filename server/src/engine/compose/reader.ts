/**
 * The one way Compose code reads YAML: keys of a mapping as Compose sees them (aliases resolved,
 * YAML merge keys `<<: *a` / `<<: [*a, *b]` applied: a mapping's own keys win over merged ones,
 * earlier merge sources over later ones, per the YAML merge key spec), each value with the place
 * it is written, so a finding or fix lands on that text even when it comes from an anchor or
 * (for Compose projects) from another file.
 *
 * API:
 * - `ComposeDocument`: one parsed YAML file (document, text index, interpolation, its path
 *   relative to the linted file; '' for the linted file). `ComposeModel` is one.
 * - `fieldOf(document, map, key)`: the effective value of `key` in `map`, as a `Field`
 *   (`value` aliases resolved, `pair` and `owner` map where it is written, its `document`).
 * - `fieldsOf(document, map)`: every effective key of a mapping (cached per mapping);
 *   `writtenFieldsOf` also lists merged keys an own key overrides (what the file says).
 * - `childOf(field, key)` / `fieldAt(document, map, path)`: nested keys, each read merge-aware
 *   in the document the parent value is written in.
 * - `itemsOf(document, node)` / `fieldItems(field)`: a sequence's items, aliases resolved, with
 *   the item as written.
 * - `scalarText(document, node)` / `fieldText(field)` / `fieldString(document, map, key)`: a
 *   scalar's value interpolated.
 * - `keyName(key)`, `resolveAlias(doc, node)`: the primitives the others use.
 * Nothing here reads files: cross-file values come from a document the caller parsed.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Expansion } from '../interpolate';
import type { TextIndex } from '../text';
import type { Range } from '../types';
import { documentFacts } from './document-facts';

/** One parsed YAML file that Compose values are read from. */
export interface ComposeDocument {
  /** The file's path relative to the linted file; '' for the linted file itself. */
  path: string;
  text: string;
  index: TextIndex;
  doc: Document.Parsed;
  /** Interpolates `${VAR:-default}` as Compose would for this file; with `marker`, an unresolved variable leaves it. */
  interpolate(value: string, marker?: string): Expansion;
  rangeOf(node: Node | Pair['key']): Range;
}

/** A key of a mapping as Compose sees it, pointing at the text where it is written. */
export interface Field {
  /** The key as written. */
  key: Scalar;
  /** The value with aliases resolved: the node where the value is written (null for `key:`). */
  value: Node | null;
  pair: Pair;
  /** The map the pair is written in: the map read, or an anchor merged into it. */
  owner: YAMLMap;
  /** The document the pair is written in. */
  document: ComposeDocument;
}

/** A sequence item: the node it stands for, and the item as written (an alias, or that node). */
export interface Item {
  /** The value with aliases resolved (null for an empty item or an unknown alias). */
  node: Node | null;
  written: Node;
  seq: YAMLSeq;
  document: ComposeDocument;
}

// Merge keys and aliases are followed at most this deep; deeper chains (or cycles) are ignored.
const MAX_DEPTH = 32;

export function keyName(key: unknown): string | undefined {
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean'))
    return String(key.value);
  return undefined;
}

// In a Compose project (compose/project) a merged value holds items of several files: each alias
// resolves in the document it is written in, whichever document the reader was handed.
const aliasDocuments = new WeakMap<Node, Document>();

export function adoptAlias(alias: Node, doc: Document): void {
  aliasDocuments.set(alias, doc);
}

/** The node an alias refers to: the last anchor of that name defined before it (YAML 1.2 §3.2.2.2). */
function resolveOne(doc: Document, alias: Node & { source: string }): Node | undefined {
  // yaml's Alias.resolve(doc) walks the whole document on every call (quadratic over a file's
  // aliases); the document's facts list each anchor's definitions once.
  const definitions = documentFacts(aliasDocuments.get(alias) ?? doc).definitions.get(alias.source);
  if (!definitions) return undefined;
  const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  let match: Node | undefined;
  for (const { node } of definitions) if ((node.range?.[0] ?? 0) < at) match = node;
  return match;
}

/** The node itself, or the anchored node an alias (or a chain of them) stands for; null when unknown. */
export function resolveAlias(doc: Document, node: Node | null | undefined): Node | null {
  let current: Node | null | undefined = node;
  for (let hops = 0; current && isAlias(current) && hops < MAX_DEPTH; hops++) {
    current = resolveOne(doc, current);
  }
  return current && !isAlias(current) ? current : null;
}

// Effective keys per mapping. A node belongs to one document, so the mapping alone is the key.
const effective = new WeakMap<YAMLMap, Map<string, Field>>();

/** Every key of a mapping after merge keys, own keys first in the order written. Empty for a non-map. */
export function fieldsOf(document: ComposeDocument, map: Node | null | undefined): ReadonlyMap<string, Field> {
  return isMap(map) ? effectiveFields(document, map, 0) : EMPTY;
}

const EMPTY: ReadonlyMap<string, Field> = new Map();

function effectiveFields(document: ComposeDocument, map: YAMLMap, depth: number): Map<string, Field> {
  const cached = effective.get(map);
  if (cached) return cached;
  const own = new Map<string, Field>();
  const merged = new Map<string, Field>();
  effective.set(map, own); // a cycle back to this map sees no keys instead of recursing forever
  for (const pair of map.items) {
    const name = keyName(pair.key);
    if (name === undefined || !isScalar(pair.key)) continue;
    if (name === '<<') {
      if (depth >= MAX_DEPTH) continue;
      for (const source of mergeSources(document.doc, pair.value as Node | null)) {
        for (const [key, field] of effectiveFields(document, source, depth + 1)) if (!merged.has(key)) merged.set(key, field);
      }
      continue;
    }
    own.set(name, { key: pair.key, value: resolveAlias(document.doc, pair.value as Node | null), pair, owner: map, document });
  }
  if (merged.size === 0) return own;
  const result = new Map(own);
  for (const [key, field] of merged) if (!result.has(key)) result.set(key, field);
  effective.set(map, result);
  return result;
}

/** The maps a `<<` value merges in: one alias, a map, or a list of them. */
function mergeSources(doc: Document, value: Node | null): YAMLMap[] {
  const resolved = resolveAlias(doc, value);
  if (isMap(resolved)) return [resolved];
  if (isSeq(resolved)) return resolved.items.map((item) => resolveAlias(doc, item as Node)).filter((n): n is YAMLMap => isMap(n));
  return [];
}

/**
 * Every key written in a mapping or in a map merged into it, in the order written (a merge's keys
 * where its `<<` is), including merged keys that an own key overrides: for checks about what the
 * file says rather than what Compose runs (a secret written in an anchor is in the file even
 * where every service overrides it).
 */
export function writtenFieldsOf(document: ComposeDocument, map: Node | null | undefined): Field[] {
  const fields: Field[] = [];
  // Each map once: a map merged twice (or into itself) says nothing new the second time.
  const seen = new Set<YAMLMap>();
  const walk = (node: YAMLMap, depth: number) => {
    seen.add(node);
    for (const pair of node.items) {
      const name = keyName(pair.key);
      if (name === undefined || !isScalar(pair.key)) continue;
      if (name === '<<') {
        if (depth >= MAX_DEPTH) continue;
        for (const source of mergeSources(document.doc, pair.value as Node | null))
          if (!seen.has(source)) walk(source, depth + 1);
        continue;
      }
      fields.push({ key: pair.key, value: resolveAlias(document.doc, pair.value as Node | null), pair, owner: node, document });
    }
  };
  if (isMap(map)) walk(map, 0);
  return fields;
}

/** The effective value of `key` in a mapping, following merge keys; undefined when absent or not a map. */
export function fieldOf(document: ComposeDocument, map: Node | null | undefined, key: string): Field | undefined {
  return fieldsOf(document, map).get(key);
}

/** A key of a field's value (itself a mapping), read in the document that value is written in. */
export function childOf(field: Field | undefined, key: string): Field | undefined {
  return field ? fieldOf(field.document, field.value, key) : undefined;
}

/** `fieldOf` along a path of keys: `fieldAt(model, deploy, ['resources', 'limits', 'memory'])`. */
export function fieldAt(document: ComposeDocument, map: Node | null | undefined, path: readonly string[]): Field | undefined {
  let field: Field | undefined;
  let node = map;
  let from = document;
  for (const key of path) {
    field = fieldOf(from, node, key);
    if (!field) return undefined;
    node = field.value;
    from = field.document;
  }
  return field;
}

/** A sequence's items in order, aliases resolved; empty when the node is not a sequence. */
export function itemsOf(document: ComposeDocument, node: Node | null | undefined): Item[] {
  const seq = resolveAlias(document.doc, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => ({ node: resolveAlias(document.doc, item as Node), written: item as Node, seq, document }));
}

/** The items of a field whose value is a sequence, read in the field's document; empty otherwise. */
export function fieldItems(field: Field | undefined): Item[] {
  return field ? itemsOf(field.document, field.value) : [];
}

/** The scalar's value as a string, interpolated; undefined for non-scalars and empty values. */
export function scalarText(document: ComposeDocument, node: Node | null | undefined): Expansion | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return document.interpolate(String(node.value));
}

/** A field's scalar value interpolated in its own document. */
export function fieldText(field: Field | undefined): Expansion | undefined {
  return field ? scalarText(field.document, field.value) : undefined;
}

/** A key's scalar value after interpolation, or undefined when absent, not a scalar, or unresolved. */
export function fieldString(document: ComposeDocument, map: Node | null | undefined, key: string): string | undefined {
  const expanded = fieldText(fieldOf(document, map, key));
  return expanded && !expanded.unresolved ? expanded.value : undefined;
}
