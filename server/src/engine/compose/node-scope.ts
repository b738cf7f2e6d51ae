import { visit, type Node } from 'yaml';
import type { ComposeModel } from './model';

/**
 * The lines a comment before `line` covers in a Compose file: the key or list item that starts
 * there, with its whole value; a service key covers only its own line (findings about the
 * service as a whole are reported there), so one comment never silences a whole service.
 */
export function yamlScopeAt(model: ComposeModel, line: number): { first: number; last: number } {
  const { index } = model;
  const serviceKeys = new Set<unknown>(model.servicesNode?.items.map((pair) => pair.key) ?? []);
  let last = line;
  visit(model.doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (!key?.range || index.position(key.range[0]).line !== line) return undefined;
      if (serviceKeys.has(key)) return visit.BREAK;
      const value = pair.value as Node | null;
      const end = value?.range ? value.range[1] : key.range[1];
      last = Math.max(last, index.position(Math.max(key.range[0], end - 1)).line);
      return visit.BREAK;
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        const node = item as Node;
        if (!node?.range || index.position(node.range[0]).line !== line) continue;
        last = Math.max(last, index.position(Math.max(node.range[0], node.range[1] - 1)).line);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return { first: line, last };
}
