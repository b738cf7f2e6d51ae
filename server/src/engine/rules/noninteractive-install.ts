import { insertAfterWord, wordRange } from '../dockerfile/edits';
import { hasOption, hasShortFlag, isInstall, packageCommands, type PackageCommand } from '../dockerfile/packages';
import { runScripts } from '../dockerfile/run-script';
import { defineRule } from '../rule';

/** apt's quiet level: `-q -q`, `-qq`, `--quiet --quiet`; level 2 implies --yes (apt-get(8)). */
function quietLevel(command: PackageCommand): number {
  let level = 0;
  for (const word of command.args) {
    if (word.value === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(word.value)) level += word.value.split('q').length - 1;
  }
  return level;
}

/** Whether the command already answers prompts itself. */
function isNonInteractive(command: PackageCommand): boolean {
  switch (command.manager) {
    case 'apt-get':
    case 'apt':
      // -qq implies --yes for apt-get (apt-get(8): "-qq ... implies -y").
      return (
        hasShortFlag(command, 'y') || hasOption(command, '--yes', '--assume-yes', '--quiet=2', '-q=2') || quietLevel(command) >= 2
      );
    case 'yum':
    case 'dnf':
      return hasShortFlag(command, 'y') || hasOption(command, '--assumeyes');
    case 'zypper':
      return hasShortFlag(command, 'n') || hasShortFlag(command, 'y') || hasOption(command, '--non-interactive', '--no-confirm');
    default:
      return true;
  }
}

export default defineRule({
  id: 'noninteractive-install',
  title: 'Package install may prompt',
  category: 'best-practice',
  severity: 'warning',
  fixes: 'safe',
  refs: {
    hadolint: ['DL3014', 'DL3030', 'DL3038', 'DL3034'],
    kics: [
      'APT-GET Missing Flags To Avoid Manual Input',
      'Yum Install Allows Manual Input',
      'Missing Flag From Dnf Install',
      'Missing Zypper Non-interactive Switch',
    ],
    checkov: [],
  },
  docs: {
    why: 'A build has no terminal: `apt-get install`, `yum install`, `dnf install` and `zypper install` stop to ask "Do you want to continue?" unless told not to, and the build hangs or fails. `DEBIAN_FRONTEND=noninteractive` silences debconf questions but not this prompt; `-y` (or `-n` for zypper) does.',
    bad: 'RUN apt-get update && apt-get install curl',
    good: 'RUN apt-get update && apt-get install -y curl',
    fix: 'Adds `-y` after the install subcommand.',
  },
  dockerfile(ctx) {
    for (const script of runScripts(ctx.model)) {
      for (const command of packageCommands(script)) {
        if (!['apt-get', 'apt', 'yum', 'dnf', 'zypper'].includes(command.manager)) continue;
        if (!isInstall(command) || !command.actionWord || isNonInteractive(command)) continue;
        const action = command.actionWord;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, action),
          message: `"${command.programWord.value} ${action.value}" without -y waits for a confirmation that never comes in a build; add -y`,
          fixes: script.execForm
            ? []
            : [{ title: 'Add -y', edits: [insertAfterWord(ctx.model, action, ' -y')], preferred: true }],
        });
      }
    }
  },
});
