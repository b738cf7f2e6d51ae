import { flag } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

/** A value Docker would pull as an image: it has a registry, namespace, tag or digest. */
function looksLikeImage(value: string): boolean {
  return /[/:@.]/.test(value);
}

export default defineRule({
  id: 'copy-from-stage',
  title: 'COPY --from names no earlier stage',
  category: 'correctness',
  severity: 'error',
  refs: { hadolint: ['DL3022', 'DL3023'], kics: ["COPY '--from' References Current FROM Alias"], checkov: [] },
  docs: {
    why: "`COPY --from` takes a stage defined above, a stage index, or an image. Naming the current stage is an error, a stage defined further down is not visible yet, and a plain name that is no stage is pulled as a Docker Hub image, usually a typo that fails the build or, worse, pulls someone else's image.",
    bad: 'FROM golang:1.23 AS build\nCOPY --from=biuld /out/app /app',
    good: 'COPY --from=build /out/app /app',
    fix: 'None automatic: name a stage defined above (or a full image reference with a tag).',
  },
  dockerfile(ctx) {
    const { stages } = ctx.model;
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'COPY') continue;
        const from = flag(instruction, 'from');
        const value = from?.getValue();
        const range = from?.getValueRange();
        if (!from || !value || !range || value.includes('$')) continue;
        const name = value.toLowerCase();
        if (/^\d+$/.test(name)) {
          if (Number(name) >= stage.index)
            ctx.report({
              range,
              message: `COPY --from=${value} refers to ${Number(name) === stage.index ? 'the current stage' : 'a later stage'}; use an earlier stage`,
            });
          continue;
        }
        if (stage.alias === name) {
          ctx.report({ range, message: `COPY --from=${value} refers to the current stage; copy from an earlier stage` });
          continue;
        }
        const defined = stages.find((s) => s.alias === name);
        if (defined && defined.index < stage.index) continue;
        if (defined) {
          ctx.report({
            range,
            message: `COPY --from=${value} refers to a stage defined later (line ${defined.from.getRange().start.line + 1}); stages can only copy from earlier stages`,
          });
        } else if (!looksLikeImage(value)) {
          ctx.report({
            range,
            message: `COPY --from=${value} names no stage defined above, so Docker would pull an image called "${value}"; fix the stage name or write a full image reference with a tag`,
          });
        }
      }
    }
  },
});
