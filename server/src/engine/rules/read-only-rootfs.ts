import { insertMapPair, replaceScalarContent } from '../compose/edits';
import { scalarString } from '../compose/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'read-only-rootfs',
  title: 'Writable root filesystem',
  category: 'security',
  severity: 'info',
  refs: { cis: '5.12', cwe: 'CWE-732', checkov: [] },
  docs: {
    why: "With `read_only: true` an attacker who gets code execution cannot drop tools, modify binaries or persist in the container's filesystem (CIS Docker Benchmark 5.12). Writable paths the service really needs go on `tmpfs:` or volumes.",
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    read_only: true\n    tmpfs: [/tmp]',
    fix: 'Adds `read_only: true` (or turns `false` into `true`); add tmpfs mounts for paths the service writes.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const entry = service.get('read_only');
      const value = entry ? scalarString(model, entry.value) : undefined;
      if (value && (value.unresolved || /^true$/i.test(value.value))) continue;
      if (entry && value) {
        ctx.report({
          range: model.rangeOf(entry.value!),
          service: service.name,
          message: `Service "${service.name}" sets read_only: ${value.value}; make the root filesystem read-only and mount tmpfs where it writes`,
          fixes:
            entry.owner === service.node
              ? [{ title: 'Set read_only: true', edits: [replaceScalarContent(model, entry.value!, 'true')], preferred: true }]
              : [],
        });
        continue;
      }
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" has a writable root filesystem; add read_only: true (and tmpfs: for paths it writes)`,
        fixes: [
          { title: 'Add read_only: true', edits: [insertMapPair(model, service.node, ['read_only: true'])], preferred: true },
        ],
      });
    }
  },
});
