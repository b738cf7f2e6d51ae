import { replaceWord } from '../dockerfile/edits';
import { packageCommands } from '../dockerfile/packages';
import { defineRule } from '../rule';

// Subcommands apt-get has under the same name; `apt list`/`apt search` have no apt-get twin.
const SAME_IN_APT_GET = new Set([
  'install',
  'update',
  'dist-upgrade',
  'remove',
  'purge',
  'autoremove',
  'clean',
  'autoclean',
  'source',
  'build-dep',
]);

export default defineRule({
  id: 'use-apt-get',
  title: 'apt used instead of apt-get',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: { hadolint: ['DL3027'], kics: ['Run Using apt'], checkov: [] },
  docs: {
    why: '`apt` is meant for people at a terminal: its output format and behaviour may change between releases and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` is the stable, scriptable interface.',
    bad: 'RUN apt update && apt install -y curl',
    good: 'RUN apt-get update && apt-get install -y curl',
    fix: 'Replaces `apt` with `apt-get` where the subcommand exists in apt-get with the same behaviour (`upgrade` becomes `upgrade --with-new-pkgs`, which is what `apt upgrade` does; `full-upgrade` becomes `dist-upgrade`).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of packageCommands(script)) {
        if (command.manager !== 'apt') continue;
        const edits = [];
        if (SAME_IN_APT_GET.has(command.action)) edits.push(replaceWord(ctx.model, command.programWord, 'apt-get'));
        else if (command.action === 'upgrade' && command.actionWord) {
          // `apt upgrade` installs new dependencies an upgrade needs; plain `apt-get upgrade` holds
          // those packages back, so the image would end up with other versions.
          edits.push(
            replaceWord(ctx.model, command.programWord, 'apt-get'),
            replaceWord(ctx.model, command.actionWord, 'upgrade --with-new-pkgs'),
          );
        } else if (command.action === 'full-upgrade' && command.actionWord) {
          edits.push(
            replaceWord(ctx.model, command.programWord, 'apt-get'),
            replaceWord(ctx.model, command.actionWord, 'dist-upgrade'),
          );
        }
        ctx.report({
          range: ctx.model.index.range(command.programWord.start, command.programWord.end),
          message: `"apt ${command.action}" has no stable interface for scripts; use apt-get${edits.length === 0 ? ' (or apt-cache) equivalents' : ''}`,
          fixes: edits.length > 0 && !script.execForm ? [{ title: 'Use apt-get', edits, preferred: true }] : [],
        });
      }
    }
  },
});
