import { lineage } from '../dockerfile/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'missing-healthcheck',
  title: 'No HEALTHCHECK in the final image',
  category: 'best-practice',
  severity: 'off',
  strictSeverity: 'info',
  refs: {
    cis: '4.6',
    cwe: 'CWE-693',
    hadolint: ['DL3057'],
    kics: ['Healthcheck Instruction Missing'],
    checkov: ['CKV_DOCKER_2'],
    trivy: ['DS026'],
  },
  docs: {
    why: 'Without a HEALTHCHECK, Docker (and Compose `depends_on: condition: service_healthy`) only knows whether the process exists, not whether it serves requests (CIS Docker Benchmark 4.6). Off by default: Kubernetes uses its own probes and ignores HEALTHCHECK; `strict` turns it on. `HEALTHCHECK NONE` counts as a deliberate choice.',
    bad: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html',
    good: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1',
    fix: 'None automatic: add a HEALTHCHECK that probes what the service actually serves.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const final = ctx.model.finalStage;
    if (!final) return;
    for (const s of lineage(final)) {
      if (s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')) return;
    }
    ctx.report({
      range: final.from.getInstructionRange(),
      message:
        'The final image has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one; add HEALTHCHECK CMD <probe> (or HEALTHCHECK NONE to opt out)',
    });
  },
});
