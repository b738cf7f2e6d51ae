import { insertMapPair, replaceScalarContent } from '../compose/edits';
import { ownsMapping, parseComposeBool } from '../compose/fields';
import { hasMisspeltServiceKey } from '../compose/key-names';
import { scalarString } from '../compose/model';
import { defineRule } from '../rule';
import type { Fix } from '../types';

export default defineRule({
  id: 'read-only-rootfs',
  title: 'Writable root filesystem',
  category: 'security',
  // Off in `recommended`: there the engine reports it as part of service-hardening, one finding
  // per service for all three hardening settings (hardening.ts, ADR 005).
  severity: 'off',
  strictSeverity: 'info',
  partOf: 'service-hardening',
  fixes: 'changes-behaviour',
  refs: { cis: '5.12', cwe: 'CWE-732', checkov: [] },
  docs: {
    why: "With `read_only: true` an attacker who gets code execution cannot drop tools, modify binaries or persist in the container's filesystem (CIS Docker Benchmark 5.12). Writable paths the service really needs go on `tmpfs:` or volumes. A value written through a variable with no default is not guessed at.",
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    read_only: true\n    tmpfs: [/tmp]',
    fix: 'Adds `read_only: true` (or turns `false` into `true`; a `false` merged from an anchor is overridden in the service); add tmpfs mounts for the paths the service writes.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const entry = service.get('read_only');
      const value = entry ? scalarString(model, entry.value) : undefined;
      if (value?.unresolved) continue;
      const enabled = value ? parseComposeBool(value.value) : undefined;
      if (enabled === true) continue;
      const owned = ownsMapping(model, service);
      if (entry && value) {
        // Written in the service: flip it. Merged from an anchor or a base service: a key of the
        // service's own overrides it without touching the others.
        const fixes: Fix[] = [];
        // `${READ_ONLY:-false}` is a choice left to the environment: not rewritten.
        const viaVariable = String((entry.value as { value?: unknown }).value ?? '').includes('$');
        if (!viaVariable && owned && entry.owner === service.node)
          fixes.push({
            title: 'Set read_only: true',
            edits: [replaceScalarContent(model, entry.value!, 'true')],
            preferred: true,
          });
        else if (!viaVariable && owned)
          fixes.push({
            title: 'Add read_only: true',
            edits: [insertMapPair(model, service.node, ['read_only: true'])],
            preferred: true,
          });
        ctx.report({
          range: entry.owner === service.node ? model.rangeOf(entry.value!) : model.rangeOf(service.key),
          service: service.name,
          message: `Service "${service.name}" sets read_only: ${value.value}${entry.owner === service.node ? '' : ' (inherited)'}; make the root filesystem read-only and mount tmpfs where it writes`,
          fixes,
        });
        continue;
      }
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" has a writable root filesystem; add read_only: true (and tmpfs: for the paths it writes)`,
        // A misspelt `read-only:` is compose-schema's to rename; adding `read_only:` beside it would duplicate it.
        fixes:
          owned && !hasMisspeltServiceKey(service.node, 'read_only')
            ? [
                {
                  title: 'Add read_only: true',
                  edits: [insertMapPair(model, service.node, ['read_only: true'])],
                  preferred: true,
                },
              ]
            : [],
      });
    }
  },
});
