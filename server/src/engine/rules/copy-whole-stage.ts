import { copyOperands } from '../dockerfile/copy-operands';
import { flag, flagValue } from '../dockerfile/instruction-args';
import { stageNamed } from '../dockerfile/model';
import { isWholeFilesystem } from '../dockerfile/paths';
import { truncate } from '../quote';
import { defineRule } from '../rule';

export default defineRule({
  id: 'copy-whole-stage',
  title: 'COPY of a whole stage filesystem',
  category: 'best-practice',
  severity: 'warning',
  refs: { cwe: 'CWE-538' },
  docs: {
    why: "`COPY --from=build / /` (or `/*`) copies the builder's entire filesystem, compilers, package caches, credentials used during the build and all, into the final image, defeating the point of a multi-stage build. A stage built FROM scratch (a curated root filesystem) is meant to be copied whole and is not reported.",
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /',
    good: 'COPY --from=build /out/app /app',
    fix: 'None automatic: copy only the artefacts the final image needs.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructionsNamed(undefined, 'COPY')) {
      const from = flagValue(instruction, 'from');
      if (!from) continue;
      // Images such as gloursdocker/docker are made to be copied whole; build stages are not.
      const source = stageNamed(ctx.model, from);
      if (!source) continue;
      // A stage built FROM scratch holds only what it was given on purpose (a curated rootfs).
      if (source.base.isScratch) continue;
      for (const path of copyOperands(instruction).sources) {
        if (!isWholeFilesystem(path.value)) continue;
        ctx.report({
          range: path.range,
          message: `COPY --from=${truncate(flag(instruction, 'from')!.getValue() ?? '')} ${path.value} copies the whole filesystem of that stage; copy only the files the image needs`,
        });
      }
    }
  },
});
