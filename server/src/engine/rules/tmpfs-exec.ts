import { isScalar, isSeq, type Node } from 'yaml';
import { replaceScalarContent } from '../compose/edits';
import { groupByNode } from '../compose/fields';
import { servicesLabel, type ComposeService } from '../compose/model';
import { fieldItems } from '../compose/reader';
import { defineRule } from '../rule';

// Docker mounts every tmpfs with noexec, nosuid and nodev (daemon/oci_linux.go); these options
// give back what those take away. In a list of mount options the last of a pair wins (mount(8)).
const RISKY = new Map([
  ['exec', 'noexec'],
  ['suid', 'nosuid'],
  ['dev', 'nodev'],
]);

interface TmpfsMount {
  node: Node;
  path: string;
  /** Options that end up enabled: exec, suid, dev. */
  risky: string[];
  /** The item with those options removed, when it can be rewritten safely (no variables in it). */
  fixed?: string;
}

/** `tmpfs:` as a string or a list of `PATH[:OPTIONS]` (the long `type: tmpfs` volume syntax has only size and mode). */
function tmpfsMounts(service: ComposeService): TmpfsMount[] {
  const entry = service.get('tmpfs');
  if (!entry) return [];
  const items = isSeq(entry.value) ? fieldItems(entry) : [{ node: entry.value, document: entry.document }];
  const mounts: TmpfsMount[] = [];
  for (const { node, document } of items) {
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const text = document.interpolate(node.value, '${...}').value;
    const colon = text.indexOf(':');
    if (colon === -1) continue;
    const options = text.slice(colon + 1).split(',');
    const enabled = new Set<string>();
    for (const option of options.map((o) => o.trim())) {
      if (RISKY.has(option)) enabled.add(option);
      for (const [on, off] of RISKY) if (option === off) enabled.delete(on);
    }
    if (enabled.size === 0) continue;
    const mount: TmpfsMount = { node, path: text.slice(0, colon), risky: [...enabled] };
    if (!node.value.includes('$')) {
      const kept = options.filter((o) => !RISKY.has(o.trim()));
      mount.fixed = kept.length > 0 ? `${text.slice(0, colon)}:${kept.join(',')}` : text.slice(0, colon);
    }
    mounts.push(mount);
  }
  return mounts;
}

export default defineRule({
  id: 'tmpfs-exec',
  title: 'tmpfs mount allows exec, suid or dev',
  category: 'security',
  severity: 'info',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-732', checkov: [] },
  docs: {
    why: 'Docker mounts tmpfs with noexec, nosuid and nodev so a writable scratch space cannot be used to run dropped binaries, honour setuid bits or create device nodes. Re-enabling `exec` is a common way to undo the protection of `read_only: true`.',
    bad: 'tmpfs:\n  - /tmp:exec,size=64m',
    good: 'tmpfs:\n  - /tmp:size=64m',
    fix: 'Removes the exec, suid and dev options (not when the item is written through a variable).',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { value: mount, services } of groupByNode(model, tmpfsMounts)) {
      const list = mount.risky.join(', ');
      ctx.report({
        range: model.rangeOf(mount.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'mount' : 'mounts'} tmpfs ${mount.path} with ${list}, undoing Docker's ${mount.risky.map((r) => RISKY.get(r)).join('/')} default: a writable scratch space ${mount.risky.includes('exec') ? 'can run dropped binaries' : 'can hold setuid binaries or device nodes'}. Remove ${mount.risky.length > 1 ? 'them' : 'it'}`,
        fixes:
          mount.fixed !== undefined
            ? [{ title: `Remove ${list}`, edits: [replaceScalarContent(model, mount.node, mount.fixed)], preferred: true }]
            : [],
      });
    }
  },
});
