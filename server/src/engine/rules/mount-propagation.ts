import { serviceVolumes } from '../compose/volumes';
import { defineRule } from '../rule';

export default defineRule({
  id: 'mount-propagation',
  title: 'Bind mount with shared propagation',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.19', cwe: 'CWE-668', checkov: [] },
  docs: {
    why: 'With `shared` or `rshared` propagation, mounts made inside the container appear on the host and the other way round, so a compromised container can mount over host paths (CIS Docker Benchmark 5.19). The default (rprivate) keeps the mount namespaces apart.',
    bad: 'volumes:\n  - /mnt/data:/data:rshared',
    good: 'volumes:\n  - /mnt/data:/data',
    fix: 'None automatic: drop the propagation option unless a storage driver really needs it.',
  },
  compose(ctx) {
    for (const service of ctx.model.services) {
      for (const volume of serviceVolumes(ctx.model, service)) {
        if (volume.propagation !== 'shared' && volume.propagation !== 'rshared') continue;
        ctx.report({
          range: ctx.model.rangeOf(volume.node),
          service: service.name,
          message: `Service "${service.name}" mounts ${volume.source ?? 'a path'} with ${volume.propagation} propagation: mounts leak between the container and the host; use the default (rprivate)`,
        });
      }
    }
  },
});
