// The variables a Compose file writes in `environment:` or `build.args`: a map (`KEY: value`) or a
// list (`- KEY=value`), with `<<` merge keys followed to where each variable is written.
import { isScalar, type Node } from 'yaml';
import { itemsOf, writtenFieldsOf, type ComposeDocument } from './reader';
import type { Range } from '../types';

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
  for (const field of writtenFieldsOf(document, node)) {
    const name = String(field.key.value);
    const value = field.value;
    // `KEY:` with no value passes the host's value through: nothing is written in the file.
    if (!name || !isScalar(value) || value.value === null) continue;
    // Through rangeOf: in a Compose project a pair can be written in another file (compose/project).
    visit(name, String(value.value), { start: field.document.rangeOf(field.key).start, end: field.document.rangeOf(value).end });
  }
  for (const { node: scalar, document: from } of itemsOf(document, node)) {
    if (!isScalar(scalar) || typeof scalar.value !== 'string') continue;
    const eq = scalar.value.indexOf('=');
    if (eq <= 0) continue;
    visit(scalar.value.slice(0, eq), scalar.value.slice(eq + 1), from.rangeOf(scalar));
  }
}
