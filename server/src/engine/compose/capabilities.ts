import { isScalar, type Node } from 'yaml';
import type { ComposeModel } from './model';

/** A capability name as Docker accepts it: any case, with or without the `CAP_` prefix. */
export function normaliseCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

export function capabilityOf(model: ComposeModel, node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const expanded = model.interpolate(String(node.value));
  return expanded.unresolved ? undefined : normaliseCapability(expanded.value);
}
