import type { DockerfileModel } from '../dockerfile/model';
import type { RunScript } from '../dockerfile/run-script';
import { effectiveWords, programName, type ShellCommand } from '../dockerfile/shell';
import { defineRule } from '../rule';

// Reserved words that can stand between two commands without changing what a `(` or `)` there means.
const GAP_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'do', 'done', '{', '}', '!']);
const GAP_TOKEN = /&&|\|\||;;|[;&|()]|[^\s;&|()]+/y;

/**
 * The subshell depth after the `(` and `)` between two commands, taken in order from `depth`, or
 * undefined when the text there is more than separators and reserved words (a `case` pattern, a
 * `for` header, a redirection), whose parentheses are not all subshells.
 */
function depthAfterGap(model: DockerfileModel, from: number, to: number, depth: number): number | undefined {
  const { text, escapeChar } = model;
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (ch === escapeChar && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += 2;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    // Comments: shell comments in heredocs, and the lines Docker drops inside a continuation.
    if (ch === '#') {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      depth = ch === '(' ? depth + 1 : Math.max(0, depth - 1);
      i++;
      continue;
    }
    // `&&`, `||`, `;;` or one of `;&|` (cut at the gap's end), told apart without a token string:
    // most gaps hold nothing else.
    if (ch === ';' || ch === '&' || ch === '|') {
      i += i + 1 < to && text[i + 1] === ch ? 2 : 1;
      continue;
    }
    GAP_TOKEN.lastIndex = i;
    const token = GAP_TOKEN.exec(text)![0].slice(0, to - i);
    if (!GAP_KEYWORDS.has(token)) return undefined;
    i += token.length;
  }
  return depth;
}

/** Where the shell text of each part of the RUN starts: after the flags, and at each heredoc body. */
function regionStarts(model: DockerfileModel, script: RunScript): number[] {
  const { index } = model;
  const lastFlag = script.flags[script.flags.length - 1];
  const args = script.instruction.getArgumentsRange();
  const starts = [lastFlag ? index.offset(lastFlag.getRange().end) : args ? index.offset(args.start) : 0];
  for (const heredoc of script.instruction.getHeredocs()) {
    const content = heredoc.getContentRange();
    if (content) starts.push(index.offset(content.start));
  }
  return starts.sort((a, b) => a - b);
}

/** The last of the (sorted) region starts within [from, to]. */
function lastStartIn(starts: readonly number[], from: number, to: number): number | undefined {
  for (let i = starts.length - 1; i >= 0; i--) if (starts[i]! >= from && starts[i]! <= to) return starts[i];
  return undefined;
}

/**
 * How many `( ... )` subshells enclose each command. A `cd` there ends with the subshell, which
 * is the usual way to scope it. shell.ts gives each command only the one separator on either
 * side, so `( (`, `) )` or a `(` on its own line would lose a level: the text between commands
 * is read instead, falling back to those separators where it holds more than operators.
 */
function subshellDepths(model: DockerfileModel, script: RunScript): Map<ShellCommand, number> {
  const depths = new Map<ShellCommand, number>();
  const starts = regionStarts(model, script);
  let depth = 0;
  let previous: ShellCommand | undefined;
  for (const command of script.commands) {
    let from = previous?.end ?? starts[0]!;
    // A heredoc body is a separate script: no subshell spans into it.
    const region = lastStartIn(starts, from, command.start);
    if (region !== undefined && (previous === undefined || region > previous.end)) {
      from = region;
      depth = 0;
      previous = undefined;
    }
    const after = depthAfterGap(model, from, command.start, depth);
    if (after !== undefined) depth = after;
    else {
      if (previous?.next === ')') depth = Math.max(0, depth - 1);
      if (command.prev === '(') depth++;
    }
    depths.set(command, depth);
    previous = command;
  }
  return depths;
}

/** A path as written, with `${VAR}` spelt `$VAR` and no trailing slash, for comparing two mentions. */
// Scanned by hand rather than with unanchored regexes, which backtrack on long runs of `/` or `${`.
function normalPath(value: string): string {
  let path = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      const name = close === -1 ? '' : value.slice(i + 2, close);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        path += `$${name}`;
        i = close;
        continue;
      }
    }
    path += value[i];
  }
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** Whether a word holds a `$(mktemp ...)` command substitution. */
function mentionsMktemp(value: string): boolean {
  for (let at = value.indexOf('$('); at !== -1; at = value.indexOf('$(', at + 2)) {
    let i = at + 2;
    while (value[i] === ' ' || value[i] === '\t') i++;
    if (value.startsWith('mktemp', i) && !/[A-Za-z0-9_-]/.test(value[i + 6] ?? '')) return true;
  }
  return false;
}

const TEMP_DIR = /^(?:\/tmp|\/var\/tmp)(?:\/|$)/;

/**
 * Why a `cd` is not a working directory the image should have, or undefined when WORKDIR is the
 * better spelling. Official images build from source in a scratch directory (`cd /usr/src/ruby;
 * ./configure; make install; cd /; rm -rf /usr/src/ruby`): WORKDIR there would leave every later
 * instruction, and the container, in a deleted or temporary directory, and `cd /` only goes back.
 */
function scratchDirectory(commands: ShellCommand[], at: number, target: string, depths: Map<ShellCommand, number>): boolean {
  const path = normalPath(target);
  const earlier = commands.slice(0, at);
  // Going back from an earlier cd of this RUN's own (one inside a subshell ended with it).
  if ((path === '/' || path === '-') && earlier.some((c) => programName(c.words[0]) === 'cd' && depths.get(c) === 0)) return true;
  if (TEMP_DIR.test(path) || (path.startsWith('$(') && mentionsMktemp(path))) return true;
  // A variable holding `$(mktemp -d)`.
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1];
  if (
    variable &&
    earlier.some((c) =>
      [...c.assignments, ...c.words.slice(0, 1)].some((w) => w.value.startsWith(`${variable}=`) && mentionsMktemp(w.value)),
    )
  )
    return true;
  // Removed later in the same RUN, itself or a directory above it.
  return commands.slice(at + 1).some((c) => {
    const words = effectiveWords(c);
    if (programName(words[0]) !== 'rm') return false;
    return words.slice(1).some((w) => {
      if (w.value.startsWith('-')) return false;
      const removed = normalPath(w.value);
      return removed !== '/' && removed !== '' && (path === removed || path.startsWith(`${removed}/`));
    });
  });
}

export default defineRule({
  id: 'cd-in-run',
  title: 'cd in RUN instead of WORKDIR',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL3003'], kics: ["RUN Instruction Using 'cd' Instead of WORKDIR"], checkov: [] },
  docs: {
    why: 'A `cd` lasts only for its own RUN, so the next instruction silently runs somewhere else; WORKDIR sets the directory for every later RUN, COPY, CMD and ENTRYPOINT and creates it if needed, and the Dockerfile reads top to bottom. A `cd` inside a subshell `( cd x && make )` is not flagged: the parentheses say on purpose that the directory change ends there. Nor is a scratch directory, where WORKDIR would be wrong: a directory the same RUN removes afterwards (`cd /usr/src/ruby; make install; cd /; rm -rf /usr/src/ruby`, the way official images build from source), a temporary one (`/tmp/...`, `$(mktemp -d)`), or `cd /` and `cd -` going back after an earlier `cd`.',
    bad: 'RUN cd /app && npm ci',
    good: 'WORKDIR /app\nRUN npm ci',
    fix: 'None automatic: replace `cd dir &&` with a `WORKDIR dir` before the RUN (or `make -C dir`, `git -C dir`, or a `( cd dir && ... )` subshell).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      let depths: Map<ShellCommand, number> | undefined;
      for (const command of script.commands) {
        const word = command.words[0];
        if (programName(word) !== 'cd' || !word) continue;
        depths ??= subshellDepths(ctx.model, script);
        if (depths.get(command)! > 0) continue;
        const target = command.words[1]?.value ?? '~';
        if (scratchDirectory(script.commands, script.commands.indexOf(command), target, depths)) continue;
        ctx.report({
          range: ctx.model.index.range(word.start, command.words[1]?.end ?? word.end),
          message: `"cd ${target}" only lasts for this RUN; use WORKDIR ${target.startsWith('/') ? target : '<absolute path>'} instead`,
        });
      }
    }
  },
});
