import { appendSeqItem, insertMapPair, replaceScalarContent } from '../compose/edits';
import { securityOptions } from '../compose/security-opt';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'no-new-privileges',
  title: 'no-new-privileges not set',
  category: 'security',
  // Hardening rather than a flaw: it fires on 39 of 40 real Compose files in the wild corpus, so
  // info keeps it visible without drowning the findings that are real exposures.
  severity: 'info',
  refs: { cis: '5.25', cwe: 'CWE-269', kics: ['No New Privileges Not Set', 'Security Opt Not Set'], checkov: [] },
  docs: {
    why: '`no-new-privileges:true` stops processes in the container from gaining privileges through setuid/setgid binaries or file capabilities (`sudo`, `su`, a planted setuid shell), closing a common step from a compromised app user to root (CIS Docker Benchmark 5.25). It costs nothing for almost every service.',
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    security_opt:\n      - no-new-privileges:true',
    fix: "Adds `no-new-privileges:true` to security_opt (creating it in the file's list style), or turns `false` into `true`.",
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const { entry, list, options } = securityOptions(model, service);
      const option = options.find((o) => o.name === 'no-new-privileges');
      if (option && (option.value === '' || option.value.toLowerCase() === 'true')) continue;
      if (option) {
        ctx.report({
          range: model.rangeOf(option.node),
          service: service.name,
          message: `Service "${service.name}" sets no-new-privileges to ${option.value}: setuid binaries can raise privileges; set it to true`,
          fixes: [
            {
              title: 'Set no-new-privileges:true',
              edits: [replaceScalarContent(model, option.node, 'no-new-privileges:true')],
              preferred: true,
            },
          ],
        });
        continue;
      }
      // A security_opt shared through an anchor is left alone: editing it would change other services.
      let edit: TextEdit | undefined;
      if (list && entry!.owner === service.node) edit = appendSeqItem(model, list, 'no-new-privileges:true');
      else if (!entry) {
        const flow = model.prefersFlowSequences || service.node.flow;
        edit = insertMapPair(
          model,
          service.node,
          flow ? ['security_opt: [no-new-privileges:true]'] : ['security_opt:', '  - no-new-privileges:true'],
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
