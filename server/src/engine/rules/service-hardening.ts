import { defineRule } from '../rule';

// Reported by the engine (hardening.ts), which runs cap-drop-all, no-new-privileges and
// read-only-rootfs as its parts while the user has configured none of them: one finding per
// service instead of three (issue 17: 25 info findings per real Compose file, 9 in 10 of them
// these three rules). ADR 005.
export default defineRule({
  id: 'service-hardening',
  title: 'Service not hardened',
  category: 'security',
  severity: 'info',
  fixes: 'changes-behaviour',
  refs: { cis: '5.3, 5.12, 5.25', cwe: 'CWE-250' },
  docs: {
    why: "Three settings take most of an attacker's options away in a container that is broken into: `cap_drop: [ALL]` (Docker's 14 default capabilities, CIS 5.3), `security_opt: [no-new-privileges:true]` (no privilege gain through setuid binaries, CIS 5.25) and `read_only: true` (no tools dropped or binaries changed, CIS 5.12). At default settings a service that misses any of them draws this one finding, naming each missing setting; the checks are the rules [cap-drop-all](cap-drop-all.md), [no-new-privileges](no-new-privileges.md) and [read-only-rootfs](read-only-rootfs.md), which are off in the `recommended` preset so the same advice is not given three times per service. Configure one of them (`cap-drop-all: warning`) or use `extends: strict` and it reports on its own, leaving this finding to the others. A suppression naming one of the three ids (`# shipshape-ignore read-only-rootfs -- writes to /var/lib`, a config override turning it off for a service) takes that setting out of the service's finding; `# shipshape-ignore service-hardening` or `service-hardening: off` silences all three.",
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    read_only: true\n    tmpfs: [/tmp]',
    fix: "One fix adds every missing setting at once, each as its own rule's fix writes it (`cap_drop: [ALL]`, `no-new-privileges:true` in security_opt, `read_only: true`); each setting's fix is also offered alone, for a service that cannot take all three (a database that writes outside its volumes cannot run read-only). Then add `cap_add` for the capabilities the service needs and `tmpfs:` for the paths it writes.",
  },
  reportedByEngine: ['compose'],
});
