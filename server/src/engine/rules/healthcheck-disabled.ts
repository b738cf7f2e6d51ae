import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { keyName, resolveAlias } from '../compose/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'healthcheck-disabled',
  title: 'Healthcheck disabled',
  category: 'best-practice',
  severity: 'info',
  refs: { cis: '5.27', kics: ['Healthcheck Not Set'], checkov: [] },
  docs: {
    why: "`healthcheck: {disable: true}` or `test: NONE` switches off the image's own health check, so Docker and `depends_on: condition: service_healthy` can no longer tell a hung service from a working one.",
    bad: 'healthcheck:\n  disable: true',
    good: 'healthcheck:\n  test: ["CMD", "curl", "-fsS", "http://localhost/health"]\n  interval: 30s',
    fix: "None automatic: write a test that probes the service, or remove the override to keep the image's own.",
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const healthcheck = service.get('healthcheck')?.value;
      if (!isMap(healthcheck)) continue;
      for (const pair of healthcheck.items) {
        const key = keyName(pair.key);
        const value = resolveAlias(model.doc, pair.value as Node | null);
        const disabled =
          (key === 'disable' && isScalar(value) && (value.value === true || value.value === 'true')) ||
          (key === 'test' && isScalar(value) && String(value.value).toUpperCase() === 'NONE') ||
          (key === 'test' &&
            isSeq(value) &&
            isScalar(value.items[0]) &&
            String((value.items[0] as { value: unknown }).value).toUpperCase() === 'NONE');
        if (!disabled || !value) continue;
        ctx.report({
          range: model.rangeOf(value),
          service: service.name,
          message: `Service "${service.name}" disables its healthcheck; Docker cannot tell when it hangs. Define a test instead`,
        });
      }
    }
  },
});
