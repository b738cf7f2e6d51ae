import type { ComposeService } from '../compose/model';
import { fieldAt, fieldText, type Field } from '../compose/reader';
import { defineRule } from '../rule';

/** The limit: the service key (`mem_limit`) or `deploy.resources.limits.<key>`, merges followed. */
function limitOf(service: ComposeService, serviceKey: string, deployKey: string): Field | undefined {
  const own = service.get(serviceKey);
  if (own) return own;
  const deploy = service.get('deploy');
  return deploy ? fieldAt(deploy.document, deploy.value, ['resources', 'limits', deployKey]) : undefined;
}

/**
 * Whether a limit is set. 0 and -1 mean unlimited to Docker (memory 0, pids_limit 0 or -1); a
 * value written through an unresolved variable counts as set (it is not guessed at).
 */
function isLimited(limit: Field | undefined): boolean {
  const value = fieldText(limit);
  if (!value) return false;
  if (value.unresolved) return true;
  const text = value.value.trim();
  return text !== '' && !/^(?:-1|0+[a-zA-Z]*)$/.test(text);
}

export default defineRule({
  id: 'no-resource-limits',
  title: 'No memory or process limit',
  category: 'security',
  severity: 'off',
  strictSeverity: 'info',
  refs: { cis: '5.10, 5.28', cwe: 'CWE-770', kics: ['Memory Not Limited', 'Pids Limit Not Set'], checkov: [] },
  docs: {
    why: "Without a memory limit one container can exhaust the host's memory and take its neighbours down; without a pids limit a fork bomb does the same with process slots (CIS Docker Benchmark 5.10, 5.28). Off by default because limits are workload-specific; `strict` turns it on.",
    bad: 'services:\n  api:\n    image: node:22-slim',
    good: 'services:\n  api:\n    image: node:22-slim\n    mem_limit: 512m\n    pids_limit: 200',
    fix: 'None automatic: measure the service and set `mem_limit` (or `deploy.resources.limits.memory`) and `pids_limit`.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      const missing: string[] = [];
      if (!isLimited(limitOf(service, 'mem_limit', 'memory'))) missing.push('memory limit (mem_limit)');
      if (!isLimited(limitOf(service, 'pids_limit', 'pids'))) missing.push('process count limit (pids_limit)');
      if (missing.length === 0) continue;
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" has no ${missing.join(' and no ')}; one runaway or compromised container can starve the host. Measure it and set a limit`,
      });
    }
  },
});
