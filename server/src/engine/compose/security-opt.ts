import { isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import { resolveAlias, type ComposeModel, type ComposeService, type Entry } from './model';

export interface SecurityOption {
  /** Lower-cased option name: seccomp, apparmor, label, no-new-privileges, systempaths. */
  name: string;
  /** The value after `:` or `=` (`unconfined`, `true`), or '' when absent. */
  value: string;
  node: Node;
}

/** `security_opt` items, in both `key:value` and `key=value` spellings. */
export function securityOptions(
  model: ComposeModel,
  service: ComposeService,
): { entry?: Entry; list?: YAMLSeq; options: SecurityOption[] } {
  const entry = service.get('security_opt');
  if (!entry || !isSeq(entry.value)) return entry ? { entry, options: [] } : { options: [] };
  const options: SecurityOption[] = [];
  for (const item of entry.value.items) {
    const node = resolveAlias(model.doc, item as Node);
    if (!isScalar(node) || node.value === null) continue;
    const expanded = model.interpolate(String(node.value));
    if (expanded.unresolved) continue;
    const text = expanded.value.trim();
    const separator = text.search(/[:=]/);
    const name = (separator === -1 ? text : text.slice(0, separator)).trim().toLowerCase();
    const value = separator === -1 ? '' : text.slice(separator + 1).trim();
    options.push({ name, value, node });
  }
  return { entry, list: entry.value, options };
}
