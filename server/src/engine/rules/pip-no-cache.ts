import { insertAfterWord, wordRange } from '../dockerfile/edits';
import { hasOption, packageCommands } from '../dockerfile/packages';
import { stagesInAnyImage } from '../dockerfile/shipped-stages';
import type { Stage } from '../dockerfile/model';
import { someAncestor } from '../dockerfile/lineage-fold';
import { defineRule } from '../rule';

// Line of the first ENV that disables pip's cache, per stage (-1 when none), computed once.
const disabledFrom = new WeakMap<Stage, number>();

function firstDisablingEnv(stage: Stage): number {
  let line = disabledFrom.get(stage);
  if (line === undefined) {
    line = -1;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'ENV') continue;
      const properties = (
        instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
      ).getProperties();
      if (properties.some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && !/^(?:false|0|off|no)$/i.test(p.getValue() ?? ''))) {
        line = instruction.getRange().start.line;
        break;
      }
    }
    disabledFrom.set(stage, line);
  }
  return line;
}

const disablesCache = (stage: Stage) => firstDisablingEnv(stage) !== -1;

/** `ENV PIP_NO_CACHE_DIR=1` (any value but false/0/off, per pip's config parsing) in the stage or its parents. */
function cacheDisabledByEnv(stage: Stage, line: number): boolean {
  const own = firstDisablingEnv(stage);
  if (own !== -1 && own < line) return true;
  // Any ENV of a parent stage counts, wherever it is; someAncestor answers each stage once.
  return someAncestor(stage, disablesCache);
}

export default defineRule({
  id: 'pip-no-cache',
  title: 'pip install keeps its download cache',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: { hadolint: ['DL3042'], kics: ['Pip install Keeping Cached Packages'], checkov: [] },
  docs: {
    why: 'pip caches every wheel it downloads under ~/.cache/pip; in an image that cache is dead weight (often tens of megabytes) shipped with every layer. `--no-cache-dir`, `ENV PIP_NO_CACHE_DIR=1` or a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`) avoid it. Build stages that only feed other stages (`COPY --from=build /out/app /app`, `RUN --mount=from=build`) are not checked: their files never reach an image. The final stage, stages nothing else uses (built with `--target`), the stages those build FROM and stages copied into them whole (`COPY --from=build / /`) are.',
    bad: 'RUN pip install -r requirements.txt',
    good: 'RUN pip install --no-cache-dir -r requirements.txt',
    fix: 'Adds `--no-cache-dir` after `install`.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const shipped = stagesInAnyImage(ctx.model);
    for (const script of ctx.model.runScripts) {
      if (!shipped.has(script.stage)) continue;
      if (script.mounts.some((m) => m.type === 'cache' && /\.cache(\/pip)?\/?$/.test(m.target ?? ''))) continue;
      if (cacheDisabledByEnv(script.stage, script.instruction.getRange().start.line)) continue;
      for (const command of packageCommands(script)) {
        if (command.manager !== 'pip' || command.action !== 'install' || !command.actionWord) continue;
        if (hasOption(command, '--no-cache-dir', '--no-cache')) continue;
        if (script.commands.some((c) => c.assignments.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR=')))) continue;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, command.actionWord),
          message: `"${command.programWord.value} install" keeps downloaded packages in ~/.cache/pip inside the image; add --no-cache-dir`,
          fixes: script.execForm
            ? []
            : [
                {
                  title: 'Add --no-cache-dir',
                  edits: [insertAfterWord(ctx.model, command.actionWord, ' --no-cache-dir')],
                  preferred: true,
                },
              ],
        });
      }
    }
  },
});
