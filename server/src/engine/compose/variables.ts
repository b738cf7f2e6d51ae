// The variables a Compose file writes in `environment:` or `build.args`: a map (`KEY: value`) or a
// list (`- KEY=value`), with `<<` merge keys followed to where each variable is written.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { keyName, resolveAlias, type ComposeModel } from './model';
import type { Range } from '../types';

/** environment / build args as a map (`KEY: value`) or a list (`- KEY=value`). */
export function forEachVariable(
  model: ComposeModel,
  node: Node | null,
  visit: (name: string, value: string | undefined, range: Range) => void,
  depth = 0,
): void {
  if (depth > 16) return; // merge cycles through aliases
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = keyName(pair.key);
      const value = resolveAlias(model.doc, pair.value as Node | null);
      if (!name) continue;
      // `<<: *defaults` inside environment merges another map's variables in: check them where written.
      if (name === '<<') {
        const sources = isSeq(value) ? value.items.map((item) => resolveAlias(model.doc, item as Node)) : [value];
        for (const source of sources) if (isMap(source)) forEachVariable(model, source, visit, depth + 1);
        continue;
      }
      // `KEY:` with no value passes the host's value through: nothing is written in the file.
      if (!isScalar(value) || value.value === null) continue;
      const start = (pair.key as Node).range![0];
      const end = value.range ? value.range[1] : (pair.key as Node).range![1];
      visit(name, String(value.value), model.index.range(start, end));
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const scalar = resolveAlias(model.doc, item as Node);
      if (!isScalar(scalar) || typeof scalar.value !== 'string') continue;
      const eq = scalar.value.indexOf('=');
      if (eq <= 0) continue;
      visit(scalar.value.slice(0, eq), scalar.value.slice(eq + 1), model.rangeOf(scalar));
    }
  }
}
