// A POSIX-shell word scanner with source offsets, for the commands inside RUN. npm's shell
// tokenizers either drop positions (shell-quote) or are unmaintained or megabytes of compiled Go
// (bash-parser, mvdan-sh); rules need the offset of each word to report and fix it. One linear
// pass, no regex backtracking over user text.

import { SourceRuns } from './source-runs';

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

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
const HEADERS = new Set(['for', 'case', 'select', 'function']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Splits shell text (source[from, to)) into simple commands with their separators. */
export function parseShell(source: string, from: number, to: number, options: ScanOptions = {}): ShellCommand[] {
  return new ShellScanner(source, from, to, options.continuationChar).commands();
}

function isBreak(source: string, i: number): number {
  if (source[i] === '\n') return 1;
  if (source[i] === '\r') return source[i + 1] === '\n' ? 2 : 1;
  return 0;
}

// A dozen rules ask for the effective words of every command; unwrap each command once. The memo
// lives on the command (a WeakMap lookup per call cost more than the unwrapping it saved).
const EFFECTIVE = Symbol('effectiveWords');
type Memo = ShellCommand & { [EFFECTIVE]?: ShellWord[] };

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

// The characters scan() looks at (quotes, escapes, blanks, line breaks, `#`, `$`, operators and
// redirections): any other character only extends the word being read, and a run of them is read
// in one tight loop rather than through every test per character.
const SPECIAL = new Uint8Array(128);
for (const ch of ' \t\r\n#\'"\\$`<>&|;()') SPECIAL[ch.charCodeAt(0)] = 1;

/** Whether the character (code) is an ordinary word character: not special, not the continuation character. */
const isPlain = (code: number, cont: number): boolean => (code >= 128 || SPECIAL[code] === 0) && code !== cont;

/**
 * One pass over the text that groups words into commands as it reads them. Words go into one
 * scratch list per scan, reused for every command and copied out at each separator: a RUN's scan
 * is a large share of what a Dockerfile lint allocates, and a token object per word and a fresh
 * list per command were most of it.
 */
class ShellScanner {
  private i: number;
  // The word being read, built from substrings of the source.
  private readonly word: SourceRuns;
  private start = -1;
  private quoted = false;
  private pendingRedirect = false;
  /** The current command's words and redirection targets: `wordCount`/`redirectCount` are in use. */
  private readonly words: ShellWord[] = [];
  private wordCount = 0;
  private readonly redirects: ShellWord[] = [];
  private redirectCount = 0;
  private prev: Separator | undefined;
  private readonly found: ShellCommand[] = [];

  constructor(
    private readonly source: string,
    from: number,
    private readonly to: number,
    private readonly cont: string | undefined,
  ) {
    this.i = from;
    this.word = new SourceRuns(source);
  }

  commands(): ShellCommand[] {
    this.scan();
    this.finish(undefined);
    // A model keeps its commands as long as it lives; an array grown by push keeps room for 17
    // elements, so the list is copied to its exact length (an empty one has no room at all).
    return this.found.length === 0 ? this.found : this.found.slice();
  }

  private flush(): void {
    if (this.start === -1) return;
    // An unterminated quote or trailing escape runs to the end of the text, not past it.
    const read: ShellWord = { value: this.word.take(), start: this.start, end: Math.min(this.i, this.to), quoted: this.quoted };
    if (this.pendingRedirect) this.redirects[this.redirectCount++] = read;
    else this.words[this.wordCount++] = read;
    this.pendingRedirect = false;
    this.start = -1;
    this.quoted = false;
  }

  private begin(): void {
    if (this.start === -1) this.start = this.i;
  }

  /** Ends the current command at a separator (`undefined` at the end of the text). */
  private finish(next: Separator | undefined): void {
    const command = this.toCommand(next);
    if (command) this.found.push(command);
    this.wordCount = 0;
    this.redirectCount = 0;
    this.prev = next;
  }

  private toCommand(next: Separator | undefined): ShellCommand | undefined {
    const words = this.words;
    const count = this.wordCount;
    let index = 0;
    while (index < count && !words[index]!.quoted && KEYWORDS.has(words[index]!.value)) index++;
    if (index < count && !words[index]!.quoted && HEADERS.has(words[index]!.value)) return undefined;
    const assignmentsFrom = index;
    // An assignment has `=` after its first character: most words have none, and skip the pattern.
    while (index < count && !words[index]!.quoted && words[index]!.value.indexOf('=') > 0 && ASSIGNMENT.test(words[index]!.value))
      index++;
    let last = count;
    while (last > index && !words[last - 1]!.quoted && CLOSERS.has(words[last - 1]!.value)) last--;
    if (last === assignmentsFrom) return undefined;
    let start = Infinity;
    let end = -Infinity;
    for (let w = assignmentsFrom; w < last; w++) {
      if (words[w]!.start < start) start = words[w]!.start;
      if (words[w]!.end > end) end = words[w]!.end;
    }
    for (let r = 0; r < this.redirectCount; r++) {
      if (this.redirects[r]!.start < start) start = this.redirects[r]!.start;
      if (this.redirects[r]!.end > end) end = this.redirects[r]!.end;
    }
    // Every field written here, in one order, so that all commands share one shape (and the
    // effective-words memo needs no property added later).
    const command: Memo = {
      assignments: words.slice(assignmentsFrom, index),
      words: words.slice(index, last),
      redirects: this.redirects.slice(0, this.redirectCount),
      prev: this.prev,
      next,
      start,
      end,
      [EFFECTIVE]: undefined,
    };
    return command;
  }

  /** After a Dockerfile continuation, Docker drops blank lines and comment lines. */
  private skipContinuationLines(): void {
    const { source, to } = this;
    for (;;) {
      let j = this.i;
      while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
      const br = isBreak(source, j);
      if (br > 0 && j < to) {
        this.i = j + br;
        continue;
      }
      // A comment line inside the continuation. Only within the scanned text: a `#` at or past its
      // end (a continuation on the script's last line) is not consumed, and looping on it never ended.
      if (j < to && source[j] === '#') {
        while (j < to && isBreak(source, j) === 0) j++;
        this.i = j + isBreak(source, j);
        continue;
      }
      return;
    }
  }

  /** Copies a balanced `$(...)`, `${...}` or backtick span verbatim into the word. */
  private copyBalanced(open: string, close: string): void {
    const { source, to, cont, word } = this;
    let depth = 0;
    while (this.i < to) {
      const ch = source[this.i]!;
      if (cont && ch === cont && isBreak(source, this.i + 1) > 0) {
        this.i += 1 + isBreak(source, this.i + 1);
        this.skipContinuationLines();
        continue;
      }
      word.keep(this.i);
      this.i++;
      if (ch === '\\' && this.i < to) {
        word.keep(this.i);
        this.i++;
      } else if (ch === "'" && open === '(') {
        while (this.i < to && source[this.i] !== "'") word.keep(this.i++);
        if (this.i < to) word.keep(this.i++);
      } else if (open !== close && ch === open) depth++;
      else if (ch === close) {
        depth--;
        if (depth <= 0) return;
      }
    }
  }

  private scan(): void {
    const { source, to, cont, word } = this;
    // NaN when there is no continuation character: equal to no character code.
    const contCode = cont === undefined ? NaN : cont.charCodeAt(0);
    while (this.i < to) {
      const i = this.i;
      if (isPlain(source.charCodeAt(i), contCode)) {
        this.begin();
        let j = i;
        do word.keep(j++);
        while (j < to && isPlain(source.charCodeAt(j), contCode));
        this.i = j;
        continue;
      }
      const ch = source[i]!;
      if (cont && ch === cont && isBreak(source, i + 1) > 0) {
        this.i += 1 + isBreak(source, i + 1);
        this.skipContinuationLines();
        continue;
      }
      const br = isBreak(source, i);
      if (br > 0) {
        this.flush();
        this.finish('\n');
        this.i += br;
        continue;
      }
      if (ch === ' ' || ch === '\t') {
        this.flush();
        this.i++;
        continue;
      }
      if (ch === '#' && this.start === -1) {
        while (this.i < to && isBreak(source, this.i) === 0) this.i++;
        continue;
      }
      if (ch === "'") {
        this.begin();
        this.quoted = true;
        this.i++;
        while (this.i < to && source[this.i] !== "'") word.keep(this.i++);
        this.i++;
        continue;
      }
      if (ch === '"') {
        this.begin();
        this.quoted = true;
        this.i++;
        while (this.i < to && source[this.i] !== '"') {
          const at = this.i;
          if (cont && source[at] === cont && isBreak(source, at + 1) > 0) {
            this.i += 1 + isBreak(source, at + 1);
            continue;
          }
          if (source[at] === '\\' && at + 1 < to && '"\\$`'.includes(source[at + 1]!)) {
            word.keep(at + 1);
            this.i += 2;
            continue;
          }
          if (source[at] === '$' && source[at + 1] === '(') {
            this.copyBalanced('(', ')');
            continue;
          }
          word.keep(this.i++);
        }
        this.i++;
        continue;
      }
      if (ch === '\\') {
        this.begin();
        if (i + 1 < to && isBreak(source, i + 1) === 0) word.keep(i + 1);
        this.i += 2;
        continue;
      }
      if (ch === '$' && (source[i + 1] === '(' || source[i + 1] === '{')) {
        this.begin();
        word.keep(i);
        this.i++;
        this.copyBalanced(source[this.i]!, source[this.i] === '(' ? ')' : '}');
        continue;
      }
      if (ch === '`') {
        this.begin();
        this.copyBalanced('`', '`');
        continue;
      }
      if (ch === '>' || ch === '<') {
        this.redirection();
        continue;
      }
      if (ch === '&' || ch === '|' || ch === ';' || ch === '(' || ch === ')') {
        this.flush();
        const after = source[i + 1];
        if (ch === '&' && after === '>') {
          this.i++;
          continue;
        }
        // `&&`, `||`, `;;` (a case arm's end, read as `;`) and `|&` (a pipe of both streams).
        if ((ch === '&' && after === '&') || (ch === '|' && after === '|')) {
          this.finish(ch === '&' ? '&&' : '||');
          this.i += 2;
        } else if ((ch === ';' && after === ';') || (ch === '|' && after === '&')) {
          this.finish(ch);
          this.i += 2;
        } else {
          this.finish(ch);
          this.i++;
        }
        continue;
      }
      this.begin();
      word.keep(i);
      this.i++;
    }
    this.flush();
  }

  /** At `>` or `<`: the operator, and whether a file name follows it. */
  private redirection(): void {
    const { source, to, word } = this;
    // `2>` and `&>`: the digits belong to the redirection, not to a word.
    if (this.start !== -1 && !this.quoted && /^\d+$/.test(word.peek())) {
      word.take();
      this.start = -1;
    } else this.flush();
    this.i++;
    while (this.i < to && (source[this.i] === '>' || source[this.i] === '<' || source[this.i] === '&' || source[this.i] === '|'))
      this.i++;
    // `2>&1` and `>&2` name a descriptor, not a file.
    if (source[this.i - 1] === '&' && (isDigit(source[this.i]) || source[this.i] === '-')) {
      while (this.i < to && (isDigit(source[this.i]) || source[this.i] === '-')) this.i++;
      return;
    }
    this.pendingRedirect = true;
  }
}

/** `/usr/bin/curl` -> `curl`. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  const slash = word.value.lastIndexOf('/');
  return slash === -1 ? word.value : word.value.slice(slash + 1);
}

// Wrappers that run the command given after their own options.
// xargs options whose value is the next word (GNU findutils, BusyBox): -a file, -d delimiter, -E eof,
// -I replacement, -L lines, -n args, -P processes, -s size.
const XARGS_OPTIONS_WITH_VALUE = new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s']);
const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']);

/** The words of the command actually run, after `sudo`, `env`, `xargs`, `nice`, `nohup`, `exec`, `command`, `time`. */
export function effectiveWords(command: ShellCommand): ShellWord[] {
  return ((command as Memo)[EFFECTIVE] ??= unwrapCommand(command));
}

function unwrapCommand(command: ShellCommand): ShellWord[] {
  let words = command.words;
  for (let guard = 0; guard < 8 && words.length > 0; guard++) {
    const name = programName(words[0]);
    if (name === 'sudo' || name === 'doas') {
      let i = 1;
      while (i < words.length && words[i]!.value.startsWith('-')) {
        i += SUDO_OPTIONS_WITH_VALUE.has(words[i]!.value) ? 2 : 1;
      }
      words = words.slice(i);
    } else if (name === 'env') {
      let i = 1;
      while (i < words.length && (words[i]!.value.startsWith('-') || ASSIGNMENT.test(words[i]!.value))) i++;
      words = words.slice(i);
    } else if (name === 'xargs') {
      // `xargs -rt apt-get install -y < deps.txt` runs apt-get install (official images do this).
      let i = 1;
      while (i < words.length && words[i]!.value.startsWith('-')) i += XARGS_OPTIONS_WITH_VALUE.has(words[i]!.value) ? 2 : 1;
      words = words.slice(i);
    } else if (name === 'nice' || name === 'nohup' || name === 'exec' || name === 'command' || name === 'time') {
      let i = 1;
      while (i < words.length && words[i]!.value.startsWith('-')) i++;
      words = words.slice(i);
    } else break;
  }
  return words;
}
