// The JSON exec form of a shell-form CMD or ENTRYPOINT, meaning exactly what Docker runs today.
//
// Docker runs a shell-form command as the stage's SHELL plus the command text as one argument
// (default `["/bin/sh", "-c"]` on Linux, `["cmd", "/S", "/C"]` on Windows; docs: "SHELL"). So
// the faithful exec form is `[...shell, "<command>"]`. When the command is one plain simple
// command (no operators, expansions, globs, redirects or assignments), a POSIX shell would only
// split it into words and remove quotes, so the argv itself (`["node", "server.js"]`) means the
// same and also gets signals delivered.
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { parseShell } from './shell';

// Characters that make a POSIX shell do more than split words: operators, expansion, globbing,
// redirection, comments, history, brace expansion and `~`.
const SHELL_CHARACTERS = /[|&;<>()$`*?~[\]{}!#]/;

/**
 * The command text as Docker passes it to the shell: continuation lines joined and the comment
 * lines inside the continuation dropped, as Docker's parser does. Leading whitespace of a
 * continued line is dropped too, unless the break is inside quotes, where it is data.
 */
export function joinedCommand(model: DockerfileModel, start: number, end: number): string {
  const escape = model.escapeChar;
  const lines = model.text.slice(start, end).split(/\r\n|\n|\r/);
  let out = '';
  let quote: string | undefined;
  lines.forEach((line, i) => {
    if (i > 0) {
      if (/^\s*#/.test(line)) return;
      if (line.trim() === '') return;
      if (!quote) line = line.trimStart();
    }
    let text = line;
    const trimmed = text.trimEnd();
    const continued = i < lines.length - 1 && trimmed.endsWith(escape);
    if (continued) text = trimmed.slice(0, -1);
    else if (i === lines.length - 1) text = trimmed;
    // Track quotes so a break inside "..." keeps its spacing.
    for (let k = 0; k < text.length; k++) {
      const ch = text[k]!;
      if (quote) {
        if (ch === '\\' && quote === '"') k++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '\\') k++;
      else if (ch === '"' || ch === "'") quote = ch;
    }
    if (!quote && continued) text = text.trimEnd() + ' ';
    out += text;
  });
  return out.trim();
}

function jsonArray(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** The exec form of a shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD; undefined when there is no command. */
export function execForm(model: DockerfileModel, stage: Stage | undefined, instruction: Instruction): string | undefined {
  const range = instruction.getArgumentsRange();
  if (!range) return undefined;
  const start = model.index.offset(range.start);
  const end = model.index.offset(instruction.getRange().end);
  const shell = stage ? model.shellAt(stage, instruction) : { argv: ['/bin/sh', '-c'], posix: true };
  if (shell.posix) {
    const commands = parseShell(model.text, start, end, { continuationChar: model.escapeChar });
    const only = commands.length === 1 ? commands[0]! : undefined;
    const plain =
      only !== undefined &&
      only.assignments.length === 0 &&
      only.redirects.length === 0 &&
      only.words.length > 0 &&
      only.words.every((w) => !SHELL_CHARACTERS.test(model.text.slice(w.start, w.end)));
    if (plain) return jsonArray(only.words.map((w) => w.value));
  }
  const command = joinedCommand(model, start, end);
  return command ? jsonArray([...shell.argv, command]) : undefined;
}
