import type { Instruction } from 'dockerfile-ast';
import { isJsonForm } from '../dockerfile/instruction-args';
import type { DockerfileModel } from '../dockerfile/model';
import { parseShell } from '../dockerfile/shell';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

// Characters that make /bin/sh do something a plain argv cannot: operators, expansion, globbing,
// redirection; and a leading NAME= assignment.
const SHELL_CHARACTERS = /[|&;<>()$`*?~[\]{}!#]/;
const usesShell = (word: string) => SHELL_CHARACTERS.test(word) || /^[A-Za-z_]\w*=/.test(word);

/** The exec form of a shell-form command: split into argv when that means the same, else `sh -c`. */
export function execForm(model: DockerfileModel, instruction: Instruction): string | undefined {
  const range = instruction.getArgumentsRange();
  if (!range) return undefined;
  const start = model.index.offset(range.start);
  const end = model.index.offset(instruction.getRange().end);
  const raw = model.text.slice(start, end);
  const commands = parseShell(model.text, start, end, { continuationChar: model.escapeChar });
  // One simple command without shell features splits into argv exactly as /bin/sh would.
  const joined = commands.length === 1 ? commands[0]! : undefined;
  const words = joined?.words ?? [];
  const plain =
    joined &&
    joined.assignments.length === 0 &&
    joined.redirects.length === 0 &&
    words.every((w) => !usesShell(model.text.slice(w.start, w.end)));
  if (plain && words.length > 0) return JSON.stringify(words.map((w) => w.value)).replace(/","/g, '", "');
  // Otherwise keep the shell: the command text, with line continuations joined.
  const escape = model.escapeChar;
  const script = raw
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (line.endsWith(escape) ? line.slice(0, -1).trimEnd() : line))
    .join(' ');
  return JSON.stringify(['/bin/sh', '-c', script]).replace(/","/g, '", "');
}

export default defineRule({
  id: 'shell-form-cmd',
  title: 'CMD or ENTRYPOINT in shell form',
  category: 'best-practice',
  severity: 'info',
  refs: {
    hadolint: ['DL3025'],
    kics: ['Not Using JSON In CMD And ENTRYPOINT Arguments'],
    buildkit: ['JSONArgsRecommended'],
    checkov: [],
  },
  docs: {
    why: 'In shell form, Docker runs `/bin/sh -c "<command>"`: the shell becomes PID 1 and does not forward SIGTERM, so `docker stop` waits 10 seconds and then kills the process without a graceful shutdown. The JSON exec form runs the process directly. An ENTRYPOINT in shell form also ignores CMD and `docker run` arguments.',
    bad: 'CMD node server.js',
    good: 'CMD ["node", "server.js"]',
    fix: 'Rewrites as the JSON exec form with correct JSON escaping; a command that uses shell features (pipes, &&, variables, redirects, globs) becomes `["/bin/sh", "-c", "..."]` so it keeps working, but then prefix it with `exec` to get signals delivered.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'CMD' && keyword !== 'ENTRYPOINT') || isJsonForm(instruction)) continue;
      const range = instruction.getArgumentsRange();
      if (!range) continue;
      // `CMD [python, app.py]` meant to be exec form but is not valid JSON: syntax-error reports it,
      // and wrapping it in sh -c would preserve the mistake.
      if ((instruction.getArgumentsContent() ?? '').trimStart().startsWith('[')) continue;
      const replacement = execForm(ctx.model, instruction);
      const edit: TextEdit | undefined = replacement
        ? { range: { start: range.start, end: instruction.getRange().end }, newText: replacement }
        : undefined;
      ctx.report({
        range: instruction.getInstructionRange(),
        message: `${keyword} in shell form runs under /bin/sh, which does not pass SIGTERM to the process; use the exec form${replacement ? ` ${replacement}` : ''}`,
        fixes: edit ? [{ title: 'Rewrite in JSON exec form', edits: [edit], preferred: true }] : [],
      });
    }
  },
});
