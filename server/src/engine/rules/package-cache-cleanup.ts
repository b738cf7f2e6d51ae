import { lineage, type DockerfileModel, type Stage } from '../dockerfile/model';
import { isInstall, packageCommands, type PackageCommand } from '../dockerfile/packages';
import type { RunScript } from '../dockerfile/run-script';
import { stagesInFinalImage } from '../dockerfile/shipped-stages';
import { programName } from '../dockerfile/shell';
import { wordRange } from '../dockerfile/edits';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

interface Cleanup {
  /** The command appended by the fix. */
  command: string;
  /** Whether a command in the same RUN (given as each command's words joined by spaces) already cleans up. */
  cleaned(commands: readonly string[]): boolean;
  /** Cache mount targets that keep the cache out of the image. */
  cacheTargets: RegExp;
}

const words = (script: RunScript): string[] => script.commands.map((c) => c.words.map((w) => w.value).join(' '));

const CLEANUPS: Partial<Record<PackageCommand['manager'], Cleanup>> = {
  'apt-get': {
    command: 'rm -rf /var/lib/apt/lists/*',
    // apt 2.7.8+ `apt-get dist-clean` (also spelt `distclean`) removes the lists along with the
    // package cache (apt-get(8)), as Debian trixie and Ubuntu noble images do.
    cleaned: (commands) =>
      commands.some((c) => /^rm\s.*\/var\/lib\/apt\/lists/.test(c) || /^apt(?:-get)?\s(?:-\S+\s+)*dist-?clean\b/.test(c)),
    cacheTargets: /^\/var\/(lib|cache)\/apt/,
  },
  yum: {
    command: 'yum clean all',
    cleaned: (commands) => commands.some((c) => /^(yum clean all|rm\s.*\/var\/cache\/yum)/.test(c)),
    cacheTargets: /^\/var\/cache\/yum/,
  },
  dnf: {
    command: 'dnf clean all',
    cleaned: (commands) => commands.some((c) => /^(dnf clean all|rm\s.*\/var\/cache\/dnf)/.test(c)),
    cacheTargets: /^\/var\/cache\/dnf/,
  },
  microdnf: {
    command: 'microdnf clean all',
    cleaned: (commands) => commands.some((c) => /^microdnf clean all/.test(c)),
    cacheTargets: /^\/var\/cache\/(dnf|yum)/,
  },
  zypper: {
    command: 'zypper clean --all',
    cleaned: (commands) => commands.some((c) => /^zypper (clean|cc)\b/.test(c)),
    cacheTargets: /^\/var\/cache\/zypp/,
  },
  yarn: {
    command: 'yarn cache clean',
    cleaned: (commands) => commands.some((c) => /^yarn cache clean/.test(c)),
    cacheTargets: /(yarn|\.cache)/,
  },
};
CLEANUPS.apt = CLEANUPS['apt-get'];

/** ` \` + newline + `&& cleanup` after the RUN's last line, indented like its continuation lines. */
function appendCleanup(model: DockerfileModel, script: RunScript, cleanup: string): TextEdit {
  const range = script.instruction.getRange();
  const endOffset = model.index.offset(range.end);
  const at = model.index.position(endOffset);
  const indent = range.end.line > range.start.line ? /^[ \t]*/.exec(model.index.lineText(range.end.line))![0] : '    ';
  return { range: { start: at, end: at }, newText: ` ${model.escapeChar}${model.index.eol}${indent}&& ${cleanup}` };
}

/** `set -e`, `set -eux`, `set -o errexit`: a failing command stops the script. */
function setsErrexit(script: RunScript): boolean {
  return script.commands.some(
    (c) =>
      programName(c.words[0]) === 'set' &&
      c.words.some((w, i) => /^-[a-z]*e/.test(w.value) || (w.value === 'errexit' && c.words[i - 1]?.value === '-o')),
  );
}

/**
 * How to add the cleanup. A `RUN <<EOF` script has no single command line to extend, so the cleanup
 * becomes its last line; without `set -e` the script's status is its last line's, so that line
 * would hide a failed install unless `set -e` comes first.
 */
function cleanupAdvice(model: DockerfileModel, script: RunScript, command: PackageCommand, cleanup: string): string {
  const heredocs = script.instruction.getHeredocs();
  const at = command.programWord.start;
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    if (!content || at < model.index.offset(content.start) || at > model.index.offset(content.end)) continue;
    const errexit = setsErrexit(script) ? '' : ', with "set -e" at its top so a failed install still fails the build';
    return `add "${cleanup}" as the heredoc's last line (before ${heredoc.getName()})${errexit}`;
  }
  if (heredocs.length > 0) return `end the RUN's first line (before the heredoc body) with "&& ${cleanup}"`;
  return `end the RUN with "&& ${cleanup}"`;
}

const isApt = (command: PackageCommand) => command.manager === 'apt-get' || command.manager === 'apt';

/**
 * The RUNs after which removing apt's lists breaks the build: apt-get install cannot find any
 * package without them, so a later install in the same stage (or one built on it) with no update of
 * its own would fail. yum, dnf and zypper fetch their metadata again by themselves. One pass from
 * the end: each list-less install marks its stage and every stage that stage is built on.
 */
function followedByListlessInstall(scripts: readonly RunScript[]): Set<RunScript> {
  const followed = new Set<RunScript>();
  const needLists = new Set<Stage>();
  for (let i = scripts.length - 1; i >= 0; i--) {
    const script = scripts[i]!;
    if (needLists.has(script.stage)) followed.add(script);
    const apt = packageCommands(script).filter(isApt);
    if (!apt.some((c) => isInstall(c)) || apt.some((c) => c.action === 'update')) continue;
    for (const stage of lineage(script.stage)) {
      // Its parents were marked with it: each stage is marked once, however long the chain.
      if (needLists.has(stage)) break;
      needLists.add(stage);
    }
  }
  return followed;
}

export default defineRule({
  id: 'package-cache-cleanup',
  title: 'Package cache left in the image',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: {
    hadolint: ['DL3009', 'DL3032', 'DL3040', 'DL3036', 'DL3060'],
    kics: ['Apt Get Install Lists Were Not Deleted', 'Yum Clean All Missing', 'Missing Dnf Clean All', 'Missing Zypper Clean'],
    checkov: [],
  },
  docs: {
    why: 'Package managers keep their index and downloaded packages (/var/lib/apt/lists, /var/cache/yum, /var/cache/dnf, zypper and yarn caches). Left in the RUN that installs, they are baked into that layer: tens of megabytes shipped with the image, and a stale index for anyone who installs on top. Clean up in the same RUN (`rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` with apt 2.7.8+), or use a BuildKit cache mount (`RUN --mount=type=cache,target=/var/cache/apt ...`), which never enters the image. Only stages that end up in the final image are checked: the final stage, the stages it builds FROM and any stage copied into them whole (`COPY --from=build / /`).',
    bad: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
    fix: 'Appends the cleanup (`rm -rf /var/lib/apt/lists/*`, `yum clean all`, `dnf clean all`, `zypper clean --all`, `yarn cache clean`) to the RUN. When a later RUN in the stage (or a stage built on it) runs `apt-get install` without its own `apt-get update`, removing the lists would break that RUN: the fix is then only offered for review, not applied by `--fix`.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const shipped = stagesInFinalImage(ctx.model);
    const scripts = ctx.model.runScripts;
    let listless: Set<RunScript> | undefined;
    for (const script of scripts) {
      if (!shipped.has(script.stage)) continue;
      // Made for the RUNs that install something: most install nothing.
      let needed: Map<string, PackageCommand> | undefined;
      let commandTexts: string[] | undefined;
      for (const command of packageCommands(script)) {
        const cleanup = CLEANUPS[command.manager];
        if (!cleanup || !isInstall(command) || needed?.has(cleanup.command)) continue;
        if (command.manager === 'yarn' && command.action !== 'install' && command.action !== 'add' && command.action !== '')
          continue;
        if (cleanup.cleaned((commandTexts ??= words(script)))) continue;
        if (script.mounts.some((m) => m.type === 'cache' && cleanup.cacheTargets.test(m.target ?? ''))) continue;
        (needed ??= new Map()).set(cleanup.command, command);
      }
      if (!needed) continue;
      for (const [cleanup, command] of needed) {
        const canAppend = !script.execForm && script.instruction.getHeredocs().length === 0;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, command.actionWord ?? command.programWord),
          message: `"${programName(command.programWord)} ${command.action}" leaves its package cache in the image layer; ${cleanupAdvice(ctx.model, script, command, cleanup)}`,
          fixes: canAppend
            ? [
                {
                  title: `Append && ${cleanup}`,
                  edits: [appendCleanup(ctx.model, script, cleanup)],
                  preferred: true,
                  ...(isApt(command) && (listless ??= followedByListlessInstall(scripts)).has(script)
                    ? { changesBehaviour: true }
                    : {}),
                },
              ]
            : [],
        });
      }
    }
  },
});
