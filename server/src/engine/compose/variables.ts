// The variables a Compose file writes in `environment:` or `build.args`: a map (`KEY: value`) or a
// list (`- KEY=value`), with `<<` merge keys followed to where each variable is written.
import { isScalar, type Node, type Pair } from 'yaml';
import { itemsOf, writtenFieldsOf, type ComposeDocument } from './reader';
import type { Range } from '../types';

interface Variable {
  name: string;
  value: string;
  /** Where the variable is written, as offsets; a Range only for the few a rule reports. */
  start: Node | Pair['key'];
  end: Node | Pair['key'];
  document: ComposeDocument;
}

// secret-in-env and auth-disabled both read every service's environment: each mapping or list is
// read once per document. Ranges (two line lookups and three objects per variable) are worked out
// only for the variables a rule reports: most of a file's variables are not findings.
const variableCache = new WeakMap<ComposeDocument, WeakMap<Node, readonly Variable[]>>();

/**
 * environment / build args as a map (`KEY: value`) or a list (`- KEY=value`). Every variable
 * written is visited where it is written, merged ones included even when the map overrides them:
 * a value in an anchor is in the file whichever service uses it.
 */
export function forEachVariable(
  document: ComposeDocument,
  node: Node | null | undefined,
  visit: (name: string, value: string | undefined, range: () => Range) => void,
): void {
  if (!node) return;
  let byNode = variableCache.get(document);
  if (!byNode) variableCache.set(document, (byNode = new WeakMap()));
  let variables = byNode.get(node);
  if (!variables) byNode.set(node, (variables = variablesIn(document, node)));
  // Each call of `range` makes a range of its own, as findings keep the range they are given.
  for (const variable of variables) visit(variable.name, variable.value, () => rangeOfVariable(variable));
}

function variablesIn(document: ComposeDocument, node: Node): Variable[] {
  const variables: Variable[] = [];
  for (const field of writtenFieldsOf(document, node)) {
    const name = String(field.key.value);
    const value = field.value;
    // `KEY:` with no value passes the host's value through: nothing is written in the file.
    if (!name || !isScalar(value) || value.value === null) continue;
    variables.push({ name, value: String(value.value), start: field.key, end: value, document: field.document });
  }
  for (const { node: scalar, document: from } of itemsOf(document, node)) {
    if (!isScalar(scalar) || typeof scalar.value !== 'string') continue;
    const eq = scalar.value.indexOf('=');
    if (eq <= 0) continue;
    variables.push({
      name: scalar.value.slice(0, eq),
      value: scalar.value.slice(eq + 1),
      start: scalar,
      end: scalar,
      document: from,
    });
  }
  return variables;
}

/** From the key (or list item) to the end of the value, through rangeOf: in a Compose project a pair can be written in another file (compose/project). */
function rangeOfVariable({ start, end, document }: Variable): Range {
  return { start: document.rangeOf(start).start, end: document.rangeOf(end).end };
}
