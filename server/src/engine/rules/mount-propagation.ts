import { groupByNode, itemRange } from '../compose/fields';
import { servicesLabel } from '../compose/model';
import { serviceVolumes, shownHostPath } from '../compose/volumes';
import { defineRule } from '../rule';

export default defineRule({
  id: 'mount-propagation',
  title: 'Bind mount with shared propagation',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.19', cwe: 'CWE-668', kics: ['Volume Mounted In Multiple Containers'], checkov: [] },
  docs: {
    why: 'With `shared` or `rshared` propagation, mounts made inside the container appear on the host and the other way round, so a compromised container can mount over host paths (CIS Docker Benchmark 5.19). The default (rprivate) keeps the mount namespaces apart.',
    bad: 'volumes:\n  - /mnt/data:/data:rshared',
    good: 'volumes:\n  - /mnt/data:/data',
    fix: 'None automatic: drop the propagation option (or use rslave) unless a storage driver really needs mounts to flow back to the host.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { value: volume, services } of groupByNode(model, (service) => serviceVolumes(model, service))) {
      // slave/rslave only let host mounts into the container, the way Docker's own propagation docs
      // recommend for agents that need to see new host mounts; shared ones leak out as well.
      if (volume.propagation !== 'shared' && volume.propagation !== 'rshared') continue;
      const source = volume.source ? ` ${shownHostPath(volume, volume.source)}` : '';
      ctx.report({
        range: itemRange(model, volume.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'mount' : 'mounts'}${source} with ${volume.propagation} propagation: mounts made in the container appear on the host and the other way round. Use the default (rprivate), or rslave if it only needs to see new host mounts`,
      });
    }
  },
});
