// The one redaction layer. Rules quote file text in messages and fixes, and values travel: an ARG
// token expanded into an ADD URL, a `.env` password interpolated into a port. Rather than trusting
// every rule to know which of its words came from a secret, the engine collects every secret the
// linted text (and each file it read) holds, and masks each of them wherever it appears in what is
// shown: messages, fix titles, code frames, diffs, SARIF fix text, hovers.
//
// Collection is a linear scan of lines: it must work on files that do not parse (a YAML error
// quoting the line of a password) and cannot depend on which rule ran.
import {
  connectionStringPassword,
  endsToken,
  isLiteralSecretValue,
  namesASecret,
  redact,
  SECRET_WORD,
  secretShapeMatches,
} from './secrets';
import { TextIndex } from './text';
import type { Finding, Fix, TextEdit } from './types';

export type Redactor = (text: string) => string;

export const NO_REDACTION: Redactor = (text) => text;

// Shorter values carry no secret worth hiding (anyone can try them all), and masking every
// three-letter word in messages would make them unreadable.
const MIN_SECRET_LENGTH = 4;
// Memory bound for hostile files; past it every line is still scanned, the set just stops growing.
const MAX_SECRETS = 20_000;
const MAX_SECRET_LENGTH = 64 * 1024;
// Published defaults (POSTGRES_PASSWORD=postgres in every tutorial): masking them would turn the image
// name `postgres:16` into `****:16` in messages while protecting nothing.
const WELL_KNOWN_DEFAULTS = new Set([
  'postgres',
  'mysql',
  'mariadb',
  'redis',
  'mongo',
  'mongodb',
  'admin',
  'administrator',
  'root',
  'user',
  'password',
  'passwd',
  'secret',
  'changeme',
  'change_me',
  'example',
  'test',
  'guest',
  'default',
  'demo',
]);

// Flags whose next word (or `=value`) is a credential: curl, wget, git, docker login, npm, helm...
const CREDENTIAL_FLAGS = new Set([
  '--password',
  '--passwd',
  '--pass',
  '--http-password',
  '--ftp-password',
  '--proxy-password',
  '--token',
  '--auth-token',
  '--access-token',
  '--api-key',
  '--apikey',
  '--secret',
  '--client-secret',
  '--oauth2-bearer',
]);
// Flags whose value is `user:password`.
const USER_PASSWORD_FLAGS = new Set(['-u', '--user', '-U', '--proxy-user']);
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'digest', 'negotiate']);
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/g;
// A line can only carry a credential flag or header if it mentions one (CREDENTIAL_FLAGS,
// USER_PASSWORD_FLAGS, Authorization).
const MAYBE_CREDENTIAL_FLAG =
  /--(?:pass|http-pass|ftp-pass|proxy-pass|token|auth-token|access-token|api-?key|secret|client-secret|oauth2-bearer|user|proxy-user)|(?:^|\s)-[uU]|authorization/i;

/**
 * What each line scan needs its line to contain, searched for once over the whole text: the lines
 * without it are never sliced out, and most lines of a file hold none of them. Each is a necessary
 * condition of its scan finding anything (all are ASCII, and the scans' own tests are too):
 * - assignments: a name SECRET_WORD accepts, so one of its words in any case;
 * - connection strings: `://`;
 * - command lines: what MAYBE_CREDENTIAL_FLAG needs (`--`, `-u`/`-U` or "authorization");
 * - PEM bodies: PEM_BEGIN's fixed start;
 * - names: a colon (`key:`, `image:`) or FROM, in any case (the two forms scanNames reads).
 */
const LINE_HINTS = {
  assignments: /pass|pwd|secret|token|key|credential/gi,
  connectionStrings: /:\/\//g,
  commandLine: /--|-u|authorization/gi,
  pem: /-----BEGIN /g,
  names: /:|from/gi,
} as const;
type LineScan = keyof typeof LINE_HINTS;
const SCAN_BIT: Record<LineScan, number> = { assignments: 1, connectionStrings: 2, commandLine: 4, pem: 8, names: 16 };

/** Marks, in `marks`, each line of `index` in which `hint` occurs with `bit`. */
function markLines(index: TextIndex, hint: RegExp, bit: number, marks: Uint8Array): void {
  const starts = index.lineStarts;
  let line = 0;
  hint.lastIndex = 0;
  // test(), not exec(): no match object per hit. Hints hold no line break, so a match's last
  // character is on its line; the rest of a marked line is skipped.
  while (hint.test(index.text)) {
    const last = hint.lastIndex - 1;
    while (line + 1 < starts.length && starts[line + 1]! <= last) line++;
    marks[line]! |= bit;
    if (line + 1 >= starts.length) break;
    hint.lastIndex = starts[line + 1]!;
  }
  hint.lastIndex = 0;
}

/** The lines of `index` in which each of `scans` has its hint, as bits (SCAN_BIT) per line. */
function lineMarks(index: TextIndex, scans: readonly LineScan[]): Uint8Array {
  const marks = new Uint8Array(index.lineCount);
  for (const scan of scans) markLines(index, LINE_HINTS[scan], SCAN_BIT[scan], marks);
  return marks;
}

const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*/;
const PEM_BEGIN = /-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY(?: BLOCK)?-----/;
// Every regex the line scans use, made once: a regex literal in a loop is a new RegExp object each
// time it is evaluated (per character of every URL, before these were hoisted).
const IMAGE_KEY = /^(?:-\s+)?image:\s*["']?([^\s"'#]+)/;
const FROM_IMAGE = /^FROM\s+(?:--\S+\s+)*([^\s]+)/i;
const PLAIN_KEY = /^[A-Za-z0-9_.-]+$/;
const NAME_SEPARATOR = /[-_./:@]/;
const LINE_START_MARKS = /[-\s"']/g;
const BLOCK_SCALAR_HEADER_ONLY = /^[|>][-+0-9]*$/;
const SCHEME_CHARACTER = /[A-Za-z0-9+.-]/;
const WORD_SEPARATORS = /[\s"'`]+/;
const AUTHORIZATION_WORD = /^(?:proxy-)?authorization:?$/i;
const TRAILING_BACKSLASH = /\\$/;
const ESCAPED_LINE_BREAKS = /\\n/g;
const MAX_PEM_LINES = 200;
const MAX_BLOCK_LINES = 50;

function stripQuotes(value: string): string {
  let v = value.trim();
  for (let i = 0; i < 2 && v.length >= 2; i++) {
    const first = v[0];
    const last = v[v.length - 1];
    if ((first === '"' || first === "'") && last === first) v = v.slice(1, -1).trim();
    else if (first === '[' && last === ']') v = v.slice(1, -1).trim();
    else if (first === '{' && last === '}') v = v.slice(1, -1).trim();
  }
  return v;
}

/** The quoted value starting at `from` (up to its closing quote), or the run up to one of `stops`. */
function valueAt(line: string, from: number, stops: string): string {
  const quote = line[from];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, from + 1);
    return line.slice(from + 1, close === -1 ? line.length : close);
  }
  let end = from;
  while (end < line.length && !stops.includes(line[end]!)) end++;
  return line.slice(from, end);
}

function withoutTrailingComment(value: string): string {
  const hash = value.indexOf(' #');
  return hash === -1 ? value : value.slice(0, hash);
}

// Closing quotes, brackets and commas after a flow-style YAML value: `[DB_PASSWORD: x]`, `"K=v",`.
function trimClosers(value: string): string {
  let end = value.length;
  while (end > 0 && ' \t"\',]}'.includes(value[end - 1]!)) end--;
  return value.slice(0, end);
}

const LEGACY_FORM_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL']);

/** Where the name of `ENV NAME value` (the legacy form, or an ARG/LABEL) starts, or -1. */
function legacyNameStart(line: string): number {
  const start = indentOf(line);
  let end = start;
  while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
  if (!LEGACY_FORM_KEYWORDS.has(line.slice(start, end).toUpperCase())) return -1;
  return end + indentOf(line.slice(end));
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** Collects the secrets of one or more texts; `redactor()` then masks them wherever they appear. */
export class SecretCollector {
  private readonly secrets = new Set<string>();
  // Parts of the names the file gives things (YAML keys such as service names, image references):
  // a "secret" that is also one of them is a published default (POSTGRES_PASSWORD: penpot beside a
  // service penpot-frontend), shown in every message that names the service anyway. They only
  // take secrets away, so they are read when there are secrets to take away from (namePartsOf).
  private readonly nameParts = new Set<string>();
  // The texts scanned so far, in order, until their names are read.
  private texts: TextIndex[] = [];

  /** Adds a value written in a file as a secret, in the forms a message might quote it. */
  addValue(raw: string): void {
    const value = raw.trim();
    this.add(value);
    const unquoted = stripQuotes(withoutTrailingComment(value));
    this.add(unquoted);
    // A YAML block-scalar header glued to the value (`>-hunter2`) is quoted whole by the parser.
    const header = BLOCK_SCALAR_HEADER.exec(unquoted);
    if (header && header[0].length > 0) this.add(unquoted.slice(header[0].length));
  }

  private add(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH || this.secrets.size >= MAX_SECRETS) return;
    if (!isLiteralSecretValue(value) || WELL_KNOWN_DEFAULTS.has(value.toLowerCase())) return;
    this.secrets.add(value);
  }

  /** Scans a whole text (Dockerfile, Compose file, `.env`, ignore file) for secrets. */
  scan(text: string): void {
    // Token shapes are found in one pass per shape over the whole text, not per line.
    for (const match of secretShapeMatches(text)) this.add(match);
    const lines = new TextIndex(text);
    this.texts.push(lines);
    const marks = lineMarks(lines, ['assignments', 'connectionStrings', 'commandLine', 'pem']);
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i]!;
      if (mark === 0) continue;
      const line = lines.lineText(i);
      if (mark & SCAN_BIT.assignments) this.scanAssignments(line, lines, i);
      if (mark & SCAN_BIT.connectionStrings) this.scanConnectionStrings(line);
      if (mark & SCAN_BIT.commandLine) this.scanCommandLine(line);
      if (mark & SCAN_BIT.pem && PEM_BEGIN.test(line)) this.scanPemBody(lines, i);
    }
  }

  /** The names of every text scanned so far (scanNames), in the order they were scanned. */
  private readNames(): void {
    for (const lines of this.texts) {
      const marks = lineMarks(lines, ['names']);
      for (let i = 0; i < marks.length; i++) if (marks[i]) this.scanNames(lines.lineText(i));
    }
    this.texts = [];
  }

  private scanNames(line: string): void {
    if (this.nameParts.size >= MAX_SECRETS) return;
    const trimmed = line.trimStart();
    const keyEnd = trimmed.indexOf(':');
    const image = IMAGE_KEY.exec(trimmed) ?? FROM_IMAGE.exec(trimmed);
    const names = image ? [image[1]!] : [];
    if (keyEnd > 0 && PLAIN_KEY.test(trimmed.slice(0, keyEnd))) names.push(trimmed.slice(0, keyEnd));
    for (const name of names)
      for (const part of name.split(NAME_SEPARATOR)) if (part.length >= MIN_SECRET_LENGTH) this.nameParts.add(part);
  }

  private scanAssignments(line: string, lines: TextIndex, index: number): void {
    NAME.lastIndex = 0;
    const legacyNameAt = legacyNameStart(line);
    for (let match = NAME.exec(line); match; match = NAME.exec(line)) {
      const name = match[0];
      const end = match.index + name.length;
      // Most words are not names at all; only these can be a secret's (looksLikeSecretName, whose
      // search for a non-ASCII letter an ASCII NAME never needs).
      if (!SECRET_WORD.test(name) || !namesASecret(name)) continue;
      let at = end;
      if (line[at] === '"' || line[at] === "'") at++;
      while (line[at] === ' ' || line[at] === '\t') at++;
      const separator = line[at];
      const before = line.slice(0, match.index);
      const startsLine = before.replace(LINE_START_MARKS, '') === '' || before.trim().toLowerCase() === 'export';
      if (separator === '=' || separator === ':') {
        let from = at + 1;
        while (line[from] === ' ' || line[from] === '\t') from++;
        this.addValue(valueAt(line, from, ' \t"\''));
        this.addValue(valueAt(line, from, ' \t"\'&;,'));
        if (separator === ':' || startsLine) this.addValue(trimClosers(line.slice(from)));
        const rest = line.slice(from).trim();
        if (separator === ':' && BLOCK_SCALAR_HEADER.test(rest) && BLOCK_SCALAR_HEADER_ONLY.test(rest))
          this.scanBlockScalar(lines, index);
      } else if (match.index === legacyNameAt && at > end) {
        // `ENV DB_PASSWORD s3cr3t`: the legacy form's value is the rest of the line.
        this.addValue(line.slice(at));
      }
    }
  }

  private scanBlockScalar(lines: TextIndex, keyLine: number): void {
    const keyIndent = indentOf(lines.lineText(keyLine));
    for (let i = keyLine + 1; i < lines.lineCount && i <= keyLine + MAX_BLOCK_LINES; i++) {
      const line = lines.lineText(i);
      if (line.trim() === '') continue;
      if (indentOf(line) <= keyIndent) break;
      this.addValue(line);
    }
  }

  private scanConnectionStrings(line: string): void {
    for (let at = line.indexOf('://'); at !== -1; at = line.indexOf('://', at + 3)) {
      // A password ends at an `@` after the `://` (connectionString): most URLs have none, and
      // without one after this `://` there is none after the next either.
      const atSign = line.indexOf('@', at + 3);
      if (atSign === -1) break;
      let end = at + 3;
      while (end < line.length && !endsToken(line.charCodeAt(end))) end++;
      if (atSign >= end) continue;
      let start = at;
      while (start > 0 && SCHEME_CHARACTER.test(line[start - 1]!)) start--;
      const password = connectionStringPassword(line.slice(start, end));
      if (password) this.addValue(password);
    }
  }

  private scanCommandLine(line: string): void {
    if (!MAYBE_CREDENTIAL_FLAG.test(line)) return;
    const words = line.split(WORD_SEPARATORS).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const eq = word.indexOf('=');
      const flag = eq > 0 ? word.slice(0, eq) : word;
      const attached = eq > 0 ? word.slice(eq + 1) : undefined;
      if (CREDENTIAL_FLAGS.has(flag.toLowerCase())) {
        const value = attached ?? words[i + 1];
        if (value !== undefined) this.addValue(value);
      } else if (USER_PASSWORD_FLAGS.has(flag) || (word.startsWith('-u') && word.length > 2 && word[2] !== '-')) {
        const value = attached ?? (USER_PASSWORD_FLAGS.has(flag) ? words[i + 1] : word.slice(2));
        const colon = value?.indexOf(':') ?? -1;
        if (value !== undefined && colon > 0) this.addValue(value.slice(colon + 1));
      } else if (AUTHORIZATION_WORD.test(word)) {
        let next = i + 1;
        if (words[next] === ':') next++;
        if (words[next] && AUTH_SCHEMES.has(words[next]!.toLowerCase())) next++;
        if (words[next]) this.addValue(words[next]!);
      }
    }
  }

  private scanPemBody(lines: TextIndex, begin: number): void {
    for (let i = begin + 1; i < lines.lineCount && i <= begin + MAX_PEM_LINES; i++) {
      const line = lines.lineText(i);
      if (line.includes('-----END')) break;
      this.addValue(line.replace(TRAILING_BACKSLASH, '').replace(ESCAPED_LINE_BREAKS, ''));
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The secrets to mask, in the order they were found: those that are not also a name. */
  secretsToMask(): string[] {
    if (this.secrets.size === 0) return [];
    this.readNames();
    return [...this.secrets].filter((secret) => !this.nameParts.has(secret));
  }

  redactor(): Redactor {
    return redactorFor(this.secretsToMask());
  }
}

// How far a truncated quote must reach into a secret before its visible part counts as the secret.
const MIN_TRUNCATED_MATCH = 6;
// Matching looks at the first this-many characters of a secret: enough to recognise it, and it
// bounds the automaton a hostile file can make us build.
const MAX_PATTERN_LENGTH = 1024;
const MAX_AUTOMATON_NODES = 512 * 1024;
// A search for more first fours than this could cost more per character than the automaton.
const MAX_SEARCHED_PREFIXES = 64;
const REGEX_SYNTAX = /[.*+?^${}()|[\]\\/]/g;

/**
 * A search for the first MIN_SECRET_LENGTH characters of each secret, or undefined when there are
 * too many different ones. Everything the redactor masks starts with one of them: a whole secret, or
 * the part of one (at least that long) before an ellipsis or the end of the text. Most texts a lint
 * shows hold none, and one search in the regex engine's compiled code reads them several times
 * faster than the automaton's loop does (V8 merges literal alternatives that share a start).
 * The regex is only literals: its work is linear in the text, a constant per character for at most
 * MAX_SEARCHED_PREFIXES of them.
 */
export function prefixSearch(secrets: readonly string[]): RegExp | undefined {
  const prefixes = [...new Set(secrets.map((secret) => secret.slice(0, MIN_SECRET_LENGTH)))];
  if (prefixes.length > MAX_SEARCHED_PREFIXES) return undefined;
  // Sorted, so that alternatives sharing a start are next to each other (what V8 merges).
  return new RegExp(
    prefixes
      .sort()
      .map((prefix) => prefix.replace(REGEX_SYNTAX, '\\$&'))
      .join('|'),
  );
}

/**
 * Aho-Corasick over the secrets: one pass over the shown text finds every occurrence of every
 * secret, however many secrets a file holds and however they overlap, in time linear in the text.
 */
class SecretAutomaton {
  // Edge (node, UTF-16 code) -> node, keyed as node * 65536 + code in one map.
  private readonly edges = new Map<number, number>();
  // Each node's children as a list threaded through two arrays (0 ends it: the root is no one's
  // child), not an array per node.
  private readonly firstChild: number[] = [0];
  private readonly nextSibling: number[] = [0];
  /** The character on the edge into each node. */
  private readonly codeInto: number[] = [-1];
  private readonly fail: number[] = [0];
  readonly depth: number[] = [0];
  /** Length of the longest secret that ends at this node's string (0: none). */
  readonly longest: number[] = [0];
  /**
   * The ASCII codes some secret holds, one bit each. From a code no secret holds the automaton can
   * only go back to the root, so most characters of a message skip the edge lookup. Four words
   * (not a table of every UTF-16 code): a redactor is made per lint, and a 64 KB table zeroed per
   * lint cost the many small files more than it saved them.
   */
  private readonly ascii = new Int32Array(4);
  /**
   * The root's edges for ASCII codes (0: none). Most characters of a message are read at the root
   * and most lead nowhere: a table load each instead of a map lookup (512 bytes per redactor).
   */
  readonly rootEdges = new Int32Array(128);

  /** Whether `code` is a character no secret holds (only answered for ASCII). */
  isUnused(code: number): boolean {
    return code < 128 && (this.ascii[code >> 5]! & (1 << (code & 31))) === 0;
  }

  constructor(secrets: Iterable<string>) {
    for (const secret of secrets) this.insert(secret.slice(0, MAX_PATTERN_LENGTH));
    this.link();
  }

  private insert(pattern: string): void {
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (code < 128) this.ascii[code >> 5]! |= 1 << (code & 31);
      const key = node * 65536 + pattern.charCodeAt(i);
      let child = this.edges.get(key);
      if (child === undefined) {
        if (this.depth.length >= MAX_AUTOMATON_NODES) return;
        child = this.depth.length;
        this.edges.set(key, child);
        if (node === 0 && code < 128) this.rootEdges[code] = child;
        this.nextSibling.push(this.firstChild[node]!);
        this.firstChild[node] = child;
        this.firstChild.push(0);
        this.codeInto.push(pattern.charCodeAt(i));
        this.fail.push(0);
        this.depth.push(this.depth[node]! + 1);
        this.longest.push(0);
      }
      node = child;
    }
    this.longest[node] = pattern.length;
  }

  private link(): void {
    // Breadth first, so that a node's failure link is final before its children's are worked out.
    const queue: number[] = [];
    for (let child = this.firstChild[0]!; child !== 0; child = this.nextSibling[child]!) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      this.longest[node] = Math.max(this.longest[node]!, this.longest[this.fail[node]!]!);
      for (let child = this.firstChild[node]!; child !== 0; child = this.nextSibling[child]!) {
        const code = this.codeInto[child]!;
        let f = this.fail[node]!;
        while (f !== 0 && this.edges.get(f * 65536 + code) === undefined) f = this.fail[f]!;
        const target = this.edges.get(f * 65536 + code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        queue.push(child);
      }
    }
  }

  /** Transitions taken, failure hops included: what bounds the work (tests read it). */
  steps = 0;

  step(node: number, code: number): number {
    for (;;) {
      this.steps++;
      if (node === 0 && code < 128) return this.rootEdges[code]!;
      const next = this.edges.get(node * 65536 + code);
      if (next !== undefined) return next;
      if (node === 0) return 0;
      node = this.fail[node]!;
    }
  }
}

/**
 * Masks every occurrence of every secret, and a secret cut short by an ellipsis or the end of the
 * text. Overlapping occurrences merge into one masked run, shown as `redact` shows a value.
 */
export function redactorFor(secrets: Iterable<string>, work?: { steps: number }): Redactor {
  const list = [...secrets].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (list.length === 0) return NO_REDACTION;
  const automaton = new SecretAutomaton(list);
  if (work) Object.defineProperty(work, 'steps', { get: () => automaton.steps });
  const mayHold = prefixSearch(list);
  return (text) => {
    if (mayHold && !mayHold.test(text)) return text;
    // Made on the first match: most texts hold no secret.
    let runs: [number, number][] | undefined;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (node === 0 && code < 128) {
        // Where most characters are read (step's first case, without the call). A node one
        // character deep ends no secret (each is at least MIN_SECRET_LENGTH long).
        node = automaton.rootEdges[code]!;
        continue;
      }
      // A quote cut short: the part of a secret right before the ellipsis is the secret.
      if (code === 0x2026 && automaton.depth[node]! >= MIN_SECRET_LENGTH) (runs ??= []).push([i - automaton.depth[node]!, i]);
      if (automaton.isUnused(code)) {
        node = 0;
        continue;
      }
      node = automaton.step(node, code);
      const length = automaton.longest[node]!;
      if (length > 0) (runs ??= []).push([i + 1 - length, i + 1]);
    }
    if (automaton.depth[node]! >= MIN_TRUNCATED_MATCH) (runs ??= []).push([text.length - automaton.depth[node]!, text.length]);
    if (runs === undefined) return text;
    runs.sort((a, b) => a[0] - b[0]);
    let out = '';
    let at = 0;
    for (const [start, end] of mergeRuns(runs)) {
      const shown = text.slice(start, end);
      out += text.slice(at, start) + redact(shown);
      at = end;
    }
    return out + text.slice(at);
  };
}

function mergeRuns(runs: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of runs) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Applies several redactors in turn (the secrets of a file before and after its fixes). */
export function combineRedactors(redactors: readonly Redactor[]): Redactor {
  const active = [...new Set(redactors)].filter((r) => r !== NO_REDACTION);
  if (active.length === 0) return NO_REDACTION;
  if (active.length === 1) return active[0]!;
  return (text) => active.reduce((shown, redactor) => redactor(shown), text);
}

/**
 * Masks the collected secrets in what a finding shows. Fix edits keep their real text (they are
 * applied to the file, which holds the secret anyway), but are first shrunk to the characters they
 * change: rewriting `ENV TOKEN s3cr3t` to `ENV TOKEN=s3cr3t` inserts `=` and no longer carries the
 * value into code actions, SARIF fixes or anything else that shows an edit.
 */
export function redactFindings(findings: Finding[], redactText: Redactor, index: TextIndex): void {
  if (redactText === NO_REDACTION) return;
  for (const finding of findings) {
    finding.message = redactText(finding.message);
    if (finding.suppressed)
      finding.suppressed = { ...finding.suppressed, justification: redactText(finding.suppressed.justification) };
    // A new list only when a fix changed or went: most findings on a large file show no secret.
    let fixes: Fix[] | undefined;
    for (let i = 0; i < finding.fixes.length; i++) {
      const fix = finding.fixes[i]!;
      const shown = redactedFix(fix, redactText, index);
      if (shown !== fix) fixes ??= finding.fixes.slice(0, i);
      if (fixes && shown) fixes.push(shown);
    }
    if (fixes) finding.fixes = fixes;
  }
}

/** The fix as a finding shows it; undefined when it is no fix to offer. */
function redactedFix(fix: Fix, redactText: Redactor, index: TextIndex): Fix | undefined {
  // A value that would write a secret into .shipshape.yaml is no fix to offer.
  if (fix.configChange && redactText(fix.configChange.value) !== fix.configChange.value) return undefined;
  const title = redactText(fix.title);
  let edits: TextEdit[] | undefined;
  for (let i = 0; i < fix.edits.length; i++) {
    const edit = fix.edits[i]!;
    const shown = redactText(edit.newText) === edit.newText ? edit : minimalEdit(index, edit);
    if (shown !== edit) edits ??= fix.edits.slice(0, i);
    if (edits) edits.push(shown);
  }
  return title === fix.title && !edits ? fix : { ...fix, title, edits: edits ?? fix.edits };
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The same edit, without the leading and trailing characters it leaves as they were. */
export function minimalEdit(index: TextIndex, edit: TextEdit): TextEdit {
  const start = index.offset(edit.range.start);
  const end = index.offset(edit.range.end);
  const old = index.text.slice(start, end);
  const next = edit.newText;
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < next.length - prefix &&
    old[old.length - 1 - suffix] === next[next.length - 1 - suffix]
  )
    suffix++;
  // Never split a surrogate pair: positions inside one mean different things to different editors.
  if (prefix > 0 && isLowSurrogate(old, prefix)) prefix--;
  if (suffix > 0 && isLowSurrogate(old, old.length - suffix)) suffix--;
  if (prefix === 0 && suffix === 0) return edit;
  return { range: index.range(start + prefix, end - suffix), newText: next.slice(prefix, next.length - suffix) };
}
