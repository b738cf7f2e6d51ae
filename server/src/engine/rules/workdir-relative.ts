import { argsOf } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

/** Absolute on Linux (`/app`) or Windows (`C:\app`, `C:/app`), or starting with a variable we cannot see. */
function isAbsoluteOrUnknown(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export default defineRule({
  id: 'workdir-relative',
  title: 'WORKDIR with a relative path',
  category: 'best-practice',
  severity: 'warning',
  refs: { hadolint: ['DL3000'], kics: ['WORKDIR Path Not Absolute'], buildkit: ['WorkdirRelativePath'], checkov: [] },
  docs: {
    why: 'A relative WORKDIR is resolved against whatever the previous WORKDIR was, which comes from the base image and can change under you when it is updated. An absolute path says where files land.',
    bad: 'WORKDIR app',
    good: 'WORKDIR /app',
    fix: 'None automatic: write the absolute path you mean.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      const [path] = argsOf(instruction);
      if (!path) continue;
      let value = path.value;
      while (value.length > 1 && (value[0] === '"' || value[0] === "'")) value = value.slice(1);
      while (value.length > 1 && (value.endsWith('"') || value.endsWith("'"))) value = value.slice(0, -1);
      if (isAbsoluteOrUnknown(value)) continue;
      ctx.report({
        range: path.range,
        message: `WORKDIR "${value}" is relative to the base image's working directory; use an absolute path such as "/${value.startsWith('./') ? value.slice(2) : value}"`,
      });
    }
  },
});
