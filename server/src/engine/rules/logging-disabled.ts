import { entriesOf, servicesLabel } from '../compose/model';
import { childOf, fieldText } from '../compose/reader';
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
    for (const { entry, services } of entriesOf(model, 'logging')) {
      const driverField = childOf(entry, 'driver');
      const driver = driverField?.value;
      const name = fieldText(driverField);
      // `${LOG_DRIVER:-none}` is none unless the environment says otherwise; `${LOG_DRIVER}` is not guessed at.
      if (!driver || !name || name.unresolved || name.value.trim() !== 'none') continue;
      ctx.report({
        range: model.rangeOf(driver),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'discard' : 'discards'} all logs (logging driver none): no audit trail and nothing for docker logs. Use json-file or local with rotation (max-size), or your central log driver`,
      });
    }
  },
});
