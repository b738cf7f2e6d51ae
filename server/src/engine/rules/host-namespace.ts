import { removePair } from '../compose/edits';
import { entriesOf, scalarString, servicesLabel } from '../compose/model';
import { defineRule } from '../rule';

// Each key that can join a host namespace (Compose Specification; `docker run --network/--pid/
// --ipc/--uts/--userns/--cgroupns host`), and what joining it gives the container.
const NAMESPACES: Record<string, string> = {
  network_mode: "joins the host's network: it reaches every host port and localhost-only service, with no network isolation",
  pid: "joins the host's process namespace: it sees, signals and (with ptrace) attaches to every process on the machine",
  ipc: "joins the host's IPC namespace: host shared memory and semaphores are readable and writable",
  uts: "joins the host's UTS namespace: it can change the host's hostname",
  userns_mode: 'opts out of user-namespace remapping: root in the container is root on the host',
  cgroup: "joins the host's cgroup namespace: it sees the host's whole cgroup tree",
};

// Keys that can instead join one other service's namespace (`service:<name>`).
const SHAREABLE = new Set(['network_mode', 'pid', 'ipc']);

export default defineRule({
  id: 'host-namespace',
  title: 'Host namespace shared',
  category: 'security',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: {
    cis: '5.9, 5.15, 5.16, 5.20, 5.30',
    cwe: 'CWE-668',
    kics: [
      'Host Namespace is Shared',
      'Shared Host IPC Namespace',
      'Shared Host Network Namespace',
      'Shared Host User Namespace',
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
        const written = String((entry.value as { value?: unknown }).value);
        ctx.report({
          range: model.rangeOf(entry.value!),
          service: services[0]!.name,
          message: `${servicesLabel(services)} ${services.length > 1 ? 'have' : 'has'} ${key}: host, which ${what}. Remove it unless the service cannot work without it${SHAREABLE.has(key) ? `; to share with one other service use "${key}: service:<name>"` : ''}`,
          // `${NETWORK_MODE:-host}` leaves the choice to the environment: offered, not applied by "fix all".
          fixes: [
            {
              title: `Remove ${key}: host`,
              edits: [removePair(model, entry.owner, entry.pair)],
              preferred: !written.includes('$'),
            },
          ],
        });
      }
    }
  },
});
