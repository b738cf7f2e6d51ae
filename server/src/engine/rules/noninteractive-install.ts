import { insertAfterWord, wordRange } from '../dockerfile/edits';
import { hasOption, hasShortFlag, isAptSimulation, packageCommands, type PackageCommand } from '../dockerfile/packages';
import { someAncestor } from '../dockerfile/lineage-fold';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import type { RunScript } from '../dockerfile/run-script';
import { defineRule } from '../rule';

/** apt's quiet level: `-q -q`, `-qq`, `--quiet --quiet`; level 2 implies --yes (apt-get(8)). */
function quietLevel(command: PackageCommand): number {
  let level = 0;
  for (const word of command.args) {
    if (word.value === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(word.value)) {
      for (let at = word.value.indexOf('q'); at !== -1; at = word.value.indexOf('q', at + 1)) level++;
    }
  }
  return level;
}

// The sub-commands that end in apt's "Do you want to continue? [Y/n]": those that change the
// installed set (apt-get(8), apt(8)). `source`, `download`, `changelog`, `update`, `clean`,
// `policy`, `show`, `search`, `list`, `depends`... only fetch or print and never ask; `remove`,
// `purge` and `autoremove` ask too but are outside this rule (an install that hangs the build).
const PROMPTING_ACTIONS: Record<string, Set<string>> = {
  'apt-get': new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'dselect-upgrade', 'build-dep', 'satisfy']),
  apt: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'satisfy']),
  yum: new Set(['install', 'update', 'upgrade', 'groupinstall', 'localinstall', 'reinstall', 'downgrade']),
  dnf: new Set(['install', 'in', 'update', 'upgrade', 'groupinstall', 'reinstall', 'downgrade', 'distro-sync']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch']),
};

/** `-o APT::Get::Assume-Yes=true` (or `=1`, `=yes`) is -y spelled as a config option. */
function hasAssumeYesOption(command: PackageCommand): boolean {
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    let value: string | undefined;
    if (word === '-o' || word === '--option') value = args[i + 1]?.value;
    else if (word.startsWith('--option=')) value = word.slice('--option='.length);
    else if (word.startsWith('-o') && word.length > 2) value = word.slice(2);
    if (value && /^APT::Get::Assume-Yes=(?:true|1|yes)$/i.test(value)) return true;
  }
  return false;
}

/**
 * Whether a RUN writes `APT::Get::Assume-Yes` into apt's configuration
 * (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes`): apt reads apt.conf.d
 * on every run, so the installs after it in the stage, and in stages built FROM it, answer yes by
 * themselves.
 */
function writesAssumeYes(model: DockerfileModel, script: RunScript): boolean {
  const range = script.instruction.getRange();
  const body = model.text.slice(model.index.offset(range.start), model.index.offset(range.end)).toLowerCase();
  return body.includes('apt::get::assume-yes') && body.includes('apt.conf');
}

/** Whether the command already answers prompts itself, or never reaches one. */
function isNonInteractive(command: PackageCommand): boolean {
  switch (command.manager) {
    case 'apt-get':
    case 'apt':
      // A simulation (-s, --dry-run, ...) prints what would happen and returns before the prompt;
      // --assume-no answers it and --trivial-only turns it into an error: neither waits.
      if (isAptSimulation(command) || hasOption(command, '--assume-no', '--trivial-only')) return true;
      // -qq implies --yes for apt-get (apt-get(8): "-qq ... implies -y").
      return (
        hasShortFlag(command, 'y') ||
        hasOption(command, '--yes', '--assume-yes', '--quiet=2', '-q=2') ||
        quietLevel(command) >= 2 ||
        hasAssumeYesOption(command)
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
    why: 'A build has no terminal: `apt-get install`, `yum install`, `dnf install` and `zypper install` stop to ask "Do you want to continue?" unless told not to, and the build hangs or fails. `DEBIAN_FRONTEND=noninteractive` silences debconf questions but not this prompt; `-y` (or `-n` for zypper) does. Only sub-commands that change the installed set ask: apt simulations (`-s`, `--dry-run`) and sub-commands that only fetch or print (`source`, `download`, `changelog`, `show`, `policy`) are not flagged, nor are installs after a RUN that sets `APT::Get::Assume-Yes` in apt.conf.d.',
    bad: 'RUN apt-get update && apt-get install curl',
    good: 'RUN apt-get update && apt-get install -y curl',
    fix: 'Adds `-y` after the install subcommand.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    // Each RUN is read once: a stage's answer is kept for the stages built FROM it, and within a
    // stage the answer so far is carried from one RUN to the next.
    // Each RUN's text is lower-cased to look for the setting: not done when the file has none.
    const anyWritesAssumeYes = /apt::get::assume-yes/i.test(model.text) && /apt\.conf/i.test(model.text);
    const writes = (script: RunScript) => anyWritesAssumeYes && writesAssumeYes(model, script);
    const stageWritesAssumeYes = (stage: Stage) => model.runScriptsOf(stage).some(writes);
    for (const stage of model.stages) {
      let assumesYes: boolean | undefined;
      for (const script of model.runScriptsOf(stage)) {
        assumesYes ??= someAncestor(stage, stageWritesAssumeYes);
        check(script, assumesYes);
        assumesYes ||= writes(script);
      }
    }

    function check(script: RunScript, aptAssumesYes: boolean): void {
      for (const command of packageCommands(script)) {
        if (!PROMPTING_ACTIONS[command.manager]?.has(command.action)) continue;
        if (!command.actionWord || isNonInteractive(command)) continue;
        if ((command.manager === 'apt-get' || command.manager === 'apt') && aptAssumesYes) continue;
        const action = command.actionWord;
        ctx.report({
          range: wordRange(model, command.programWord, action),
          message: `"${command.programWord.value} ${action.value}" without -y waits for a confirmation that never comes in a build; add -y`,
          fixes: script.execForm ? [] : [{ title: 'Add -y', edits: [insertAfterWord(model, action, ' -y')], preferred: true }],
        });
      }
    }
  },
});
