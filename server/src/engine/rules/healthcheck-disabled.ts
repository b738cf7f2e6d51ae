import { isSeq, type Node } from 'yaml';
import { parseComposeBool } from '../compose/fields';
import { entriesOf, servicesLabel } from '../compose/model';
import { childOf, fieldItems, fieldText, scalarText, type Field } from '../compose/reader';
import { defineRule } from '../rule';

/** The node that switches the check off: `disable: true`, `test: NONE` or `test: ["NONE"]` (Compose Specification, healthcheck). */
function disabledBy(healthcheck: Field): { node: Node; how: string } | undefined {
  const disable = childOf(healthcheck, 'disable');
  const flag = fieldText(disable);
  if (disable?.value && flag && !flag.unresolved && parseComposeBool(flag.value) === true)
    return { node: disable.value, how: 'disable: true' };
  const test = childOf(healthcheck, 'test');
  const first = isSeq(test?.value) ? fieldItems(test)[0] : undefined;
  const word = first ? scalarText(first.document, first.node) : fieldText(test);
  if (test?.value && word && !word.unresolved && word.value.trim() === 'NONE') return { node: test.value, how: 'test: NONE' };
  return undefined;
}

export default defineRule({
  id: 'healthcheck-disabled',
  title: 'Healthcheck disabled',
  category: 'best-practice',
  severity: 'info',
  refs: { cis: '5.27', cwe: 'CWE-754', kics: ['Healthcheck Not Set'], checkov: [] },
  docs: {
    why: "`healthcheck: {disable: true}` or `test: NONE` switches off the image's own health check, so Docker and `depends_on: condition: service_healthy` can no longer tell a hung service from a working one.",
    bad: 'healthcheck:\n  disable: true',
    good: 'healthcheck:\n  test: ["CMD", "curl", "-fsS", "http://localhost/health"]\n  interval: 30s',
    fix: "None automatic: write a test that probes the service, or remove the override to keep the image's own.",
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { entry, services } of entriesOf(model, 'healthcheck')) {
      const disabled = disabledBy(entry);
      if (!disabled) continue;
      ctx.report({
        range: model.rangeOf(disabled.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'turn' : 'turns'} off the healthcheck (${disabled.how}): Docker and depends_on: service_healthy cannot tell a hung service from a working one. Define a test that probes it, or remove the override to keep the image's own`,
      });
    }
  },
});
