import { removeListEntry } from '../compose/edits';
import { groupByNode, writtenList } from '../compose/fields';
import { servicesLabel } from '../compose/model';
import { securityOptions, type SecurityOption } from '../compose/security-opt';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

// The daemon compares names and values exactly (daemon/oci_linux.go, daemon/create.go): these are
// the spellings that switch a layer off; anything else is a profile name or path, or an error.
function unconfined(name: string, value: string): string | undefined {
  if (name === 'seccomp' && value === 'unconfined') return 'turns off the seccomp system-call filter';
  if (name === 'apparmor' && value === 'unconfined') return 'turns off the AppArmor profile';
  if (name === 'label' && value === 'disable') return 'turns off SELinux labelling';
  if (name === 'systempaths' && value === 'unconfined') return 'unmasks the /proc and /sys paths Docker hides from containers';
  return undefined;
}

export default defineRule({
  id: 'unconfined-profile',
  title: 'Security profile turned off',
  category: 'security',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { cis: '5.1, 5.2, 5.21', cwe: 'CWE-693', kics: ['Default Seccomp Profile Disabled'], checkov: [] },
  docs: {
    why: "Docker's default seccomp profile blocks about 50 dangerous system calls, and AppArmor/SELinux confine what a container can touch; `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove those layers, which is how many container escapes become possible (CIS Docker Benchmark 5.1, 5.2, 5.21). Write a custom profile that allows the one extra call instead.",
    bad: 'security_opt:\n  - seccomp:unconfined',
    good: 'security_opt:\n  - seccomp:./seccomp-with-perf.json\n  - no-new-privileges:true',
    fix: 'Removes the item (and `security_opt` when it was the only one).',
  },
  compose(ctx) {
    const { model } = ctx;
    const placed = groupByNode(model, (service): SecurityOption[] => {
      const { entry, list, options } = securityOptions(service);
      if (!entry || !list) return [];
      return options.filter((option) => unconfined(option.name, option.value));
    });
    for (const { value: option, services } of placed) {
      const spelled = `${option.name}${option.separator}${option.value}`;
      // Removed from the list it is written in, through a service that writes that list itself
      // (a list merged from a service and its base has no text of its own).
      let remove: TextEdit | undefined;
      let fixing = services[0]!;
      for (const service of services) {
        const own = writtenList(service, 'security_opt', option.node);
        if (!own) continue;
        remove = removeListEntry(model, own.list, option.node, { map: own.entry.owner, pair: own.entry.pair });
        fixing = service;
        break;
      }
      ctx.report({
        range: model.rangeOf(option.node),
        service: fixing.name,
        message: `${servicesLabel(services)}: security_opt ${spelled} ${unconfined(option.name, option.value)!}; remove it, or write a custom profile that allows only the extra calls the service needs`,
        // Written through a variable, the choice is the environment's: offered, not applied by "fix all".
        fixes: remove
          ? [
              {
                title: `Remove ${spelled}`,
                edits: [remove],
                preferred: !String((option.node as { value?: unknown }).value).includes('$'),
              },
            ]
          : [],
      });
    }
  },
});
