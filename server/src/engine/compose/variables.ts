// The variables a Compose file writes in `environment:` or `build.args`: a map (`KEY: value`) or a
// list (`- KEY=value`), with `<<` merge keys followed to where each variable is written.
import { isScalar, type Node } from 'yaml';
import { itemsOf, writtenFieldsOf, type ComposeDocument } from './reader';
import type { Range } from '../types';

interface Variable {
  name: string;
  value: string;
  range: Range;
}

interface ReadVariables {
  /** The document's rangeOf they were placed with: a project view replaces it (project/view.ts). */
  rangeOf: ComposeDocument['rangeOf'];
  variables: readonly Variable[];
}

// secret-in-env and auth-disabled both read every service's environment: each mapping or list is
// read (and its ranges worked out) once per document.
const variableCache = new WeakMap<ComposeDocument, WeakMap<Node, ReadVariables>>();

/**
 * environment / build args as a map (`KEY: value`) or a list (`- KEY=value`). Every variable
 * written is visited where it is written, merged ones included even when the map overrides them:
 * a value in an anchor is in the file whichever service uses it.
 */
export function forEachVariable(
  document: ComposeDocument,
  node: Node | null | undefined,
  visit: (name: string, value: string | undefined, range: Range) => void,
): void {
  if (!node) return;
  let byNode = variableCache.get(document);
  if (!byNode) variableCache.set(document, (byNode = new WeakMap()));
  let read = byNode.get(node);
  if (read?.rangeOf !== document.rangeOf)
    byNode.set(node, (read = { rangeOf: document.rangeOf, variables: variablesIn(document, node) }));
  const { variables } = read;
  // Each visit gets a range of its own, as findings keep the range they are given.
  for (const { name, value, range } of variables) visit(name, value, { start: { ...range.start }, end: { ...range.end } });
}

function variablesIn(document: ComposeDocument, node: Node): Variable[] {
  const variables: Variable[] = [];
  for (const field of writtenFieldsOf(document, node)) {
    const name = String(field.key.value);
    const value = field.value;
    // `KEY:` with no value passes the host's value through: nothing is written in the file.
    if (!name || !isScalar(value) || value.value === null) continue;
    // Through rangeOf: in a Compose project a pair can be written in another file (compose/project).
    variables.push({
      name,
      value: String(value.value),
      range: { start: field.document.rangeOf(field.key).start, end: field.document.rangeOf(value).end },
    });
  }
  for (const { node: scalar, document: from } of itemsOf(document, node)) {
    if (!isScalar(scalar) || typeof scalar.value !== 'string') continue;
    const eq = scalar.value.indexOf('=');
    if (eq <= 0) continue;
    variables.push({ name: scalar.value.slice(0, eq), value: scalar.value.slice(eq + 1), range: from.rangeOf(scalar) });
  }
  return variables;
}
