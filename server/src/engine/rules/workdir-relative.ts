import { argsOf } from '../dockerfile/instruction-args';
import { isAbsolutePath, trimTrailingSlashes, unquote } from '../dockerfile/paths';
import { workdirsBefore, workdirValue } from '../dockerfile/workdir';
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
    why: "A relative WORKDIR is resolved against the previous working directory. When the stage has not set an absolute one yet, that comes from the base image and changes under you when the image does. After an absolute WORKDIR in the same stage the result is predictable, so the finding drops to info (BuildKit's WorkdirRelativePath does not report it at all), but the absolute path still reads better. ARG and ENV values are expanded first; a path starting with a variable whose value is unknown here (such as `$HOME` from the base image) is not reported.",
    bad: 'FROM python:3.13-slim\nWORKDIR app',
    good: 'FROM python:3.13-slim\nWORKDIR /app',
    fix: 'None automatic: write the absolute path you mean.',
  },
  dockerfile(ctx) {
    const { model } = ctx;
    const dirs = workdirsBefore(model);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const [path] = argsOf(instruction);
        if (!path) continue;
        const written = unquote(path.value);
        const value = workdirValue(model, stage, instruction, written);
        if (value === undefined || value === '' || isAbsolutePath(value)) continue;
        const shown = value === written ? quote(written) : `${quote(written)} (${quote(value)})`;
        const base = dirs.get(instruction);
        if (base !== undefined) {
          const resolved = `${trimTrailingSlashes(base)}/${value.replace(/^\.\//, '')}`;
          ctx.report({
            range: path.range,
            severity: 'info',
            message: `WORKDIR ${shown} is relative; it resolves to ${quote(resolved)} here, so write that absolute path`,
          });
          continue;
        }
        ctx.report({
          range: path.range,
          message: `WORKDIR ${shown} is relative to the base image's working directory, which can change with the image; use an absolute path such as ${quote(`/${value.replace(/^\.\//, '')}`)}`,
        });
      }
    }
  },
});
