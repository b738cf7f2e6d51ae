/**
 * What Compose code needs to know about a parsed YAML document's anchors, aliases and keys, found
 * in one walk: the model's duplicate-key check, the reader's alias resolution, compose-schema's
 * "can this be read as data" check and the merged-data conversion each walked the whole document
 * for their part (four walks of every Compose file, a tenth of a 300-service file's lint).
 *
 * The walk visits nodes in yaml's `visit` order, as walk.ts does (a collection before its items,
 * a pair's key before its value), so every list below is in the order those walks saw it.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export interface AnchorDefinition {
  /** Position among the document's anchored nodes and aliases, in visit order (yaml's toJS numbering). */
  ordinal: number;
  node: Node;
}

/** An alias, or a pair whose key is an alias or a collection: what compose-schema checks, in visit order. */
export type Suspect = Pair | Node;

export interface DocumentFacts {
  /** Anchored nodes (never aliases) by anchor name, in visit order. */
  readonly definitions: ReadonlyMap<string, readonly AnchorDefinition[]>;
  /** Each alias's first position in visit order, numbered with the definitions. */
  readonly aliasOrdinals: ReadonlyMap<Node, number>;
  /** Aliases and pairs whose key is an alias, a mapping or a sequence, in visit order. */
  readonly suspects: readonly Suspect[];
  /** For an alias written inside anchored collections: those collections (innermost last). */
  readonly anchoredAncestors: ReadonlyMap<Node, readonly Node[]>;
  /** The offset of every key equal to an earlier key of its mapping, mappings in visit order. */
  readonly duplicateKeyOffsets: readonly number[];
}

const factsByDocument = new WeakMap<Document, DocumentFacts>();

/** The document's facts, found on first use and kept while the document lives (nothing edits a parsed tree). */
export function documentFacts(doc: Document): DocumentFacts {
  let facts = factsByDocument.get(doc);
  if (!facts) {
    facts = collectFacts(doc.contents as Node | null);
    factsByDocument.set(doc, facts);
  }
  return facts;
}

function collectFacts(root: Node | null): DocumentFacts {
  const definitions = new Map<string, AnchorDefinition[]>();
  const aliasOrdinals = new Map<Node, number>();
  const suspects: Suspect[] = [];
  const anchoredAncestors = new Map<Node, readonly Node[]>();
  const duplicateKeyOffsets: number[] = [];
  // Anchored collections around the node being visited.
  const anchored: Node[] = [];
  let ordinal = 0;

  const visit = (node: unknown): void => {
    if (isPair(node)) {
      const key = node.key;
      if (isAlias(key) || isMap(key) || isSeq(key)) suspects.push(node);
      visit(key);
      visit(node.value);
    } else if (isAlias(node)) {
      if (!aliasOrdinals.has(node)) aliasOrdinals.set(node, ordinal);
      ordinal++;
      suspects.push(node);
      if (anchored.length > 0) anchoredAncestors.set(node, anchored.slice());
    } else if (isScalar(node)) {
      if (node.anchor) define(node.anchor, node);
    } else if (isCollection(node)) {
      const anchor = node.anchor;
      if (anchor) {
        define(anchor, node);
        anchored.push(node);
      }
      if (isMap(node)) findDuplicateKeys(node.items);
      for (const item of node.items) visit(item);
      if (anchor) anchored.pop();
    }
  };
  const define = (anchor: string, node: Node) => {
    const list = definitions.get(anchor);
    if (list) list.push({ ordinal, node });
    else definitions.set(anchor, [{ ordinal, node }]);
    ordinal++;
  };
  // yaml's DUPLICATE_KEY check, with a Set per mapping instead of comparing each key with every
  // earlier one: scalars are equal by value, any other key only to itself.
  const findDuplicateKeys = (pairs: readonly Pair[]) => {
    if (pairs.length < 2) return;
    const seen = new Set<unknown>();
    for (const pair of pairs) {
      const key = pair.key as Node | null;
      const identity = isScalar(key) ? key.value : key;
      if (seen.has(identity)) duplicateKeyOffsets.push(key?.range?.[0] ?? 0);
      else seen.add(identity);
    }
  };
  visit(root);
  return { definitions, aliasOrdinals, suspects, anchoredAncestors, duplicateKeyOffsets };
}
