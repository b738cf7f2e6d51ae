import { wordRange } from '../dockerfile/edits';
import { isInstall, packageCommands, type PackageCommand, type PackageManager } from '../dockerfile/packages';
import type { Stage } from '../dockerfile/model';
import type { RunScript } from '../dockerfile/run-script';
import { defineRule } from '../rule';

/** Commands that only refresh the package index. */
function isIndexRefresh(command: PackageCommand): boolean {
  switch (command.manager) {
    case 'apt-get':
    case 'apt':
    case 'apk':
      return command.action === 'update';
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return command.action === 'makecache';
    case 'zypper':
      return command.action === 'refresh' || command.action === 'ref';
    case 'pacman':
      return /^-Sy+$/.test(command.action) && command.packages.length === 0;
    default:
      return false;
  }
}

const FAMILY: Partial<Record<PackageManager, string>> = { 'apt-get': 'apt', apt: 'apt', yum: 'rpm', dnf: 'rpm', microdnf: 'rpm' };
const family = (manager: PackageManager) => FAMILY[manager] ?? manager;

export default defineRule({
  id: 'package-update-alone',
  title: 'Package index updated in its own RUN',
  category: 'security',
  severity: 'warning',
  refs: { cis: '4.7', hadolint: [], kics: ['Update Instruction Alone'], checkov: [], trivy: ['DS017'] },
  docs: {
    why: 'Docker caches each RUN as a layer. `RUN apt-get update` on its own is cached once and reused by every later build, so the `apt-get install` in the next RUN installs from an index that can be months old: security updates are silently missed, or the install fails when the old versions disappear from the mirror (CIS Docker Benchmark 4.7). Refresh the index in the same RUN that installs. `yum update`/`dnf update` alone are flagged when a later RUN of the stage installs, which is the same stale-cache pattern.',
    bad: 'RUN apt-get update\nRUN apt-get install -y curl',
    good: 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    fix: 'Move the update into the RUN that installs (`apk add --no-cache` needs no update at all).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const scripts = ctx.model.runScripts;
    // The package families a later RUN of the same stage installs with, for each RUN: one pass
    // from the end, not a look at every later RUN from each update.
    let installedLater: Map<RunScript, ReadonlySet<string>> | undefined;
    const installsLater = (script: RunScript, manager: PackageManager) => {
      if (!installedLater) {
        installedLater = new Map();
        const byStage = new Map<Stage, Set<string>>();
        for (let i = scripts.length - 1; i >= 0; i--) {
          const later = scripts[i]!;
          const families = byStage.get(later.stage) ?? new Set<string>();
          installedLater.set(later, new Set(families));
          for (const c of packageCommands(later)) if (isInstall(c)) families.add(family(c.manager));
          byStage.set(later.stage, families);
        }
      }
      return installedLater.get(script)!.has(family(manager));
    };
    scripts.forEach((script) => {
      const commands = packageCommands(script);
      for (const command of commands) {
        const refresh = isIndexRefresh(command);
        const upgradeAll =
          ((command.manager === 'yum' || command.manager === 'dnf') && ['update', 'upgrade'].includes(command.action)) ||
          (command.manager === 'pacman' && /^-Sy*uy*$/.test(command.action) && command.packages.length === 0);
        if ((!refresh && !upgradeAll) || !command.actionWord) continue;
        const installsHere = commands.some((c) => c !== command && family(c.manager) === family(command.manager) && isInstall(c));
        if (installsHere) continue;
        if (upgradeAll && !installsLater(script, command.manager)) continue;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, command.actionWord),
          message: `"${command.programWord.value} ${command.actionWord.value}" in a RUN of its own is cached as a layer, so later installs use a stale index; update and install in the same RUN`,
        });
      }
    });
  },
});
