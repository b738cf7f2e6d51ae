import { isMap, isScalar, type Node } from 'yaml';
import { keyName, resolveAlias } from '../compose/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'logging-disabled',
  title: 'Container logging disabled',
  category: 'security',
  severity: 'info',
  refs: { cwe: 'CWE-778', checkov: [] },
  docs: {
    why: '`logging: {driver: none}` discards everything the service writes to stdout and stderr: `docker logs` shows nothing and no central log collector receives an audit trail when something goes wrong.',
    bad: 'logging:\n  driver: none',
    good: 'logging:\n  driver: json-file\n  options:\n    max-size: 10m\n    max-file: "3"',
    fix: 'None automatic: use a real driver with rotation (json-file/local with max-size) or ship to your log collector.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const logging = service.get('logging')?.value;
      if (!isMap(logging)) continue;
      const pair = logging.items.find((p) => keyName(p.key) === 'driver');
      const driver = pair ? resolveAlias(model.doc, pair.value as Node | null) : null;
      if (!isScalar(driver) || String(driver.value).toLowerCase() !== 'none') continue;
      ctx.report({
        range: model.rangeOf(driver),
        service: service.name,
        message: `Service "${service.name}" discards its logs (logging driver none): no audit trail; use json-file or local with rotation`,
      });
    }
  },
});
