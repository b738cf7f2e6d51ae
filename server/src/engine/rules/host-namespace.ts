import { removePair } from '../compose/edits';
import { entriesOf, scalarString, servicesLabel } from '../compose/model';
import { defineRule } from '../rule';

// Each key that can join a host namespace, and what sharing it gives away.
const NAMESPACES: Record<string, string> = {
  network_mode: "the host's network stack (every port, localhost services, no network isolation)",
  pid: "the host's process table (see and signal every process)",
  ipc: "the host's shared memory and semaphores",
  uts: "the host's hostname",
  userns_mode: 'no user-namespace remapping (container root is host root)',
  cgroup: "the host's cgroup namespace",
};

export default defineRule({
  id: 'host-namespace',
  title: 'Host namespace shared',
  category: 'security',
  severity: 'error',
  refs: {
    cis: '5.9, 5.15, 5.16, 5.20, 5.30',
    cwe: 'CWE-668',
    kics: [
      'Host Namespace is Shared',
      'Shared Host IPC Namespace',
      'Shared Host Network Namespace',
      'Shared Host User Namespace',
      'Cgroup Not Default',
    ],
    checkov: [],
  },
  docs: {
    why: '`network_mode: host`, `pid: host`, `ipc: host`, `uts: host`, `userns_mode: host` and `cgroup: host` remove one of the walls between the container and the host: with the host PID namespace a process can see and signal (or ptrace) everything on the machine; with the host network it reaches every local service. Share with another container (`network_mode: service:x`, `pid: container:x`) when services need it.',
    bad: 'services:\n  monitor:\n    image: alpine:3.20\n    pid: host\n    network_mode: host',
    good: 'services:\n  monitor:\n    image: alpine:3.20\n    ports: ["127.0.0.1:9100:9100"]',
    fix: 'Removes the key.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const [key, what] of Object.entries(NAMESPACES)) {
      for (const { entry, services } of entriesOf(model, key)) {
        const value = scalarString(model, entry.value);
        if (!value || value.unresolved || value.value.trim().toLowerCase() !== 'host') continue;
        ctx.report({
          range: model.rangeOf(entry.value!),
          service: services[0]!.name,
          message: `${servicesLabel(services)} ${services.length > 1 ? 'share' : 'shares'} ${what} (${key}: host); remove it unless the service cannot work without it`,
          fixes: [{ title: `Remove ${key}: host`, edits: [removePair(model, entry.owner, entry.pair)], preferred: true }],
        });
      }
    }
  },
});
