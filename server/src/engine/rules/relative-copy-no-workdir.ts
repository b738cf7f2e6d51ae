import type { Stage } from '../dockerfile/model';
import { argsOf } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

/** Whether a WORKDIR is in force before `line` in the stage or a stage it builds on. */
function hasWorkdirBefore(stage: Stage, line: number): boolean {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    if (s.instructions.some((i) => i.getKeyword() === 'WORKDIR' && (s !== stage || i.getRange().start.line < line))) return true;
  }
  return false;
}

export default defineRule({
  id: 'relative-copy-no-workdir',
  title: 'Relative COPY destination without WORKDIR',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL3045'], checkov: [] },
  docs: {
    why: "Without a WORKDIR in the stage, a relative COPY or ADD destination lands in the base image's working directory, which is often `/` and may change when the base image does. Set WORKDIR first or copy to an absolute path.",
    bad: 'FROM node:22-slim\nCOPY package.json .',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .',
    fix: 'None automatic: add a WORKDIR before the COPY, or use an absolute destination.',
  },
  dockerfile(ctx) {
    for (const stage of ctx.model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const args = argsOf(instruction);
        const destination = args[args.length - 1];
        if (args.length < 2 || !destination) continue;
        const value = destination.value;
        if (value.startsWith('/') || value.startsWith('$') || /^[A-Za-z]:[\\/]/.test(value)) continue;
        if (hasWorkdirBefore(stage, instruction.getRange().start.line)) continue;
        ctx.report({
          range: destination.range,
          message: `${keyword} to the relative path "${value}" with no WORKDIR set in this stage; set WORKDIR first or use an absolute destination`,
        });
      }
    }
  },
});
