import { effectiveWords, programName } from '../dockerfile/shell';
import { defineRule } from '../rule';

export default defineRule({
  id: 'use-shell-instruction',
  title: 'Default shell changed with RUN ln',
  category: 'best-practice',
  severity: 'warning',
  refs: { hadolint: ['DL4005'], kics: ['Changing Default Shell Using RUN Command'], checkov: [] },
  docs: {
    why: 'Replacing /bin/sh with a symlink to bash changes the shell for every program in the image that runs `sh` (package scripts, init scripts), not only for the Dockerfile, and breaks when the base image updates /bin/sh. The SHELL instruction changes the shell used by RUN, CMD and ENTRYPOINT shell forms and nothing else.',
    bad: 'RUN ln -sf /bin/bash /bin/sh',
    good: 'SHELL ["/bin/bash", "-c"]',
    fix: 'None automatic: delete the RUN and add `SHELL ["/bin/bash", "-c"]` (or with `-o pipefail`).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of script.commands) {
        const words = effectiveWords(command);
        if (programName(words[0]) !== 'ln') continue;
        const symbolic = words.some((w) => (/^-[A-Za-z]+$/.test(w.value) && w.value.includes('s')) || w.value === '--symbolic');
        const operands = words.slice(1).filter((w) => !w.value.startsWith('-'));
        const target = operands[operands.length - 1]?.value;
        if (!symbolic || operands.length < 2 || (target !== '/bin/sh' && target !== '/usr/bin/sh')) continue;
        ctx.report({
          range: ctx.model.index.range(command.start, command.end),
          message: `Re-linking ${target} changes the shell for everything in the image; use the SHELL instruction to change the shell RUN uses`,
        });
      }
    }
  },
});
