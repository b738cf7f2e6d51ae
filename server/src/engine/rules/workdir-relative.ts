import { isAbsolutePath, unquote } from '../dockerfile/paths';
import { quote } from '../quote';
import { defineRule } from '../rule';

export default defineRule({
  id: 'workdir-relative',
  title: 'WORKDIR with a relative path',
  category: 'best-practice',
  severity: 'warning',
  refs: {
    cwe: 'CWE-665',
    hadolint: ['DL3000'],
    kics: ['WORKDIR Path Not Absolute'],
    checkov: ['CKV_DOCKER_10'],
    trivy: ['DS009'],
    buildkit: ['WorkdirRelativePath'],
  },
  docs: {
    why: "A relative WORKDIR is resolved against the previous working directory. When the stage has not set an absolute one yet, that comes from the base image and changes under you when the image does. After an absolute WORKDIR (or one starting with a variable such as `$HOME`) earlier in the stage or in a stage it builds FROM, the result is predictable, so the finding drops to info and names the path it resolves to, cleaned as BuildKit does (`/app` then `WORKDIR ../srv` is `/srv`); BuildKit's WorkdirRelativePath does not report it at all, but the absolute path still reads better. ARG and ENV values are expanded first; a path starting with a variable whose value is unknown here (such as `$HOME` from the base image) is not reported, while `src/$VERSION` is relative whatever the value.",
    bad: 'FROM python:3.13-slim\nWORKDIR app',
    good: 'FROM python:3.13-slim\nWORKDIR /app',
    fix: 'None automatic: write the absolute path you mean.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const workdir = model.workdirValue(instruction);
        const range = instruction.getArgumentsRange();
        if (!workdir || !range) continue;
        const { value, known, result } = workdir;
        // A path starting with a variable with no value here is most likely absolute (`$HOME`).
        if (value === '' || isAbsolutePath(value) || (!known && value.startsWith('$'))) continue;
        const written = unquote(instruction.getArgumentsContent()?.trim() ?? '');
        const shown = value === written ? quote(written) : `${quote(written)} (${quote(value)})`;
        const before = model.workdirAt(stage, instruction);
        // Relative to a directory a WORKDIR chose (an absolute path, or one starting with a
        // variable such as `$HOME`): predictable, so only info.
        const chosen = before.partial !== undefined && (before.partial.startsWith('$') || isAbsolutePath(before.partial));
        if (chosen && result.partial !== undefined) {
          ctx.report({
            range,
            severity: 'info',
            message: `WORKDIR ${shown} is relative; it resolves to ${quote(result.partial)} here, so write that absolute path`,
          });
          continue;
        }
        ctx.report({
          range,
          message: `WORKDIR ${shown} is relative to the base image's working directory, which can change with the image; use an absolute path such as ${quote(`/${value.replace(/^\.\//, '')}`)}`,
        });
      }
    }
  },
});
