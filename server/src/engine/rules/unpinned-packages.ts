import { wordRange } from '../dockerfile/edits';
import { hasOption, isInstall, packageCommands, type PackageCommand } from '../dockerfile/packages';
import type { ShellWord } from '../dockerfile/shell';
import { defineRule } from '../rule';

/** Package arguments that name no version, per manager's own version syntax. */
function unpinned(command: PackageCommand): ShellWord[] {
  const { manager, packages } = command;
  // Local files, URLs and variables (which may well carry the version) are not names to pin.
  const named = packages.filter((w) => !/^[./~]|\$|:\/\/|\.(deb|rpm|apk|whl|tar\.gz|zip|tgz)$/.test(w.value));
  switch (manager) {
    case 'apt-get':
    case 'apt':
      if (command.action !== 'install') return [];
      return named.filter((w) => !w.value.includes('='));
    case 'apk':
      if (command.action !== 'add') return [];
      return named.filter((w) => !/[=~<>]/.test(w.value));
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'zypper':
      if (!['install', 'in'].includes(command.action)) return [];
      // name-1.2.3 or name-version-release; zypper also takes name=1.2 / name>=1.2.
      return named.filter((w) => !/-\d|[=<>]/.test(w.value) && !w.value.startsWith('@'));
    case 'pip':
      if (command.action !== 'install') return [];
      // With a constraints file, versions come from the file; upgrading pip's own tooling is routine.
      if (hasOption(command, '-c', '--constraint')) return [];
      return named.filter(
        (w) => !/[=<>~!@]/.test(w.value) && !(hasOption(command, '-U', '--upgrade') && /^(pip|setuptools|wheel)$/.test(w.value)),
      );
    case 'npm':
      // `npm ci` and a bare `npm install` install from the lockfile.
      if (!['install', 'i', 'add'].includes(command.action)) return [];
      return named.filter((w) => !/.@[^/]/.test(w.value.replace(/^@/, '')));
    case 'gem':
      if (command.action !== 'install' || hasOption(command, '-v', '--version')) return [];
      return named.filter((w) => !w.value.includes(':'));
    case 'go':
      if (command.action !== 'install') return [];
      return named.filter((w) => !w.value.includes('@') || w.value.endsWith('@latest'));
    default:
      return [];
  }
}

export default defineRule({
  id: 'unpinned-packages',
  title: 'Package installed without a version',
  category: 'best-practice',
  severity: 'off',
  strictSeverity: 'info',
  refs: {
    hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3041', 'DL3037', 'DL3013', 'DL3016', 'DL3028', 'DL3062'],
    kics: [
      'Apt Get Install Pin Version Not Defined',
      'Unpinned Package Version in Apk Add',
      'Yum install Without Version',
      'Missing Version Specification In dnf install',
      'Zypper Install Without Version',
      'Unpinned Package Version in Pip Install',
      'NPM Install Command Without Pinned Version',
      'Gem Install Without Version',
    ],
    checkov: [],
  },
  docs: {
    why: 'Without a version, a rebuild installs whatever is newest that day: builds are not reproducible and a compromised or broken release arrives unreviewed. Pinning (`curl=8.5.0-2`, `requests==2.32.3`, `express@4.21.1`) makes upgrades deliberate. Off by default because distribution package versions roll off mirrors quickly; `strict` turns it on. `npm ci`, a bare `npm install`, `pip install -r` (pin in the file) and local files are not flagged.',
    bad: 'RUN apt-get install -y curl && pip install requests',
    good: 'RUN apt-get install -y curl=8.5.0-2 && pip install requests==2.32.3',
    fix: "Add the version with the manager's syntax: `pkg=1.2` (apt, apk), `pkg-1.2` (yum, dnf), `pkg==1.2` (pip), `pkg@1.2` (npm, go), `-v 1.2` (gem).",
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of packageCommands(script)) {
        if (!isInstall(command)) continue;
        for (const word of unpinned(command)) {
          ctx.report({
            range: wordRange(ctx.model, word),
            message: `Package "${word.value}" is installed without a version (${command.programWord.value} ${command.action}); pin it for reproducible builds`,
          });
        }
      }
    }
  },
});
