import { appendSeqItem, insertMapPair, replaceScalarContent } from '../compose/edits';
import { childIndent, ownsMapping, parseComposeBool, writtenList } from '../compose/fields';
import { hasMisspeltServiceKey } from '../compose/key-names';
import { securityOptions } from '../compose/security-opt';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'no-new-privileges',
  title: 'no-new-privileges not set',
  category: 'security',
  // RULES.md lists warning; it is hardening rather than a flaw and fires on 39 of the 40 real
  // Compose files in the wild corpus, so info keeps it visible without drowning real exposures.
  // Off in `recommended`: there the engine reports it as part of service-hardening, one finding
  // per service for all three hardening settings (hardening.ts, ADR 005).
  severity: 'off',
  strictSeverity: 'info',
  partOf: 'service-hardening',
  fixes: 'changes-behaviour',
  refs: { cis: '5.25', cwe: 'CWE-269', kics: ['No New Privileges Not Set', 'Security Opt Not Set'], checkov: [] },
  docs: {
    why: '`no-new-privileges:true` stops processes in the container from gaining privileges through setuid/setgid binaries or file capabilities (`sudo`, `su`, a planted setuid shell), closing a common step from a compromised app user to root (CIS Docker Benchmark 5.25). It costs nothing for almost every service. Both spellings count (`no-new-privileges:true`, `no-new-privileges=true`, or the bare name); the last one written wins, as in Docker.',
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    security_opt:\n      - no-new-privileges:true',
    fix: "Adds `no-new-privileges:true` to security_opt (creating it in the file's list style), or turns `false` into `true`. A security_opt shared through an anchor is not edited, since that would change other services.",
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const { entry, list, options, unresolved } = securityOptions(service);
      // Docker applies the options in order, so the last no-new-privileges wins.
      const option = options.filter((o) => o.name === 'no-new-privileges').pop();
      if (option) {
        const enabled = option.separator === '' || parseComposeBool(option.value) === true;
        if (enabled) continue;
        ctx.report({
          range: model.rangeOf(option.node),
          service: service.name,
          message: `Service "${service.name}" sets no-new-privileges to "${option.value}": setuid binaries in the image can raise a process to root; set it to true`,
          fixes: [
            {
              title: 'Set no-new-privileges:true',
              edits: [replaceScalarContent(model, option.node, `no-new-privileges${option.separator}true`)],
              preferred: true,
            },
          ],
        });
        continue;
      }
      if (unresolved) continue; // an item written through a variable may be it
      let edit: TextEdit | undefined;
      // A security_opt merged from an anchor or a shared service map is left alone: editing it would change other services.
      const own = writtenList(service, 'security_opt');
      if (list && own && own.entry.owner === service.node && ownsMapping(model, service))
        edit = appendSeqItem(model, own.list, 'no-new-privileges:true');
      // A misspelt `security-opt:` is compose-schema's to rename; adding the real key beside it would duplicate it.
      else if (!entry && ownsMapping(model, service) && !hasMisspeltServiceKey(service.node, 'security_opt')) {
        const flow = model.prefersFlowSequences || service.node.flow;
        edit = insertMapPair(
          model,
          service.node,
          flow
            ? ['security_opt: [no-new-privileges:true]']
            : ['security_opt:', `${childIndent(model, service)}- no-new-privileges:true`],
        );
      }
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" does not set no-new-privileges: setuid binaries in the image can raise a process to root; add security_opt: [no-new-privileges:true]`,
        fixes: edit ? [{ title: 'Add no-new-privileges:true', edits: [edit], preferred: true }] : [],
      });
    }
  },
});
