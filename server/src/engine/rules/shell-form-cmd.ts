import { execForm } from '../dockerfile/exec-form';
import { isJsonForm } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

export default defineRule({
  id: 'shell-form-cmd',
  title: 'CMD or ENTRYPOINT in shell form',
  category: 'best-practice',
  severity: 'info',
  fixes: 'changes-behaviour',
  refs: {
    hadolint: ['DL3025'],
    kics: ['Not Using JSON In CMD And ENTRYPOINT Arguments'],
    buildkit: ['JSONArgsRecommended'],
    checkov: [],
  },
  docs: {
    why: 'In shell form, Docker runs the command as `/bin/sh -c "<command>"` (or the stage\'s SHELL): the shell is PID 1 and does not forward SIGTERM, so `docker stop` waits 10 seconds and then kills the process without a graceful shutdown. The JSON exec form runs the process directly. An ENTRYPOINT in shell form also ignores CMD and `docker run` arguments. Unlike BuildKit\'s JSONArgsRecommended, an explicit SHELL instruction does not silence this rule: the signal problem is the same with any shell.',
    bad: 'CMD node server.js',
    good: 'CMD ["node", "server.js"]',
    fix: 'Rewrites as the JSON exec form with correct JSON escaping, splitting the words as the shell would (quotes honoured, continuation lines joined). A command that needs the shell (pipes, `&&`, `$VAR`, redirects, globs) becomes `["/bin/sh", "-c", "<command>"]` (the stage\'s SHELL when one is set, `cmd /S /C` on Windows images), which keeps its meaning; start that command with `exec` so the final process still receives signals.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'CMD', 'ENTRYPOINT')) {
        const keyword = instruction.getKeyword();
        if (isJsonForm(instruction)) continue;
        const range = instruction.getArgumentsRange();
        if (!range) continue;
        // `CMD [python, app.py]` was meant as exec form but is not valid JSON: syntax-error reports it,
        // and wrapping it in sh -c would keep the mistake.
        if ((instruction.getArgumentsContent() ?? '').trimStart().startsWith('[')) continue;
        const replacement = execForm(model, stage, instruction);
        const shell = model.shellAt(stage, instruction).argv.join(' ');
        ctx.report({
          range: instruction.getInstructionRange(),
          message: `${keyword} in shell form runs under "${shell}", which does not pass SIGTERM on to the process; write it in exec form${replacement ? `: ${keyword} ${replacement}` : ''}`,
          fixes: replacement
            ? [
                {
                  title: 'Rewrite in JSON exec form',
                  edits: [{ range: { start: range.start, end: instruction.getRange().end }, newText: replacement }],
                  preferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
});
