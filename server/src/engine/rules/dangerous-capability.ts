import { isSeq, type Node } from 'yaml';
import { capabilityOf } from '../compose/capabilities';
import { removePair, removeSeqItem } from '../compose/edits';
import { servicesLabel, type ComposeService } from '../compose/model';
import { writtenList } from '../compose/fields';
import { fieldItems } from '../compose/reader';
import { defineRule } from '../rule';
import type { Fix } from '../types';

// What each capability hands the container (capabilities(7)); ALL and SYS_ADMIN amount to root on the host.
const DANGEROUS: Record<string, string> = {
  ALL: 'every capability, the same as privileged for most escapes',
  SYS_ADMIN: 'mount, namespace and BPF operations: the classic container escape',
  NET_ADMIN: 'control of network interfaces, routes and firewall rules',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_MODULE: 'loading kernel modules into the host kernel',
  SYS_RAWIO: 'raw I/O to devices and memory',
  SYS_BOOT: 'rebooting the host',
  SYS_TIME: 'setting the host clock',
  DAC_READ_SEARCH: 'reading any file, bypassing permissions (the "shocker" escape)',
  DAC_OVERRIDE: 'writing any file, bypassing permissions',
  MAC_ADMIN: 'changing the LSM (AppArmor/SELinux) policy',
  MAC_OVERRIDE: 'bypassing the LSM policy',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring, a kernel attack surface',
  NET_RAW: 'raw sockets, for spoofing and ARP/DNS poisoning on the host network',
  SETFCAP: 'granting file capabilities to binaries',
  LINUX_IMMUTABLE: 'changing immutable and append-only files',
};

const SEVERE = new Set(['ALL', 'SYS_ADMIN']);

export default defineRule({
  id: 'dangerous-capability',
  title: 'Dangerous capability added',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cis: '5.3', cwe: 'CWE-250', kics: ['Container Capabilities Unrestricted'], checkov: [] },
  docs: {
    why: 'Linux capabilities split root into pieces; `cap_add` hands pieces back. ALL and SYS_ADMIN are nearly root on the host (error); NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, SYS_TIME, DAC_READ_SEARCH, DAC_OVERRIDE, MAC_ADMIN, MAC_OVERRIDE, BPF, PERFMON, NET_RAW, SETFCAP and LINUX_IMMUTABLE each open a known escape or host-wide effect (warning). Names match in any case, with or without `CAP_`, in block or flow lists.',
    bad: 'services:\n  vpn:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n      - NET_ADMIN',
    good: 'services:\n  vpn:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]',
    fix: 'Removes the item (and `cap_add` when it was the only one). Add back only what the service proves to need.',
  },
  compose(ctx) {
    const { model } = ctx;
    // One finding per item as written, naming every service that gets it (an anchor, or a base
    // service others extend). The fix edits the list the item is written in, through a service
    // that writes it (its own `cap_add`, before `extends` merges in its base's).
    const found = new Map<Node, { services: ComposeService[]; capability: string; fix?: { service: string; fix: Fix } }>();
    for (const service of model.services) {
      const entry = service.get('cap_add');
      if (!entry || !isSeq(entry.value)) continue;
      for (const item of fieldItems(entry)) {
        const capability = capabilityOf(item);
        if (!item.node || !capability || !(capability in DANGEROUS)) continue;
        let placed = found.get(item.written);
        if (!placed) found.set(item.written, (placed = { services: [], capability }));
        placed.services.push(service);
        const own = placed.fix ? undefined : writtenList(service, 'cap_add', item.written);
        if (!own) continue;
        const edit =
          fieldItems(own.entry).length === 1
            ? removePair(model, own.entry.owner, own.entry.pair)
            : removeSeqItem(model, own.list, item.written);
        placed.fix = {
          service: service.name,
          fix: { title: `Remove ${capability} from cap_add`, edits: [edit], preferred: true },
        };
      }
    }
    for (const [written, { services, capability, fix }] of found) {
      ctx.report({
        range: model.rangeOf(written),
        service: fix?.service ?? services[0]!.name,
        severity: SEVERE.has(capability) ? 'error' : 'warning',
        message: `${servicesLabel(services)} ${services.length > 1 ? 'add' : 'adds'} capability ${capability}: ${DANGEROUS[capability]}; remove it unless the service cannot work without it`,
        fixes: fix ? [fix.fix] : [],
      });
    }
  },
});
