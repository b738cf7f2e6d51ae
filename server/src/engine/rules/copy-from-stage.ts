import { flag, unquoteFlagValue } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';
import { quote, truncate } from '../quote';
import { editDistance, MAX_SUGGESTION_CANDIDATES } from '../edit-distance';

/** A value Docker would pull as an image: it has a registry, namespace, tag or digest. */
function looksLikeImage(value: string): boolean {
  return /[/:@.]/.test(value);
}

export default defineRule({
  id: 'copy-from-stage',
  title: 'COPY --from names no earlier stage',
  category: 'correctness',
  severity: 'error',
  refs: {
    cwe: 'CWE-706',
    hadolint: ['DL3022', 'DL3023'],
    kics: ["COPY '--from' References Current FROM Alias"],
    checkov: [],
    trivy: ['DS006'],
  },
  docs: {
    why: "`COPY --from` takes a stage defined above, a stage index, or an image. Naming the current stage is a circular dependency that fails the build. A plain name that is no stage is pulled from Docker Hub as an image, usually a typo that fails the build or, worse, pulls someone else's image (BuildKit named contexts passed with `--build-context name=...` are the exception). A stage defined further down works with BuildKit but fails with the legacy builder and reads backwards, so it is reported as a warning. ARG values in `--from=$STAGE` are expanded first.",
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=biuld /out/app /app',
    good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app',
    fix: 'None automatic: name a stage defined above, or write a full image reference with a tag.',
  },
  reach: 'stage-in-place',
  dockerfile(ctx) {
    const { model } = ctx;
    const { stages } = model;
    const aliases = stages.map((s) => s.alias).filter((a): a is string => a !== undefined);
    for (const stage of stages) {
      for (const instruction of model.instructionsNamed(stage, 'COPY')) {
        const from = flag(instruction, 'from');
        const written = from?.getValue();
        const range = from?.getValueRange();
        if (!from || !written || !range) continue;
        // BuildKit drops the quotes in flag words: --from="build" names the stage build.
        let value = unquoteFlagValue(written);
        if (value.includes('$')) {
          const expanded = model.expandInStage(stage, value, instruction);
          if (expanded.unresolved) continue;
          value = expanded.value;
        }
        const shown = value === written ? truncate(written) : `${truncate(written)} (${truncate(value)})`;
        const name = value.toLowerCase();
        if (/^\d+$/.test(name)) {
          const index = Number(name);
          if (index === stage.index) {
            ctx.report({
              range,
              message: `COPY --from=${shown} refers to the current stage (a circular dependency); copy from an earlier stage`,
            });
          } else if (index >= stages.length) {
            ctx.report({
              range,
              message: `COPY --from=${shown}: there is no stage ${index} (stages are numbered from 0 and this file has ${stages.length}); name an earlier stage`,
            });
          } else if (index > stage.index) {
            ctx.report({
              range,
              severity: 'warning',
              message: `COPY --from=${shown} refers to stage ${index}, which comes later (line ${stages[index]!.from.getRange().start.line + 1}): BuildKit resolves it, the legacy builder fails; move that stage above this one`,
            });
          }
          continue;
        }
        if (stage.alias === name) {
          ctx.report({
            range,
            message: `COPY --from=${shown} refers to the current stage (a circular dependency); copy from an earlier stage`,
          });
          continue;
        }
        const defined = model.stageAliases.get(name);
        if (defined && defined.index < stage.index) continue;
        if (defined) {
          ctx.report({
            range,
            severity: 'warning',
            message: `COPY --from=${shown} refers to a stage defined further down (line ${defined.from.getRange().start.line + 1}): BuildKit resolves it, the legacy builder fails; move that stage above this one`,
          });
        } else if (!looksLikeImage(value)) {
          const close =
            aliases.length > MAX_SUGGESTION_CANDIDATES
              ? []
              : aliases.filter((a) => {
                  if (a === stage.alias) return false;
                  const distance = editDistance(a, name, 2);
                  return distance <= 2 && distance < name.length / 2;
                });
          const hint = close.length === 1 ? ` Did you mean --from=${truncate(close[0]!)}?` : '';
          ctx.report({
            range,
            message: `COPY --from=${shown} names no stage defined above, so Docker pulls an image called ${quote(value)} from Docker Hub; fix the stage name or write a full image reference with a tag.${hint}`,
          });
        }
      }
    }
  },
});
