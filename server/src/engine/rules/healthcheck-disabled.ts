import { isScalar, isSeq, type Node } from 'yaml';
import { fieldOf, parseComposeBool } from '../compose/fields';
import { entriesOf, resolveAlias, scalarString, servicesLabel, type ComposeModel } from '../compose/model';
import { defineRule } from '../rule';

/** The node that switches the check off: `disable: true`, `test: NONE` or `test: ["NONE"]` (Compose Specification, healthcheck). */
function disabledBy(model: ComposeModel, healthcheck: Node | null): { node: Node; how: string } | undefined {
  const disable = fieldOf(model, healthcheck, 'disable')?.value;
  const flag = scalarString(model, disable);
  if (disable && flag && !flag.unresolved && parseComposeBool(flag.value) === true)
    return { node: disable, how: 'disable: true' };
  const test = fieldOf(model, healthcheck, 'test')?.value;
  const first = isSeq(test) ? resolveAlias(model.doc, test.items[0] as Node) : test;
  const word = isScalar(first) ? scalarString(model, first) : undefined;
  if (test && word && !word.unresolved && word.value.trim() === 'NONE') return { node: test, how: 'test: NONE' };
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
      const disabled = disabledBy(model, entry.value);
      if (!disabled) continue;
      ctx.report({
        range: model.rangeOf(disabled.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'turn' : 'turns'} off the healthcheck (${disabled.how}): Docker and depends_on: service_healthy cannot tell a hung service from a working one. Define a test that probes it, or remove the override to keep the image's own`,
      });
    }
  },
});
