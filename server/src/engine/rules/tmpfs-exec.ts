import { isScalar, isSeq, type Node } from 'yaml';
import { replaceScalarContent } from '../compose/edits';
import { resolveAlias } from '../compose/model';
import { defineRule } from '../rule';

// Mount options that give back what Docker's tmpfs defaults (noexec, nosuid, nodev) take away.
const RISKY = new Set(['exec', 'suid', 'dev']);

export default defineRule({
  id: 'tmpfs-exec',
  title: 'tmpfs mount allows exec, suid or dev',
  category: 'security',
  severity: 'info',
  refs: { cwe: 'CWE-732', checkov: [] },
  docs: {
    why: 'Docker mounts tmpfs with noexec, nosuid and nodev so a writable scratch space cannot be used to run dropped binaries, honour setuid bits or create device nodes. Re-enabling `exec` is a common way to undo the protection of `read_only: true`.',
    bad: 'tmpfs:\n  - /tmp:exec,size=64m',
    good: 'tmpfs:\n  - /tmp:size=64m',
    fix: 'Removes the exec, suid and dev options.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const value = service.get('tmpfs')?.value;
      const items = isSeq(value) ? value.items.map((i) => resolveAlias(model.doc, i as Node)) : [value ?? null];
      for (const node of items) {
        if (!isScalar(node) || typeof node.value !== 'string') continue;
        const text = node.value;
        const colon = text.indexOf(':');
        if (colon === -1) continue;
        const options = text.slice(colon + 1).split(',');
        const risky = options.filter((o) => RISKY.has(o.trim()));
        if (risky.length === 0) continue;
        const kept = options.filter((o) => !RISKY.has(o.trim()));
        const fixed = kept.length > 0 ? `${text.slice(0, colon)}:${kept.join(',')}` : text.slice(0, colon);
        ctx.report({
          range: model.rangeOf(node),
          service: service.name,
          message: `Service "${service.name}" mounts tmpfs ${text.slice(0, colon)} with ${risky.join(', ')}, undoing Docker's noexec/nosuid/nodev protection; remove ${risky.length > 1 ? 'them' : 'it'}`,
          fixes: text.includes('$')
            ? []
            : [{ title: `Remove ${risky.join(', ')}`, edits: [replaceScalarContent(model, node, fixed)], preferred: true }],
        });
      }
    }
  },
});
