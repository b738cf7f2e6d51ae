import { removeListEntry } from '../compose/edits';
import { groupByNode } from '../compose/fields';
import { servicesLabel } from '../compose/model';
import { securityOptions, type SecurityOption } from '../compose/security-opt';
import { defineRule } from '../rule';

// The daemon compares names and values exactly (daemon/oci_linux.go, daemon/create.go): these are
// the spellings that switch a layer off; anything else is a profile name or path, or an error.
function unconfined(name: string, value: string): string | undefined {
  if (name === 'seccomp' && value === 'unconfined') return 'turns off the seccomp system-call filter';
  if (name === 'apparmor' && value === 'unconfined') return 'turns off the AppArmor profile';
  if (name === 'label' && value === 'disable') return 'turns off SELinux labelling';
  if (name === 'systempaths' && value === 'unconfined') return 'unmasks the /proc and /sys paths Docker hides from containers';
  return undefined;
}

interface Placed extends SecurityOption {
  remove: ReturnType<typeof removeListEntry>;
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
    const placed = groupByNode(model, (service): Placed[] => {
      const { entry, list, options } = securityOptions(service);
      if (!entry || !list) return [];
      return options
        .filter((option) => unconfined(option.name, option.value))
        .map((option) => ({
          ...option,
          remove: removeListEntry(model, list, option.node, { map: entry.owner, pair: entry.pair }),
        }));
    });
    for (const { value: option, services } of placed) {
      const spelled = `${option.name}${option.separator}${option.value}`;
      ctx.report({
        range: model.rangeOf(option.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)}: security_opt ${spelled} ${unconfined(option.name, option.value)!}; remove it, or write a custom profile that allows only the extra calls the service needs`,
        // Written through a variable, the choice is the environment's: offered, not applied by "fix all".
        fixes: [
          {
            title: `Remove ${spelled}`,
            edits: [option.remove],
            preferred: !String((option.node as { value?: unknown }).value).includes('$'),
          },
        ],
      });
    }
  },
});
