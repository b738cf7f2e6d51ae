import { runScripts } from '../dockerfile/run-script';
import { programName } from '../dockerfile/shell';
import { defineRule } from '../rule';

export default defineRule({
  id: 'cd-in-run',
  title: 'cd in RUN instead of WORKDIR',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL3003'], kics: ["RUN Instruction Using 'cd' Instead of WORKDIR"], checkov: [] },
  docs: {
    why: "A `cd` lasts only for its own RUN, so the next instruction silently runs somewhere else; WORKDIR sets the directory for every later RUN, COPY, CMD and ENTRYPOINT and creates it if needed, and the Dockerfile reads top to bottom. A `cd` inside a subshell `( cd x && make )` is still flagged: use WORKDIR or the tool's own `-C` option.",
    bad: 'RUN cd /app && npm ci',
    good: 'WORKDIR /app\nRUN npm ci',
    fix: 'None automatic: replace `cd dir &&` with a `WORKDIR dir` before the RUN (or `make -C dir`, `git -C dir`).',
  },
  dockerfile(ctx) {
    for (const script of runScripts(ctx.model)) {
      for (const command of script.commands) {
        const word = command.words[0];
        if (programName(word) !== 'cd' || !word) continue;
        const target = command.words[1]?.value ?? '~';
        ctx.report({
          range: ctx.model.index.range(word.start, command.words[1]?.end ?? word.end),
          message: `"cd ${target}" only lasts for this RUN; use WORKDIR ${target.startsWith('/') ? target : '<absolute path>'} instead`,
        });
      }
    }
  },
});
