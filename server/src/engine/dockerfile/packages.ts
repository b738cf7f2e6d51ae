// Package-manager invocations inside RUN, for the whole family the rules cover.
import { instructionMemo } from './ast-memo';
import type { RunScript } from './run-script';
import { effectiveWords, programName, type ShellCommand, type ShellWord } from './shell';

export type PackageManager =
  'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pacman' | 'pip' | 'npm' | 'yarn' | 'gem' | 'go';

export interface PackageCommand {
  manager: PackageManager;
  /** The subcommand (`install`, `add`, `update`, ...), lower-cased; '' when there is none. */
  action: string;
  actionWord?: ShellWord;
  /** Everything after the program name, options included. */
  args: ShellWord[];
  /** Arguments that are package names (not options, not option values). */
  packages: ShellWord[];
  command: ShellCommand;
  /** The program word (`apt-get`, `pip3`, `python`...). */
  programWord: ShellWord;
}

// yum and dnf share their option syntax.
const RPM_OPTIONS_WITH_VALUE = new Set([
  '-c',
  '--config',
  '--installroot',
  '--releasever',
  '--setopt',
  '-x',
  '--exclude',
  '--enablerepo',
  '--disablerepo',
]);

// Options that take the next word as their value, so that value is not a package name.
const OPTIONS_WITH_VALUE: Partial<Record<PackageManager, Set<string>>> = {
  'apt-get': new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file']),
  apt: new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file']),
  apk: new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--cache-dir', '--keys-dir']),
  yum: RPM_OPTIONS_WITH_VALUE,
  dnf: RPM_OPTIONS_WITH_VALUE,
  microdnf: new Set(['--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo']),
  zypper: new Set(['-r', '--repo', '--root', '-t', '--type', '--from']),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-i',
    '--index-url',
    '--extra-index-url',
    '--trusted-host',
    '-t',
    '--target',
    '-e',
    '--editable',
    '--prefix',
    '--root',
    '-f',
    '--find-links',
    '--platform',
    '--python-version',
    '--only-binary',
    '--no-binary',
    '--cache-dir',
    '--src',
    '--upgrade-strategy',
  ]),
  npm: new Set(['--prefix', '--registry', '-w', '--workspace', '--tag']),
  yarn: new Set(['--cwd', '--registry', '--network-timeout', '--modules-folder', '--cache-folder']),
  gem: new Set(['-v', '--version', '-s', '--source', '-i', '--install-dir', '-n', '--bindir', '--platform']),
  go: new Set(['-C', '-o', '-tags', '-ldflags', '-gcflags', '-modfile', '-mod', '-p']),
};

const NO_OPTIONS: ReadonlySet<string> = new Set();

function managerOf(name: string): PackageManager | undefined {
  if (name === 'apt-get' || name === 'apt' || name === 'apk' || name === 'yum' || name === 'dnf' || name === 'microdnf')
    return name;
  if (name === 'zypper' || name === 'pacman' || name === 'npm' || name === 'yarn' || name === 'gem' || name === 'go') return name;
  if (/^pip(?:\d+(?:\.\d+)?)?$/.test(name)) return 'pip';
  return undefined;
}

function parse(command: ShellCommand): PackageCommand | undefined {
  let words = effectiveWords(command);
  let programWord = words[0];
  let manager = managerOf(programName(programWord));
  // `python -m pip install x` is pip.
  if (
    !manager &&
    /^python(?:\d+(?:\.\d+)?)?$/.test(programName(programWord)) &&
    words[1]?.value === '-m' &&
    /^pip\d*$/.test(words[2]?.value ?? '')
  ) {
    manager = 'pip';
    programWord = words[2];
    words = words.slice(2);
  }
  if (!manager || !programWord) return undefined;
  const args = words.slice(1);
  const withValue = OPTIONS_WITH_VALUE[manager] ?? NO_OPTIONS;
  let action = '';
  let actionWord: ShellWord | undefined;
  const packages: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const value = word.value;
    if (value === '') continue;
    if (value.startsWith('-')) {
      if (withValue.has(value)) i++;
      continue;
    }
    // pacman's operation is a flag (-S, -Syu), and its arguments are all packages.
    if (!actionWord && manager !== 'pacman') {
      action = value.toLowerCase();
      actionWord = word;
      continue;
    }
    packages.push(word);
  }
  if (manager === 'pacman') {
    const operation = args.find((w) => /^-[A-Za-z]+$/.test(w.value));
    if (operation) {
      action = operation.value;
      actionWord = operation;
    }
  }
  // actionWord in the literal even when undefined: one shape for every package command, and no
  // property added to the object after it is made.
  return { manager, action, actionWord, args, packages, command, programWord };
}

/**
 * Every package-manager command in a RUN, in order. Ten rules read them for every RUN: found once,
 * on first use, and kept on the RUN's instruction (a model reads each RUN into one script).
 */
export const packageCommands: (script: RunScript) => readonly PackageCommand[] = instructionMemo(
  (script: RunScript) => script.instruction,
  (script) => {
    const found: PackageCommand[] = [];
    for (const command of script.commands) {
      const parsed = parse(command);
      if (parsed) found.push(parsed);
    }
    return found;
  },
);

const INSTALL_ACTIONS: Record<PackageManager, Set<string>> = {
  'apt-get': new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source']),
  apt: new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall']),
  apk: new Set(['add', 'upgrade', 'fix']),
  yum: new Set(['install', 'update', 'upgrade', 'groupinstall', 'localinstall', 'reinstall', 'downgrade']),
  dnf: new Set(['install', 'in', 'update', 'upgrade', 'groupinstall', 'reinstall', 'downgrade', 'distro-sync']),
  microdnf: new Set(['install', 'update', 'upgrade', 'reinstall']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch']),
  pacman: new Set(),
  pip: new Set(['install']),
  npm: new Set(['install', 'i', 'add', 'ci']),
  yarn: new Set(['add', 'install', '']),
  gem: new Set(['install']),
  go: new Set(['install', 'get']),
};

export function isInstall(command: PackageCommand): boolean {
  // pacman: -S with packages installs; -Su/-Syu upgrades the system.
  if (command.manager === 'pacman')
    return /^-S/.test(command.action) && (command.packages.length > 0 || command.action.includes('u'));
  // A bare `yarn` installs, but `yarn --version` / `yarn -v` / `yarn --help` only print.
  if (command.manager === 'yarn' && command.action === '' && hasOption(command, '--version', '-v', '--help', '-h')) return false;
  return INSTALL_ACTIONS[command.manager].has(command.action);
}

// Loops rather than some() over some(): rules ask this of every package command's every word,
// and the nested callbacks and `${name}=` strings were one of a lint's larger allocations.
export function hasOption(command: PackageCommand, ...names: string[]): boolean {
  for (const word of command.args) {
    const value = word.value;
    for (const name of names) {
      if (value === name) return true;
      // `--name=value`
      if (
        name.startsWith('--') &&
        value.length > name.length &&
        value.charCodeAt(name.length) === EQUALS &&
        value.startsWith(name)
      )
        return true;
    }
  }
  return false;
}

const EQUALS = 0x3d;

/** True when a short-option cluster (`-yq`) or a separate short option contains the letter. */
export function hasShortFlag(command: PackageCommand, letter: string): boolean {
  return command.args.some((word) => word.value.indexOf(letter, 1) !== -1 && /^-[A-Za-z]+$/.test(word.value));
}

/**
 * apt-get/apt simulating (`-s`, `--simulate`, `--just-print`, `--dry-run`, `--recon`, `--no-act`,
 * also in a short cluster like `-qs`): it prints what it would do and changes nothing
 * (apt-get(8)), so it neither prompts nor installs anything.
 */
export function isAptSimulation(command: PackageCommand): boolean {
  if (command.manager !== 'apt-get' && command.manager !== 'apt') return false;
  return hasShortFlag(command, 's') || hasOption(command, '--simulate', '--just-print', '--dry-run', '--recon', '--no-act');
}
