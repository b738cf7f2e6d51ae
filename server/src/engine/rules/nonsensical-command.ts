import { effectiveWords, programName } from '../dockerfile/shell';
import { defineRule } from '../rule';

// Commands that need a running system, a terminal or a remote peer; at build time they do nothing useful.
const WHY: Record<string, string> = {
  ssh: 'connects to a remote host during the build',
  vim: 'is an interactive editor',
  shutdown: 'cannot shut down a build container',
  service: 'starts a service that stops when the RUN ends',
  ps: 'lists the processes of a throwaway build container',
  free: 'reports the memory of the build container',
  top: 'is interactive and never exits',
  kill: 'has no long-running processes to signal',
  mount: 'needs privileges the build does not have (use RUN --mount)',
  ifconfig: 'configures a network interface of the throwaway build container',
};

export default defineRule({
  id: 'nonsensical-command',
  title: 'Command that makes no sense at build time',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL3001'], kics: ['Run Utilities And POSIX Commands'], checkov: [] },
  docs: {
    why: 'Each RUN executes in a temporary container that is thrown away: `service x start` starts nothing for the final image, `ps`, `free`, `top` and `ifconfig` describe the build container, `vim` and `top` wait for a terminal, `ssh` reaches out to other hosts during the build. They belong in CMD/ENTRYPOINT or nowhere.',
    bad: 'RUN service nginx start',
    good: 'CMD ["nginx", "-g", "daemon off;"]',
    fix: 'None automatic: remove the command, or move what should happen at run time into CMD/ENTRYPOINT.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      // A RUN that starts a background job (`server & ...; kill $!`) legitimately manages it.
      const startsBackgroundJob = script.commands.some((c) => c.next === '&');
      for (const command of script.commands) {
        const word = effectiveWords(command)[0];
        const name = programName(word);
        if (!word || !(name in WHY)) continue;
        if (startsBackgroundJob && (name === 'kill' || name === 'ps')) continue;
        ctx.report({ range: ctx.model.index.range(word.start, word.end), message: `"${name}" ${WHY[name]}; remove it from RUN` });
      }
    }
  },
});
