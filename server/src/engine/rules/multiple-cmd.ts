import { removeLines } from '../fix';
import { defineRule } from '../rule';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export default defineRule({
  id: 'multiple-cmd',
  title: 'CMD, ENTRYPOINT or HEALTHCHECK repeated',
  category: 'correctness',
  severity: 'warning',
  fixes: 'safe',
  refs: {
    cwe: 'CWE-1041',
    hadolint: ['DL4003', 'DL4004', 'DL3012'],
    kics: ['Multiple CMD Instructions Listed', 'Multiple ENTRYPOINT Instructions Listed'],
    checkov: [],
    trivy: ['DS016', 'DS007', 'DS023'],
    buildkit: ['MultipleInstructionsDisallowed'],
  },
  docs: {
    why: 'Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect; earlier ones are silently ignored, so the Dockerfile says one thing and the image does another.',
    bad: 'CMD ["node", "server.js"]\nCMD ["node", "worker.js"]',
    good: 'CMD ["node", "worker.js"]',
    fix: 'Removes the earlier, ineffective instructions.',
  },
  reach: 'stage-in-place',
  dockerfile(ctx) {
    for (const stage of ctx.model.stages) {
      for (const keyword of ONCE) {
        const all = ctx.model.instructionsNamed(stage, keyword);
        const last = all[all.length - 1];
        if (!last) continue;
        for (const earlier of all.slice(0, -1)) {
          const range = earlier.getRange();
          ctx.report({
            range: earlier.getInstructionRange(),
            message: `This ${keyword} is overridden by the ${keyword} on line ${last.getRange().start.line + 1}; only the last one in a stage takes effect`,
            fixes: [
              {
                title: `Remove the ineffective ${keyword}`,
                edits: [removeLines(ctx.model.index, range.start.line, range.end.line)],
                preferred: true,
              },
            ],
          });
        }
      }
    }
  },
});
