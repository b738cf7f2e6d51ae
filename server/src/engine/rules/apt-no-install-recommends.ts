import { insertAfterWord, wordRange } from '../dockerfile/edits';
import { hasOption, isAptSimulation, packageCommands } from '../dockerfile/packages';
import { stagesInAnyImage } from '../dockerfile/shipped-stages';
import { defineRule } from '../rule';

export default defineRule({
  id: 'apt-no-install-recommends',
  title: 'apt-get install pulls in recommended packages',
  category: 'best-practice',
  severity: 'info',
  fixes: 'changes-behaviour',
  refs: { hadolint: ['DL3015'], kics: ['APT-GET Not Avoiding Additional Packages'], checkov: [] },
  docs: {
    why: 'By default apt installs every "Recommends" dependency too: more packages in the image, a larger attack surface and a slower build, for software the image never uses. `--no-install-recommends` installs what was asked for and its hard dependencies. Build stages that only feed other stages (`COPY --from=build /out/app /app`, `RUN --mount=from=build`) are not checked: their files never reach an image. The final stage, stages nothing else uses (built with `--target`), the stages those build FROM and stages copied into them whole (`COPY --from=build / /`) are.',
    bad: 'RUN apt-get update && apt-get install -y curl',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    fix: 'Adds `--no-install-recommends` after `install`.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const shipped = stagesInAnyImage(ctx.model);
    for (const script of ctx.model.runScripts) {
      if (!shipped.has(script.stage)) continue;
      for (const command of packageCommands(script)) {
        if ((command.manager !== 'apt-get' && command.manager !== 'apt') || command.action !== 'install' || !command.actionWord)
          continue;
        // A simulation (`apt-get install -s`) installs nothing, recommended or not.
        const disabled =
          isAptSimulation(command) ||
          hasOption(command, '--no-install-recommends') ||
          command.args.some((w) => /APT::Install-Recommends=(?:false|0|no)/i.test(w.value));
        if (disabled) continue;
        ctx.report({
          range: wordRange(ctx.model, command.programWord, command.actionWord),
          message: `"${command.programWord.value} install" also installs recommended packages; add --no-install-recommends`,
          fixes: script.execForm
            ? []
            : [
                {
                  title: 'Add --no-install-recommends',
                  edits: [insertAfterWord(ctx.model, command.actionWord, ' --no-install-recommends')],
                  preferred: true,
                },
              ],
        });
      }
    }
  },
});
