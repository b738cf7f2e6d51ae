import { removePair } from '../compose/edits';
import { entriesOf, scalarString, servicesLabel } from '../compose/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'privileged',
  title: 'Service runs privileged',
  category: 'security',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { cis: '5.4', cwe: 'CWE-250', kics: ['Privileged Containers Enabled'], checkov: [], trivy: [] },
  docs: {
    why: '`privileged: true` gives the container every capability, all host devices and no seccomp, AppArmor or SELinux confinement: root in the container is root on the host, and escaping takes one command. Grant the one capability or device the workload needs instead (`cap_add`, `devices`).',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    privileged: true',
    good: 'services:\n  app:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]',
    fix: 'Removes the `privileged` key. If the service then fails, add the specific capability or device it needs.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { entry, services } of entriesOf(model, 'privileged')) {
      const value = scalarString(model, entry.value);
      if (!value || value.unresolved || !/^true$/i.test(value.value.trim())) continue;
      const who = servicesLabel(services);
      ctx.report({
        range: model.rangeOf(entry.value!),
        service: services[0]!.name,
        message: `${who} ${services.length > 1 ? 'run' : 'runs'} privileged: every capability and host device, with no confinement; remove privileged: true and add only the capabilities needed`,
        fixes: [{ title: 'Remove privileged: true', edits: [removePair(model, entry.owner, entry.pair)], preferred: true }],
      });
    }
  },
});
