import { isSeq, type Node, type YAMLSeq } from 'yaml';
import type { ComposeService, Entry } from './model';
import { itemsOf, scalarText } from './reader';

export interface SecurityOption {
  /** Option name as Docker reads it: seccomp, apparmor, label, no-new-privileges, systempaths. */
  name: string;
  /** The value after `=` or `:` (`unconfined`, `true`), or '' when absent. */
  value: string;
  /** How it is spelled: `=`, `:` (legacy), or '' for a bare name. */
  separator: '=' | ':' | '';
  node: Node;
}

export interface SecurityOptions {
  entry?: Entry;
  list?: YAMLSeq;
  options: SecurityOption[];
  /** Some item is written through a variable that has no value at lint time. */
  unresolved: boolean;
}

/**
 * Splits one option the way the Docker CLI does (opts/parse.go parseSecurityOpts): on the first
 * `=`, or, in the legacy spelling, on the first `:` (`seccomp:unconfined`, `label:disable`).
 */
export function parseSecurityOption(text: string): Omit<SecurityOption, 'node'> {
  const trimmed = text.trim();
  let at = trimmed.indexOf('=');
  if (at === -1) at = trimmed.indexOf(':');
  if (at === -1) return { name: trimmed, value: '', separator: '' };
  return { name: trimmed.slice(0, at).trim(), value: trimmed.slice(at + 1).trim(), separator: trimmed[at] as '=' | ':' };
}

/** `security_opt` items, in both `key:value` and `key=value` spellings, aliases and interpolation resolved. */
export function securityOptions(service: ComposeService): SecurityOptions {
  const entry = service.get('security_opt');
  if (!entry) return { options: [], unresolved: false };
  if (!isSeq(entry.value)) {
    // `security_opt: ${OPTS}` (or any non-list) cannot be read: treated as unknown, never as empty.
    return { entry, options: [], unresolved: true };
  }
  const options: SecurityOption[] = [];
  let unresolved = false;
  for (const { node, document } of itemsOf(entry.document, entry.value)) {
    const expanded = scalarText(document, node);
    if (!node || !expanded) continue;
    if (expanded.unresolved) {
      unresolved = true;
      continue;
    }
    options.push({ ...parseSecurityOption(expanded.value), node });
  }
  return { entry, list: entry.value, options, unresolved };
}
