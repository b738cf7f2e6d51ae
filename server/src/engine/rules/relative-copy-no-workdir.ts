import { copyOperands } from '../dockerfile/copy-operands';
import { isAbsolutePath, unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

export default defineRule({
  id: 'relative-copy-no-workdir',
  title: 'Relative COPY destination without WORKDIR',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL3045'] },
  docs: {
    why: "Without a WORKDIR in the stage, a relative COPY or ADD destination lands in the base image's working directory, which is often `/` and may change when the base image does. Set WORKDIR first or copy to an absolute path. A WORKDIR in a stage this one builds on (`FROM <stage>`) counts; ARG and ENV values in the destination are expanded first.",
    bad: 'FROM node:22-slim\nCOPY package.json .',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .',
    fix: 'None automatic: add a WORKDIR before the COPY, or use an absolute destination.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'COPY', 'ADD')) {
        const keyword = instruction.getKeyword();
        if (model.workdirAt(stage, instruction).set) continue;
        const { destination } = copyOperands(instruction);
        if (!destination) continue;
        let value = unquote(destination.value);
        if (value.includes('$')) {
          const expanded = model.expandInStage(stage, value, instruction);
          // `$HOME/...` from the base image: unknown, and most likely absolute.
          if (expanded.unresolved) continue;
          value = expanded.value;
        }
        if (value === '' || isAbsolutePath(value)) continue;
        const shown = value === destination.value ? `"${value}"` : `"${destination.value}" ("${value}")`;
        ctx.report({
          range: destination.range,
          message: `${keyword} to the relative path ${shown} with no WORKDIR set in this stage, so it lands in the base image's working directory; set WORKDIR first or use an absolute destination`,
        });
      }
    }
  },
});
