// The ARG and ENV values in scope at one point of a stage. Rules ask for the scope before most
// instructions, so every ENV or ARG makes a new version; copying a Map per version made 30,000
// ENV lines cost gigabytes. This is a persistent (immutable, structure-sharing) AVL tree: a new
// version copies only the O(log n) nodes on one path and shares the rest with the version before
// it, and a lookup is O(log n) string comparisons. A balanced tree rather than a hash trie, so no
// crafted set of names can degrade it.

interface TreeNode {
  readonly key: string;
  /** undefined: the name is known not to have a value here (an unresolved ENV, a bare ARG). */
  readonly value: string | undefined;
  readonly left: TreeNode | undefined;
  readonly right: TreeNode | undefined;
  readonly height: number;
}

function height(node: TreeNode | undefined): number {
  return node ? node.height : 0;
}

function make(key: string, value: string | undefined, left: TreeNode | undefined, right: TreeNode | undefined): TreeNode {
  return { key, value, left, right, height: Math.max(height(left), height(right)) + 1 };
}

function balance(key: string, value: string | undefined, left: TreeNode | undefined, right: TreeNode | undefined): TreeNode {
  const lh = height(left);
  const rh = height(right);
  if (lh > rh + 1) {
    const l = left!;
    if (height(l.left) >= height(l.right)) return make(l.key, l.value, l.left, make(key, value, l.right, right));
    const lr = l.right!;
    return make(lr.key, lr.value, make(l.key, l.value, l.left, lr.left), make(key, value, lr.right, right));
  }
  if (rh > lh + 1) {
    const r = right!;
    if (height(r.right) >= height(r.left)) return make(r.key, r.value, make(key, value, left, r.left), r.right);
    const rl = r.left!;
    return make(rl.key, rl.value, make(key, value, left, rl.left), make(r.key, r.value, rl.right, r.right));
  }
  return make(key, value, left, right);
}

// Recursion depth is the tree's height: at most 1.44 log2(n), about 30 for a billion names.
function insert(node: TreeNode | undefined, key: string, value: string | undefined): TreeNode {
  if (!node) return make(key, value, undefined, undefined);
  if (key === node.key) return node.value === value ? node : make(key, value, node.left, node.right);
  return key < node.key
    ? balance(node.key, node.value, insert(node.left, key, value), node.right)
    : balance(node.key, node.value, node.left, insert(node.right, key, value));
}

/** An immutable map from variable names to values; `set` and `delete` return a new version. */
export class ScopeMap {
  static readonly EMPTY = new ScopeMap(undefined);

  private constructor(private readonly root: TreeNode | undefined) {}

  get(name: string): string | undefined {
    let node = this.root;
    while (node) {
      if (name === node.key) return node.value;
      node = name < node.key ? node.left : node.right;
    }
    return undefined;
  }

  set(name: string, value: string): ScopeMap {
    return this.with(name, value);
  }

  delete(name: string): ScopeMap {
    return this.get(name) === undefined ? this : this.with(name, undefined);
  }

  private with(name: string, value: string | undefined): ScopeMap {
    const root = insert(this.root, name, value);
    return root === this.root ? this : new ScopeMap(root);
  }
}
