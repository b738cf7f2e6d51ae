import { isCollection, isNode, isPair, type Node, type Pair } from 'yaml';

/**
 * Calls `enter` on every node and pair under `root` in yaml's `visit` order (a collection before
 * its items, a pair's key before its value). yaml's `visit` freezes a new copy of the path at
 * every collection and pair, which on a large Compose file was most of the cost of a walk; this
 * keeps one stack of ancestors, valid only during the call. `enter` returning `false` ends the walk.
 */
export function walkNodes(
  root: Node | Pair | null | undefined,
  enter: (node: Node | Pair, ancestors: readonly (Node | Pair)[]) => boolean | void,
): void {
  const ancestors: (Node | Pair)[] = [];
  let stopped = false;
  const walk = (node: unknown): void => {
    if (stopped) return;
    if (isPair(node)) {
      if (enter(node, ancestors) === false) stopped = true;
      ancestors.push(node);
      walk(node.key);
      walk(node.value);
      ancestors.pop();
    } else if (isCollection(node)) {
      if (enter(node, ancestors) === false) stopped = true;
      ancestors.push(node);
      for (const item of node.items) walk(item);
      ancestors.pop();
    } else if (isNode(node) && enter(node, ancestors) === false) stopped = true;
  };
  walk(root);
}
