import { removeListEntry } from '../compose/edits';
import { securityOptions } from '../compose/security-opt';
import { defineRule } from '../rule';

function unconfined(name: string, value: string): string | undefined {
  const v = value.toLowerCase();
  if (name === 'seccomp' && v === 'unconfined') return 'turns off the seccomp system-call filter';
  if (name === 'apparmor' && v === 'unconfined') return 'turns off the AppArmor profile';
  if (name === 'label' && v === 'disable') return 'turns off SELinux labelling';
  if (name === 'systempaths' && v === 'unconfined') return 'unmasks /proc and /sys paths the kernel hides from containers';
  return undefined;
}

export default defineRule({
  id: 'unconfined-profile',
  title: 'Security profile turned off',
  category: 'security',
  severity: 'error',
  refs: { cis: '5.1, 5.2, 5.21', cwe: 'CWE-693', kics: ['Default Seccomp Profile Disabled'], checkov: [] },
  docs: {
    why: "Docker's default seccomp profile blocks about 50 dangerous system calls, and AppArmor/SELinux confine what a container can touch; `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove those layers, which is how many container escapes become possible (CIS Docker Benchmark 5.1, 5.2, 5.21). Write a custom profile that allows the one extra call instead.",
    bad: 'security_opt:\n  - seccomp:unconfined',
    good: 'security_opt:\n  - seccomp:./seccomp-with-perf.json\n  - no-new-privileges:true',
    fix: 'Removes the item (and `security_opt` when it was the only one).',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const { entry, list, options } = securityOptions(model, service);
      if (!entry || !list) continue;
      for (const option of options) {
        const what = unconfined(option.name, option.value);
        if (!what) continue;
        ctx.report({
          range: model.rangeOf(option.node),
          service: service.name,
          message: `Service "${service.name}": security_opt ${option.name}:${option.value} ${what}; remove it, or use a custom profile that allows only what is needed`,
          fixes: [
            {
              title: `Remove ${option.name}:${option.value}`,
              edits: [removeListEntry(model, list, option.node, { map: entry.owner, pair: entry.pair })],
              preferred: true,
            },
          ],
        });
      }
    }
  },
});
