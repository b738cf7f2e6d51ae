import type { Stage } from '../dockerfile/model';
import { effectiveWords, programName, type ShellWord } from '../dockerfile/shell';
import { defineRule } from '../rule';

export default defineRule({
  id: 'curl-and-wget',
  title: 'Both curl and wget used',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL4001'], kics: ["Run Using 'wget' and 'curl'"], checkov: [] },
  docs: {
    why: 'Installing and using two download tools for the same job adds packages (and their vulnerabilities) to the image and two sets of flags to review. Pick one per image; every use of the tool that appears second is reported.',
    bad: 'RUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
    good: 'RUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
    fix: 'None automatic: rewrite the downloads with one tool (`wget -qO- URL` is `curl -fsSL URL`).',
  },
  reach: 'stage-in-place',
  dockerfile(ctx) {
    const uses = new Map<Stage, { tool: string; word: ShellWord }[]>();
    for (const script of ctx.model.runScripts) {
      for (const command of script.commands) {
        const word = effectiveWords(command)[0];
        const tool = programName(word);
        if (!word || (tool !== 'curl' && tool !== 'wget')) continue;
        const list = uses.get(script.stage);
        if (list) list.push({ tool, word });
        else uses.set(script.stage, [{ tool, word }]);
      }
    }
    for (const stageUses of uses.values()) {
      const first = stageUses[0]!.tool;
      if (!stageUses.some((u) => u.tool !== first)) continue;
      const firstLine = ctx.model.index.position(stageUses[0]!.word.start).line + 1;
      for (const use of stageUses.filter((u) => u.tool !== first)) {
        ctx.report({
          range: ctx.model.index.range(use.word.start, use.word.end),
          message: `This stage already uses ${first} (line ${firstLine}); use ${first} here too instead of ${use.tool}`,
        });
      }
    }
  },
});
