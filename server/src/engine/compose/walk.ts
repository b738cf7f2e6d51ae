import { isCollection, isNode, isPair, type Node, type Pair } from 'yaml';

/**
 * Calls `enter` on every node and pair under `root` in yaml's `visit` order (a collection before
 * its items, a pair's key before its value). yaml's `visit` freezes a new copy of the path at
 * every collection and pair, which on a large Compose file was most of the cost of a walk; this
 * keeps one stack of ancestors, valid only during the call.
 */
export function walkNodes(
  root: Node | Pair | null | undefined,
  enter: (node: Node | Pair, ancestors: readonly (Node | Pair)[]) => void,
): void {
  const ancestors: (Node | Pair)[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      enter(node, ancestors);
      ancestors.push(node);
      walk(node.key);
      walk(node.value);
      ancestors.pop();
    } else if (isCollection(node)) {
      enter(node, ancestors);
      ancestors.push(node);
      for (const item of node.items) walk(item);
      ancestors.pop();
    } else if (isNode(node)) enter(node, ancestors);
  };
  walk(root);
}
