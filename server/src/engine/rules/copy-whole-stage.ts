import { argsOf, flag } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

export default defineRule({
  id: 'copy-whole-stage',
  title: 'COPY of a whole stage filesystem',
  category: 'best-practice',
  severity: 'warning',
  refs: { checkov: [] },
  docs: {
    why: "`COPY --from=build / /` copies the builder's entire filesystem, compilers, package caches, credentials used during the build and all, into the final image, defeating the point of a multi-stage build.",
    bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /',
    good: 'COPY --from=build /out/app /app',
    fix: 'None automatic: copy only the artefacts the final image needs.',
  },
  dockerfile(ctx) {
    const aliases = new Set(ctx.model.stages.map((s) => s.alias).filter(Boolean));
    for (const instruction of ctx.model.instructions) {
      const from = flag(instruction, 'from')?.getValue()?.toLowerCase();
      // Images such as gloursdocker/docker are made to be copied whole; build stages are not.
      if (instruction.getKeyword() !== 'COPY' || !from || !(aliases.has(from) || /^\d+$/.test(from))) continue;
      const args = argsOf(instruction);
      const sources = args.slice(0, -1);
      for (const source of sources) {
        if (source.value !== '/' && source.value !== '/.') continue;
        ctx.report({
          range: source.range,
          message: `COPY --from=${flag(instruction, 'from')!.getValue()} ${source.value} copies the whole filesystem of that stage; copy only the files the image needs`,
        });
      }
    }
  },
});
