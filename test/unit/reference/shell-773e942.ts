// The shell scanner as it was at 773e942 (server/src/engine/dockerfile/shell.ts), before it grouped
// words into commands while reading them: test/unit/shell-scanner.test.ts checks that the engine's
// scanner still gives the same commands. Kept only for that comparison.
import { SourceRuns } from '../../../server/src/engine/dockerfile/source-runs';

export interface ShellWord {
  /** The word after quote removal; `$VAR` and `$(...)` are kept as written. */
  value: string;
  /** Offsets of the word in the source text (quotes included). */
  start: number;
  end: number;
  /** True when any part of the word was quoted (so it is data, not an operator or keyword). */
  quoted: boolean;
}

export type Separator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

export interface ShellCommand {
  /** `NAME=value` words before the command name. */
  assignments: ShellWord[];
  /** The command name and its arguments, redirections removed. */
  words: ShellWord[];
  /** Redirection targets (`> /dev/null`, `2>&1`), kept for rules that care. */
  redirects: ShellWord[];
  /** The operator before and after the command: a `|` before it means it reads a pipe. */
  prev?: Separator;
  next?: Separator;
  start: number;
  end: number;
}

export interface ScanOptions {
  /** Dockerfile line continuation: the escape character before a line break joins the lines. */
  continuationChar?: string;
}

interface Token {
  kind: 'word' | 'op' | 'redirect';
  word?: ShellWord;
  op?: Separator;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
const HEADERS = new Set(['for', 'case', 'select', 'function']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Splits shell text (source[from, to)) into simple commands with their separators. */
export function parseShell(source: string, from: number, to: number, options: ScanOptions = {}): ShellCommand[] {
  return groupCommands(scan(source, from, to, options));
}

// A model keeps its commands as long as it lives; an array grown by push keeps room for 17
// elements. Kept arrays are copied to their exact length (an empty one has no room at all).
const exact = <T>(list: T[]): T[] => (list.length === 0 ? list : list.slice());

function isBreak(source: string, i: number): number {
  if (source[i] === '\n') return 1;
  if (source[i] === '\r') return source[i + 1] === '\n' ? 2 : 1;
  return 0;
}

function scan(source: string, from: number, to: number, options: ScanOptions): Token[] {
  const tokens: Token[] = [];
  const cont = options.continuationChar;
  let i = from;
  // The word being read, built from substrings of the source.
  const word = new SourceRuns(source);
  const keep = (at: number) => word.keep(at);
  let start = -1;
  let quoted = false;
  let pendingRedirect = false;

  const flush = () => {
    if (start === -1) return;
    // An unterminated quote or trailing escape runs to the end of the text, not past it.
    const read: ShellWord = { value: word.take(), start, end: Math.min(i, to), quoted };
    tokens.push({ kind: pendingRedirect ? 'redirect' : 'word', word: read });
    pendingRedirect = false;
    start = -1;
    quoted = false;
  };
  const begin = () => {
    if (start === -1) start = i;
  };
  /** After a Dockerfile continuation, Docker drops blank lines and comment lines. */
  const skipContinuationLines = () => {
    for (;;) {
      let j = i;
      while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
      const br = isBreak(source, j);
      if (br > 0 && j < to) {
        i = j + br;
        continue;
      }
      if (source[j] === '#') {
        while (j < to && isBreak(source, j) === 0) j++;
        i = j + isBreak(source, j);
        continue;
      }
      return;
    }
  };
  /** Copies a balanced `$(...)`, `${...}` or backtick span verbatim into the word. */
  const copyBalanced = (open: string, close: string) => {
    let depth = 0;
    while (i < to) {
      const ch = source[i]!;
      if (cont && ch === cont && isBreak(source, i + 1) > 0) {
        i += 1 + isBreak(source, i + 1);
        skipContinuationLines();
        continue;
      }
      keep(i);
      i++;
      if (ch === '\\' && i < to) {
        keep(i);
        i++;
      } else if (ch === "'" && open === '(') {
        while (i < to && source[i] !== "'") keep(i++);
        if (i < to) keep(i++);
      } else if (open !== close && ch === open) depth++;
      else if (ch === close) {
        depth--;
        if (depth <= 0) return;
      }
    }
  };

  while (i < to) {
    const ch = source[i]!;
    if (cont && ch === cont && isBreak(source, i + 1) > 0) {
      i += 1 + isBreak(source, i + 1);
      skipContinuationLines();
      continue;
    }
    const br = isBreak(source, i);
    if (br > 0) {
      flush();
      tokens.push({ kind: 'op', op: '\n' });
      i += br;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      flush();
      i++;
      continue;
    }
    if (ch === '#' && start === -1) {
      while (i < to && isBreak(source, i) === 0) i++;
      continue;
    }
    if (ch === "'") {
      begin();
      quoted = true;
      i++;
      while (i < to && source[i] !== "'") keep(i++);
      i++;
      continue;
    }
    if (ch === '"') {
      begin();
      quoted = true;
      i++;
      while (i < to && source[i] !== '"') {
        if (cont && source[i] === cont && isBreak(source, i + 1) > 0) {
          i += 1 + isBreak(source, i + 1);
          continue;
        }
        if (source[i] === '\\' && i + 1 < to && '"\\$`'.includes(source[i + 1]!)) {
          keep(i + 1);
          i += 2;
          continue;
        }
        if (source[i] === '$' && source[i + 1] === '(') {
          copyBalanced('(', ')');
          continue;
        }
        keep(i++);
      }
      i++;
      continue;
    }
    if (ch === '\\') {
      begin();
      if (i + 1 < to && isBreak(source, i + 1) === 0) keep(i + 1);
      i += 2;
      continue;
    }
    if (ch === '$' && (source[i + 1] === '(' || source[i + 1] === '{')) {
      begin();
      keep(i);
      i++;
      copyBalanced(source[i]!, source[i] === '(' ? ')' : '}');
      continue;
    }
    if (ch === '`') {
      begin();
      copyBalanced('`', '`');
      continue;
    }
    if (ch === '>' || ch === '<') {
      // `2>` and `&>`: the digits belong to the redirection, not to a word.
      if (start !== -1 && !quoted && /^\d+$/.test(word.peek())) {
        word.take();
        start = -1;
      } else flush();
      i++;
      while (i < to && (source[i] === '>' || source[i] === '<' || source[i] === '&' || source[i] === '|')) i++;
      // `2>&1` and `>&2` name a descriptor, not a file.
      if (source[i - 1] === '&' && /\d|-/.test(source[i] ?? '')) {
        while (i < to && /[\d-]/.test(source[i]!)) i++;
        continue;
      }
      pendingRedirect = true;
      continue;
    }
    if (ch === '&' || ch === '|' || ch === ';' || ch === '(' || ch === ')') {
      flush();
      const two = source.slice(i, i + 2);
      if (ch === '&' && source[i + 1] === '>') {
        i++;
        continue;
      }
      if (two === '&&' || two === '||' || two === ';;' || two === '|&') {
        tokens.push({ kind: 'op', op: two === ';;' ? ';' : two === '|&' ? '|' : (two as Separator) });
        i += 2;
      } else {
        tokens.push({ kind: 'op', op: ch as Separator });
        i++;
      }
      continue;
    }
    begin();
    keep(i);
    i++;
  }
  flush();
  return tokens;
}

function groupCommands(tokens: Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellWord[] = [];
  let redirects: ShellWord[] = [];
  let prev: Separator | undefined;

  const finish = (next: Separator | undefined) => {
    const command = toCommand(current, redirects, prev, next);
    if (command) commands.push(command);
    current = [];
    redirects = [];
    prev = next;
  };
  for (const token of tokens) {
    if (token.kind === 'op') finish(token.op);
    else if (token.kind === 'redirect') redirects.push(token.word!);
    else current.push(token.word!);
  }
  finish(undefined);
  return exact(commands);
}

function toCommand(words: ShellWord[], redirects: ShellWord[], prev?: Separator, next?: Separator): ShellCommand | undefined {
  let index = 0;
  while (index < words.length && !words[index]!.quoted && KEYWORDS.has(words[index]!.value)) index++;
  const first = words[index];
  if (first && !first.quoted && HEADERS.has(first.value)) return undefined;
  const assignments: ShellWord[] = [];
  while (index < words.length && !words[index]!.quoted && ASSIGNMENT.test(words[index]!.value)) assignments.push(words[index++]!);
  let last = words.length;
  while (last > index && !words[last - 1]!.quoted && CLOSERS.has(words[last - 1]!.value)) last--;
  const rest = words.slice(index, last);
  if (rest.length === 0 && assignments.length === 0) return undefined;
  // A loop, not Math.min(...words): spreading a 100,000-word command overflows the stack.
  let start = Infinity;
  let end = -Infinity;
  for (const list of [assignments, rest, redirects]) {
    for (const word of list) {
      if (word.start < start) start = word.start;
      if (word.end > end) end = word.end;
    }
  }
  const command: ShellCommand = { assignments: exact(assignments), words: rest, redirects: exact(redirects), start, end };
  if (prev) command.prev = prev;
  if (next) command.next = next;
  return command;
}
