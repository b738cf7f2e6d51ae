import { isSeq } from 'yaml';
import { capabilityOf } from '../compose/capabilities';
import { appendSeqItem, insertMapPair } from '../compose/edits';
import { childIndent, writtenList } from '../compose/fields';
import { hasMisspeltServiceKey } from '../compose/key-names';
import { fieldItems } from '../compose/reader';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'cap-drop-all',
  title: 'Capabilities not dropped',
  category: 'security',
  // Off in `recommended`: there the engine reports it as part of service-hardening, one finding
  // per service for all three hardening settings (hardening.ts, ADR 005).
  severity: 'off',
  strictSeverity: 'info',
  partOf: 'service-hardening',
  fixes: 'changes-behaviour',
  refs: { cis: '5.3', cwe: 'CWE-250', kics: ['Container Capabilities Unrestricted'], checkov: [] },
  docs: {
    why: 'Docker starts containers with a default set of 14 capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, ...) that most services never use and that an attacker in the container can. `cap_drop: [ALL]` removes them; `cap_add` then lists the few a service needs (NET_BIND_SERVICE for ports below 1024, for example).',
    bad: 'services:\n  api:\n    image: nginx:1.27',
    good: 'services:\n  api:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]',
    fix: 'Adds `cap_drop: [ALL]` to the service in the list style the file already uses, or adds ALL to an existing cap_drop list.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const entry = service.get('cap_drop');
      const list = entry?.value;
      const capabilities = fieldItems(entry).map(capabilityOf);
      if (capabilities.includes('ALL')) continue;
      // A cap_drop written through a variable may well be ALL: not guessed at.
      if (isSeq(list) && capabilities.includes(undefined)) continue;
      let edit: TextEdit | undefined;
      const own = writtenList(service, 'cap_drop');
      if (isSeq(list) && own && own.entry.owner === service.node) edit = appendSeqItem(model, own.list, 'ALL');
      // A cap_drop merged from an anchor is shared with other services: no automatic edit there.
      // A misspelt `cap-drop:` is compose-schema's to rename; adding `cap_drop:` beside it would duplicate it.
      else if (!entry && !hasMisspeltServiceKey(service.node, 'cap_drop'))
        edit = insertMapPair(
          model,
          service.node,
          model.prefersFlowSequences || service.node.flow
            ? ['cap_drop: [ALL]']
            : ['cap_drop:', `${childIndent(model, service)}- ALL`],
        );
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" keeps Docker's default capabilities; add cap_drop: [ALL] and cap_add only what it needs`,
        fixes: edit ? [{ title: 'Add cap_drop: [ALL]', edits: [edit], preferred: true }] : [],
      });
    }
  },
});
