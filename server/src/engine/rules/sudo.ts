import { removeWords } from '../dockerfile/edits';
import { programName } from '../dockerfile/shell';
import { defineRule } from '../rule';

const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']);

export default defineRule({
  id: 'sudo',
  title: 'sudo in RUN',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-250', hadolint: ['DL3004'], kics: ['Run Using Sudo'], checkov: [], trivy: ['DS010'] },
  docs: {
    why: 'RUN already executes as the current USER; sudo adds a setuid binary and its configuration to the image, an unpredictable TTY and environment behaviour, and often a passwordless rule that lets any process in the container become root. Switch users with USER around the steps that need root instead.',
    bad: 'USER app\nRUN sudo apt-get install -y curl',
    good: 'USER root\nRUN apt-get install -y curl\nUSER app',
    fix: 'Removes `sudo` and its options; add `USER root` before the RUN (and switch back after) if it needs root.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of script.commands) {
        const words = command.words;
        if (programName(words[0]) !== 'sudo') continue;
        let i = 1;
        let switchesUser = false;
        while (i < words.length && words[i]!.value.startsWith('-')) {
          if (/^-[ug]/.test(words[i]!.value) || /^--(user|group)/.test(words[i]!.value)) switchesUser = true;
          i += SUDO_OPTIONS_WITH_VALUE.has(words[i]!.value) ? 2 : 1;
        }
        // `sudo -u postgres cmd` runs as another user: dropping sudo would run it as the current one.
        const canRemove = i < words.length && !script.execForm && !switchesUser;
        ctx.report({
          range: ctx.model.index.range(words[0]!.start, words[0]!.end),
          message: switchesUser
            ? 'sudo in RUN: switch users with the USER instruction around this step instead of sudo -u'
            : 'sudo in RUN: the build already runs as the current USER; drop sudo and use USER root around the steps that need it',
          fixes: canRemove
            ? [{ title: 'Remove sudo', edits: [removeWords(ctx.model, words[0]!, words[i - 1]!)], preferred: true }]
            : [],
        });
      }
    }
  },
});
