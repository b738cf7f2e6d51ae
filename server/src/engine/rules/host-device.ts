import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { keyName, resolveAlias } from '../compose/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'host-device',
  title: 'Host device passed through',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.17', cwe: 'CWE-250', checkov: [] },
  docs: {
    why: 'A device in `devices:` is the raw host hardware inside the container: a disk (`/dev/sda`) can be read or rewritten block by block, `/dev/mem` exposes memory, GPUs and USB devices bypass isolation (CIS Docker Benchmark 5.17). Pass only the devices the service needs, read-only (`:r`) when possible.',
    bad: 'devices:\n  - /dev/sda:/dev/sda',
    good: 'devices:\n  - /dev/ttyUSB0:/dev/ttyUSB0:r',
    fix: 'None automatic: confirm the service needs the device, and restrict its permissions.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const list = service.get('devices')?.value;
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        const node = resolveAlias(model.doc, item as Node);
        if (!node) continue;
        let source: string | undefined;
        if (isScalar(node)) source = String(node.value ?? '').split(':')[0];
        else if (isMap(node)) {
          const pair = node.items.find((p) => keyName(p.key) === 'source');
          source = isScalar(pair?.value) ? String((pair!.value as { value: unknown }).value) : undefined;
        }
        ctx.report({
          range: model.rangeOf(node),
          service: service.name,
          message: `Service "${service.name}" gets the host device ${source ?? '(device)'}; pass devices only when required, with the narrowest permissions (:r)`,
        });
      }
    }
  },
});
