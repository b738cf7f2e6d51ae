import { insertAfterWord, wordRange } from '../dockerfile/edits';
import { hasOption, packageCommands } from '../dockerfile/packages';
import { stagesInAnyImage } from '../dockerfile/shipped-stages';
import { defineRule } from '../rule';

export default defineRule({
  id: 'apk-no-cache',
  title: 'apk add keeps its package cache',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: { hadolint: ['DL3019'], kics: ['Apk Add Using Local Cache Path'], checkov: [] },
  docs: {
    why: '`apk add` stores the package index (and with `--update-cache`, a fresh copy of it) under /var/cache/apk, which then ships in the image layer. `--no-cache` fetches the index for this command only and leaves nothing behind, replacing both `apk update` and the cleanup. `apk add --no-network` (which fetches nothing) and a RUN that removes /var/cache/apk itself are not reported. Build stages that only feed other stages (`COPY --from=build /out/app /app`, `RUN --mount=from=build`) are not checked: their files never reach an image. The final stage, stages nothing else uses (built with `--target`), the stages those build FROM and stages copied into them whole (`COPY --from=build / /`) are.',
    bad: 'RUN apk add --update-cache curl',
    good: 'RUN apk add --no-cache curl',
    fix: 'Adds `--no-cache` after `add`.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const shipped = stagesInAnyImage(ctx.model);
    for (const script of ctx.model.runScripts) {
      if (!shipped.has(script.stage)) continue;
      // A cache mount keeps the cache out of the image by construction; removing it in the same RUN too.
      if (script.mounts.some((m) => m.type === 'cache' && m.target?.startsWith('/var/cache/apk'))) continue;
      if (
        script.commands.some((c) => c.words[0]?.value === 'rm' && c.words.some((w) => /^\/var\/cache\/apk(?:\/|$)/.test(w.value)))
      )
        continue;
      for (const command of packageCommands(script)) {
        if (command.manager !== 'apk' || command.action !== 'add' || !command.actionWord || hasOption(command, '--no-cache'))
          continue;
        // `--no-network` installs only what is already on disk (the official images' `apk add
        // --no-network --virtual .rundeps $runDeps` after a --no-cache build): no index is fetched,
        // so none is left behind.
        if (hasOption(command, '--no-network')) continue;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, command.actionWord),
          message: '"apk add" leaves its package index in the image; use "apk add --no-cache"',
          fixes: script.execForm
            ? []
            : [
                {
                  title: 'Add --no-cache',
                  edits: [insertAfterWord(ctx.model, command.actionWord, ' --no-cache')],
                  preferred: true,
                },
              ],
        });
      }
    }
  },
});
