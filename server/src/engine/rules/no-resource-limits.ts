import { isMap, type Node } from 'yaml';
import { keyName, resolveAlias, scalarString, type ComposeModel, type ComposeService } from '../compose/model';
import { defineRule } from '../rule';

/** `deploy.resources.limits.<key>`, following aliases. */
function deployLimit(model: ComposeModel, service: ComposeService, key: string): Node | undefined {
  let node: Node | null | undefined = service.get('deploy')?.value;
  for (const name of ['resources', 'limits', key]) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => keyName(p.key) === name);
    node = pair ? resolveAlias(model.doc, pair.value as Node | null) : undefined;
  }
  return node ?? undefined;
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
      if (!service.get('mem_limit') && !deployLimit(model, service, 'memory')) missing.push('memory (mem_limit)');
      // pids_limit: -1 (or 0) means unlimited.
      const pids =
        scalarString(model, service.get('pids_limit')?.value) ?? scalarString(model, deployLimit(model, service, 'pids'));
      if (!pids || (!pids.unresolved && Number(pids.value) <= 0)) missing.push('process count (pids_limit)');
      if (missing.length === 0) continue;
      ctx.report({
        range: model.rangeOf(service.key),
        service: service.name,
        message: `Service "${service.name}" has no ${missing.join(' or ')} limit; one runaway container can starve the host`,
      });
    }
  },
});
