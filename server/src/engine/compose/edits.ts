// Text edits on a Compose file computed from YAML node ranges. They never re-serialise the
// document, so comments, quoting, anchors and flow/block style outside the edit survive.
//
// A node Compose's merge built (a service's `cap_add` merged with the one of the service it
// extends, merge.ts) has no text of its own: an edit computed on it (its items' neighbours, its
// last item, its range) can land in the wrong place. Such an edit is marked, and lint() drops the
// fix that holds it (placeComposeReport); edits on written nodes are unaffected.
import { isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { insertLinesAfter, removeLines } from '../fix';
import type { TextIndex } from '../text';
import type { TextEdit } from '../types';
import { standInOf } from './merge';
import type { ComposeModel } from './model';

const onMerged = new WeakSet<TextEdit>();

/** Whether the edit was computed on a node Compose's merge built, and cannot be trusted to land right. */
export function isOnMergedNode(edit: TextEdit): boolean {
  return onMerged.has(edit);
}

function marked(edit: TextEdit, ...nodes: unknown[]): TextEdit {
  if (nodes.some((node) => standInOf(node) !== undefined)) onMerged.add(edit);
  return edit;
}

type Collection = YAMLMap | YAMLSeq;

function startOf(node: Node | Pair['key']): number {
  return (node as Node).range?.[0] ?? 0;
}

/** End offset of the node's value, before any trailing line break or comment. */
function valueEnd(node: Node | null | undefined, fallback: number): number {
  return node?.range?.[1] ?? fallback;
}

/** Line of the last character of a node's value. */
function lastLine(index: TextIndex, start: number, end: number): number {
  return index.position(Math.max(start, end - 1)).line;
}

/** Whether only whitespace and an optional `- ` precede `offset` on its line. */
function startsItsLine(index: TextIndex, offset: number): boolean {
  const position = index.position(offset);
  const before = index.lineText(position.line).slice(0, position.character);
  return /^\s*(?:-\s+)*$/.test(before);
}

function isOnlyContentOfLines(index: TextIndex, start: number, end: number): boolean {
  if (!startsItsLine(index, start)) return false;
  const line = lastLine(index, start, end);
  const after = index.text.slice(end, index.lineEnd(line));
  return /^\s*(?:#.*)?$/.test(after);
}

/** Removes a key and its value (and a following comment on the same line). */
export function removePair(model: ComposeModel, map: YAMLMap, pair: Pair): TextEdit {
  return marked(removePairIn(model, map, pair), map, pair);
}

function removePairIn(model: ComposeModel, map: YAMLMap, pair: Pair): TextEdit {
  const start = startOf(pair.key);
  const end = valueEnd(pair.value as Node, (pair.key as Node).range?.[1] ?? 0);
  // Emptying a block map would leave a null (and `<<: *anchor` of a null is an error): keep `{}`.
  if (!map.flow && map.items.length === 1) {
    // A block collection's range ends after its line break: keep that break.
    let last = end;
    while (last > start && /\s/.test(model.text[last - 1]!)) last--;
    return { range: model.index.range(start, last), newText: '{}' };
  }
  return removeItem(model, map, pair, start, end);
}

/** Removes one sequence item; callers remove the parent key instead when it is the only item. */
export function removeSeqItem(model: ComposeModel, seq: YAMLSeq, item: Node): TextEdit {
  return marked(removeItem(model, seq, item, startOf(item), valueEnd(item, startOf(item))), seq, item);
}

function removeItem(model: ComposeModel, collection: Collection, item: Node | Pair, start: number, end: number): TextEdit {
  const { index } = model;
  if (!collection.flow && isOnlyContentOfLines(index, start, end)) {
    return removeLines(index, index.position(start).line, lastLine(index, start, end));
  }
  // Flow style (`[a, b]`, `{a: 1, b: 2}`): take the item with the comma after it, or before it when last.
  const text = index.text;
  const items = collection.items as (Node | Pair)[];
  const position = items.indexOf(item);
  if (position < items.length - 1) {
    const nextStart = itemStart(items[position + 1]!);
    return { range: index.range(start, nextStart), newText: '' };
  }
  if (position > 0) {
    const previous = items[position - 1]!;
    const previousEnd = itemEnd(previous);
    return { range: index.range(previousEnd, end), newText: '' };
  }
  // The only item of a flow collection: leave the brackets empty.
  let from = start;
  while (from > 0 && /[ \t]/.test(text[from - 1]!)) from--;
  return { range: index.range(from, end), newText: '' };
}

function itemStart(item: Node | Pair): number {
  return 'key' in item && item.key ? startOf(item.key) : startOf(item as Node);
}

function itemEnd(item: Node | Pair): number {
  if ('key' in item && item.key) return valueEnd(item.value as Node, (item.key as Node).range?.[1] ?? 0);
  return valueEnd(item as Node, 0);
}

/** Column where a block collection's items start: the first key, or the `-` of the first item. */
function blockColumn(index: TextIndex, collection: Collection): string {
  const first = collection.items[0] as Node | Pair | undefined;
  if (!first) return '';
  const position = index.position(itemStart(first));
  const lineText = index.lineText(position.line);
  if ('key' in first) return lineText.slice(0, position.character).replace(/[^\t]/g, ' ');
  const dash = lineText.lastIndexOf('-', position.character);
  return lineText.slice(0, Math.max(dash, 0)).replace(/[^\t]/g, ' ');
}

/**
 * Adds `key: value` lines to a mapping: after its last pair at the same indentation in block
 * style, or `, key: value` before the closing brace in flow style. `lines` are relative to the
 * pair's indentation (nested lines carry their own extra indent).
 */
export function insertMapPair(model: ComposeModel, map: YAMLMap, lines: string[]): TextEdit {
  return marked(insertMapPairIn(model, map, lines), map);
}

function insertMapPairIn(model: ComposeModel, map: YAMLMap, lines: string[]): TextEdit {
  const { index } = model;
  if (map.flow || map.items.length === 0) return insertIntoFlow(model, map, lines.join(' '));
  const last = map.items[map.items.length - 1]!;
  const end = itemEnd(last);
  return insertLinesAfter(index, lastLine(index, itemStart(last), end), lines, blockColumn(index, map));
}

/** Appends an item to a sequence, as `- text` in block style or `, text` in flow style. */
export function appendSeqItem(model: ComposeModel, seq: YAMLSeq, text: string): TextEdit {
  return marked(appendSeqItemIn(model, seq, text), seq);
}

function appendSeqItemIn(model: ComposeModel, seq: YAMLSeq, text: string): TextEdit {
  const { index } = model;
  if (seq.flow || seq.items.length === 0) return insertIntoFlow(model, seq, text);
  const last = seq.items[seq.items.length - 1] as Node;
  return insertLinesAfter(
    index,
    lastLine(index, startOf(last), valueEnd(last, startOf(last))),
    [`- ${text}`],
    blockColumn(index, seq),
  );
}

function insertIntoFlow(model: ComposeModel, collection: Collection, text: string): TextEdit {
  const { index } = model;
  const closing = (collection.range?.[1] ?? 1) - 1;
  const at = index.position(closing);
  const separator = collection.items.length > 0 ? ', ' : '';
  // Skip back over spaces before the bracket so `[ a ]` becomes `[ a, b ]`.
  let insertAt = closing;
  while (insertAt > 0 && /[ \t]/.test(index.text[insertAt - 1]!)) insertAt--;
  const position = collection.items.length > 0 ? index.position(insertAt) : at;
  return { range: { start: position, end: position }, newText: separator + text };
}

/** Replaces a scalar's content, keeping its quotes. */
export function replaceScalarContent(model: ComposeModel, node: Node, newContent: string): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return marked({ range: model.index.range(quoted ? start + 1 : start, quoted ? end - 1 : end), newText: newContent }, node);
}

/** Inserts text at the start of a scalar's content (inside its quotes). */
export function prefixScalar(model: ComposeModel, node: Node, prefix: string): TextEdit {
  const start = node.range?.[0] ?? 0;
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  const at = model.index.position(quoted ? start + 1 : start);
  return marked({ range: { start: at, end: at }, newText: prefix }, node);
}

/** Inserts text at the end of a scalar's content (inside its quotes). */
export function suffixScalar(model: ComposeModel, node: Node, suffix: string): TextEdit {
  const end = node.range?.[1] ?? 0;
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  const at = model.index.position(quoted ? end - 1 : end);
  return marked({ range: { start: at, end: at }, newText: suffix }, node);
}

/** Removes an entry (key or list item), and its parent key when it was the only item of the list. */
export function removeListEntry(model: ComposeModel, list: YAMLSeq, item: Node, parent: { map: YAMLMap; pair: Pair }): TextEdit {
  const edit = list.items.length === 1 ? removePair(model, parent.map, parent.pair) : removeSeqItem(model, list, item);
  return marked(edit, list);
}
