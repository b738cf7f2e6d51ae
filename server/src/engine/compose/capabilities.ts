import { scalarText, type Item } from './reader';

/** A capability name as Docker accepts it: any case, with or without the `CAP_` prefix. */
export function normaliseCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

/** A `cap_add` / `cap_drop` item's capability, normalised; undefined when not a scalar or unresolved. */
export function capabilityOf(item: Item): string | undefined {
  const expanded = scalarText(item.document, item.node);
  return !expanded || expanded.unresolved ? undefined : normaliseCapability(expanded.value);
}
