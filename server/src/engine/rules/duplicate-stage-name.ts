import { defineRule } from '../rule';

export default defineRule({
  id: 'duplicate-stage-name',
  title: 'Two stages with the same name',
  category: 'correctness',
  severity: 'error',
  refs: {
    cwe: 'CWE-694',
    hadolint: ['DL3024'],
    kics: ['Same Alias In Different Froms'],
    checkov: ['CKV_DOCKER_11'],
    trivy: ['DS012'],
    buildkit: ['DuplicateStageName'],
  },
  docs: {
    why: 'Stage names must be unique (BuildKit rejects duplicates, and older builders silently use one of them for `COPY --from`). Stage names are case-insensitive.',
    bad: 'FROM node:22 AS build\nFROM golang:1.23 AS build',
    good: 'FROM node:22 AS web-build\nFROM golang:1.23 AS api-build',
    fix: 'None automatic: rename one stage and the COPY --from / FROM lines that use it.',
  },
  reach: 'stage-in-place',
  dockerfile(ctx) {
    const seen = new Map<string, number>();
    for (const stage of ctx.model.stages) {
      if (!stage.alias) continue;
      const first = seen.get(stage.alias);
      if (first === undefined) {
        seen.set(stage.alias, stage.from.getRange().start.line);
        continue;
      }
      ctx.report({
        range: stage.from.getBuildStageRange() ?? stage.from.getInstructionRange(),
        message: `Stage name "${stage.from.getBuildStage()}" is already used on line ${first + 1}; stage names must be unique`,
      });
    }
  },
});
