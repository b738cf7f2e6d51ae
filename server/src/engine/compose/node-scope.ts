import { isPair, isSeq, type Node } from 'yaml';
import type { ComposeModel } from './model';
import { walkNodes } from './walk';

// line -> the last line a comment before it covers, for every line where a key or list item
// starts: built in one walk of the document, not one walk per suppression comment.
const scopeIndexes = new WeakMap<ComposeModel, Map<number, number>>();

/**
 * The lines a comment before `line` covers in a Compose file: the key or list item that starts
 * there, with its whole value; a service key covers only its own line (findings about the
 * service as a whole are reported there), so one comment never silences a whole service.
 */
export function yamlScopeAt(model: ComposeModel, line: number): { first: number; last: number } {
  let index = scopeIndexes.get(model);
  if (!index) {
    index = buildScopeIndex(model);
    scopeIndexes.set(model, index);
  }
  return { first: line, last: Math.max(line, index.get(line) ?? line) };
}

/** The first key or list item (in document order) that starts on each line claims that line. */
function buildScopeIndex(model: ComposeModel): Map<number, number> {
  const { index } = model;
  const serviceKeys = new Set<unknown>(model.servicesNode?.items.map((pair) => pair.key) ?? []);
  const lastLine = new Map<number, number>();
  const claim = (start: number, end: number) => {
    const line = index.position(start).line;
    if (!lastLine.has(line)) lastLine.set(line, index.position(Math.max(start, end - 1)).line);
  };
  walkNodes(model.doc.contents as Node | null, (node) => {
    if (isPair(node)) {
      const key = node.key as Node | null;
      if (!key?.range) return;
      if (serviceKeys.has(key)) {
        claim(key.range[0], key.range[0] + 1);
        return;
      }
      const value = node.value as Node | null;
      claim(key.range[0], value?.range ? value.range[1] : key.range[1]);
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const itemNode = item as Node;
        if (itemNode?.range) claim(itemNode.range[0], itemNode.range[1]);
      }
    }
  });
  return lastLine;
}
