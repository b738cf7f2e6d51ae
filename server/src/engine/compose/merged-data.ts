// The plain data a Compose file stands for, merge keys applied: what compose-schema validates.
//
// It is exactly what yaml's `doc.toJS({ maxAliasCount })` gives with the YAML 1.1 merge key in the
// schema (the same objects, keys in the same order, the same alias counting and the same errors),
// built here because yaml resolves each alias by scanning every anchor and alias before it in the
// document: quadratic in a file that merges an anchor into every service, and a tenth of a large
// file's lint. The steps below follow yaml 2.x's toJS, addPairToJSMap, addMergeToJSMap and
// Alias.resolve one for one; merged-data.test.ts checks them against yaml on every fixture. A node
// of a kind the core schema does not produce (a YAMLSet, a custom tag's class) hands the whole
// conversion back to yaml.
import { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, YAMLMap, YAMLSeq, type Node, type Pair } from 'yaml';
import { documentFacts, type AnchorDefinition } from './document-facts';

interface AnchorData {
  aliasCount: number;
  count: number;
  res: unknown;
}

// The document's schema gains the merge tag for yaml's own conversion only (the model's document
// is parsed without merge semantics: rules resolve `<<` themselves, to point at where a value is
// written).
const MERGE_SCHEMA = new Document(null, { merge: true }).schema;

class Unsupported extends Error {}

/**
 * The document as plain data with `<<` merges applied, as yaml converts it. Throws where yaml
 * throws: an alias to no anchor, a merge of something that is not a mapping, or an anchor used
 * so often that `count × nested aliases` passes `maxAliasCount` (yaml's billion-laughs guard).
 */
export function mergedData(doc: Document, maxAliasCount: number): unknown {
  try {
    return new Converter(doc, maxAliasCount).toJS(doc.contents);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
  }
  const schema = doc.schema;
  doc.schema = MERGE_SCHEMA;
  try {
    return doc.toJS({ maxAliasCount });
  } finally {
    doc.schema = schema;
  }
}

class Converter {
  private readonly anchors = new Map<Node, AnchorData>();
  /** Anchored nodes by anchor name, in visit order. */
  private readonly definitions: ReadonlyMap<string, readonly AnchorDefinition[]>;
  /** Each alias's first position in visit order, where yaml's scan for its anchor stops. */
  private readonly aliasOrdinals: ReadonlyMap<Node, number>;

  constructor(
    doc: Document,
    private readonly maxAliasCount: number,
  ) {
    const facts = documentFacts(doc);
    this.definitions = facts.definitions;
    this.aliasOrdinals = facts.aliasOrdinals;
  }

  toJS(value: unknown): unknown {
    if (isAlias(value)) {
      const source = this.resolve(value);
      if (!source) throw new ReferenceError(`Unresolved alias (the anchor must be set before the alias): ${value.source}`);
      return this.anchors.get(source)!.res;
    }
    if (isScalar(value)) {
      if (value.anchor) this.anchors.set(value, { aliasCount: 0, count: 1, res: value.value });
      return value.value;
    }
    if (isMap(value)) return this.mapToJS(value, false);
    if (isSeq(value)) {
      if (Object.getPrototypeOf(value) !== YAMLSeq.prototype) throw new Unsupported();
      const seq: unknown[] = [];
      if (value.anchor) this.anchors.set(value, { aliasCount: 0, count: 1, res: seq });
      for (const item of value.items) seq.push(this.toJS(item));
      return seq;
    }
    if (isPair(value)) return this.addPair({}, value);
    if (value !== null && typeof value === 'object') throw new Unsupported();
    return value;
  }

  /** YAMLMap.toJSON: a plain object, or a Map for a merge source (then the map's anchor is not registered). */
  private mapToJS(map: YAMLMap, asMergeSource: boolean): Record<string, unknown> | Map<unknown, unknown> {
    if (Object.getPrototypeOf(map) !== YAMLMap.prototype) throw new Unsupported();
    const result: Record<string, unknown> | Map<unknown, unknown> = asMergeSource ? new Map() : {};
    if (!asMergeSource && map.anchor) this.anchors.set(map, { aliasCount: 0, count: 1, res: result });
    for (const pair of map.items) this.addPair(result, pair);
    return result;
  }

  private addPair(target: Record<string, unknown> | Map<unknown, unknown>, pair: Pair): typeof target {
    const { key, value } = pair;
    if (key !== null && typeof key === 'object' && 'addToJSMap' in key) throw new Unsupported();
    if (isScalar(key) && (!key.type || key.type === 'PLAIN') && key.value === '<<') {
      this.addMerge(target, value);
      return target;
    }
    const jsKey = this.toJS(key);
    if (target instanceof Map) {
      target.set(jsKey, this.toJS(value));
      return target;
    }
    if (jsKey !== null && typeof jsKey === 'object') throw new Unsupported();
    const stringKey = jsKey === null ? '' : String(jsKey);
    const jsValue = this.toJS(value);
    // `in`, not an own-property test: `__proto__` or `constructor` as a key becomes an own property.
    if (stringKey in target)
      Object.defineProperty(target, stringKey, { value: jsValue, writable: true, enumerable: true, configurable: true });
    else target[stringKey] = jsValue;
    return target;
  }

  private addMerge(target: Record<string, unknown> | Map<unknown, unknown>, value: unknown): void {
    const source = isAlias(value) ? this.resolve(value) : value;
    if (isSeq(source)) for (const item of source.items) this.mergeValue(target, item);
    else this.mergeValue(target, source);
  }

  private mergeValue(target: Record<string, unknown> | Map<unknown, unknown>, value: unknown): void {
    const source = isAlias(value) ? this.resolve(value) : value;
    if (!isMap(source)) throw new Error('Merge sources must be maps or map aliases');
    const merged = this.mapToJS(source, true) as Map<unknown, unknown>;
    for (const [key, item] of merged) {
      if (target instanceof Map) {
        if (!target.has(key)) target.set(key, item);
      } else if (!Object.prototype.hasOwnProperty.call(target, key as PropertyKey)) {
        Object.defineProperty(target, key as PropertyKey, { value: item, writable: true, enumerable: true, configurable: true });
      }
    }
  }

  /** The last node anchored with the alias's name before it in visit order. */
  private definitionBefore(alias: Node & { source: string }): Node | undefined {
    const list = this.definitions.get(alias.source);
    if (!list) return undefined;
    const at = this.aliasOrdinals.get(alias) ?? Number.POSITIVE_INFINITY;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.ordinal < at) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? list[low - 1]!.node : undefined;
  }

  /** Alias.resolve with a conversion context: counts the use and applies maxAliasCount. */
  private resolve(alias: Node & { source: string }): Node | undefined {
    const found = this.definitionBefore(alias);
    if (!found) return undefined;
    let data = this.anchors.get(found);
    if (!data) {
      this.toJS(found);
      data = this.anchors.get(found);
    }
    if (data?.res === undefined) throw new ReferenceError('This should not happen: Alias anchor was not resolved?');
    data.count += 1;
    if (data.aliasCount === 0) data.aliasCount = this.aliasCount(found);
    if (data.count * data.aliasCount > this.maxAliasCount)
      throw new ReferenceError('Excessive alias count indicates a resource exhaustion attack');
    return found;
  }

  /** yaml's getAliasCount: how many values a node expands to through the aliases in it. */
  private aliasCount(node: unknown): number {
    if (isAlias(node)) {
      const source = this.definitionBefore(node);
      const data = source && this.anchors.get(source);
      return data ? data.count * data.aliasCount : 0;
    }
    if (isCollection(node)) {
      let count = 0;
      for (const item of node.items) count = Math.max(count, this.aliasCount(item));
      return count;
    }
    if (isPair(node)) return Math.max(this.aliasCount(node.key), this.aliasCount(node.value));
    return 1;
  }
}
