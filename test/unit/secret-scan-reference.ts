// The secret scan as it was before the line hints (SecretCollector at 773e942, server/src/engine/redaction.ts),
// kept as the reference test/unit/secret-scan-equivalence.test.ts holds the engine's scan to: every
// secret it collects, in the same order, so the redacted output is byte-identical. Not used by the engine.
import {
  connectionStringPassword,
  isLiteralSecretValue,
  looksLikeSecretName,
  secretShapeMatches,
} from '../../server/src/engine/secrets';

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
// Every name looksLikeSecretName accepts contains one of these (PASSWORD, PASSWD, PASS, PWD,
// SECRET, TOKEN, APIKEY and the *_KEY pairs, CREDENTIAL): a cheap test before the exact one.
const MAYBE_SECRET_NAME = /pass|pwd|secret|token|key|credential/i;
/**
 * Whether a lower-cased line contains a part MAYBE_SECRET_NAME looks for: a name that passes it is
 * part of the line (and lower-casing keeps every ASCII letter the regex matches either way).
 */
function mayNameSecret(lower: string): boolean {
  return (
    lower.includes('pass') ||
    lower.includes('pwd') ||
    lower.includes('secret') ||
    lower.includes('token') ||
    lower.includes('key') ||
    lower.includes('credential')
  );
}
// A line can only carry a credential flag or header if it mentions one (CREDENTIAL_FLAGS,
// USER_PASSWORD_FLAGS, Authorization).
const MAYBE_CREDENTIAL_FLAG =
  /--(?:pass|http-pass|ftp-pass|proxy-pass|token|auth-token|access-token|api-?key|secret|client-secret|oauth2-bearer|user|proxy-user)|(?:^|\s)-[uU]|authorization/i;
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*/;
const PEM_BEGIN = /-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY(?: BLOCK)?-----/;
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
export class ReferenceSecretCollector {
  private readonly secrets = new Set<string>();
  // Parts of the names the file gives things (YAML keys such as service names, image references):
  // a "secret" that is also one of them is a published default (POSTGRES_PASSWORD: penpot beside a
  // service penpot-frontend), shown in every message that names the service anyway.
  private readonly nameParts = new Set<string>();

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
    const lines = text.split(/\r?\n|\r/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // For the cheap tests of whether a line can hold what a scan looks for: the case-insensitive
      // regexes were the scan's largest cost, and most lines are already lower case (no copy then).
      const lower = line.toLowerCase();
      if (mayNameSecret(lower)) this.scanAssignments(line, lines, i);
      this.scanConnectionStrings(line);
      // MAYBE_CREDENTIAL_FLAG needs `--`, `-u`/`-U` or "authorization" (any case) in the line.
      if (lower.includes('--') || lower.includes('-u') || lower.includes('authorization')) this.scanCommandLine(line);
      if (PEM_BEGIN.test(line)) this.scanPemBody(lines, i);
      // Both forms scanNames reads need a colon (`key:`, `image:`) or FROM: most Dockerfile lines have neither.
      if (line.includes(':') || lower.includes('from')) this.scanNames(line);
    }
  }

  private scanNames(line: string): void {
    if (this.nameParts.size >= MAX_SECRETS) return;
    const trimmed = line.trimStart();
    const keyEnd = trimmed.indexOf(':');
    const image = /^(?:-\s+)?image:\s*["']?([^\s"'#]+)/.exec(trimmed) ?? /^FROM\s+(?:--\S+\s+)*([^\s]+)/i.exec(trimmed);
    const names = image ? [image[1]!] : [];
    if (keyEnd > 0 && /^[A-Za-z0-9_.-]+$/.test(trimmed.slice(0, keyEnd))) names.push(trimmed.slice(0, keyEnd));
    for (const name of names)
      for (const part of name.split(/[-_./:@]/)) if (part.length >= MIN_SECRET_LENGTH) this.nameParts.add(part);
  }

  private scanAssignments(line: string, lines: string[], index: number): void {
    NAME.lastIndex = 0;
    const legacyNameAt = legacyNameStart(line);
    for (let match = NAME.exec(line); match; match = NAME.exec(line)) {
      const name = match[0];
      const end = match.index + name.length;
      // Most words are not names at all; only these can be a secret's (see looksLikeSecretName).
      if (!MAYBE_SECRET_NAME.test(name) || !looksLikeSecretName(name)) continue;
      let at = end;
      if (line[at] === '"' || line[at] === "'") at++;
      while (line[at] === ' ' || line[at] === '\t') at++;
      const separator = line[at];
      const before = line.slice(0, match.index);
      const startsLine = before.replace(/[-\s"']/g, '') === '' || before.trim().toLowerCase() === 'export';
      if (separator === '=' || separator === ':') {
        let from = at + 1;
        while (line[from] === ' ' || line[from] === '\t') from++;
        this.addValue(valueAt(line, from, ' \t"\''));
        this.addValue(valueAt(line, from, ' \t"\'&;,'));
        if (separator === ':' || startsLine) this.addValue(trimClosers(line.slice(from)));
        const rest = line.slice(from).trim();
        if (separator === ':' && BLOCK_SCALAR_HEADER.test(rest) && /^[|>][-+0-9]*$/.test(rest))
          this.scanBlockScalar(lines, index);
      } else if (match.index === legacyNameAt && at > end) {
        // `ENV DB_PASSWORD s3cr3t`: the legacy form's value is the rest of the line.
        this.addValue(line.slice(at));
      }
    }
  }

  private scanBlockScalar(lines: string[], keyLine: number): void {
    const keyIndent = indentOf(lines[keyLine]!);
    for (let i = keyLine + 1; i < lines.length && i <= keyLine + MAX_BLOCK_LINES; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      if (indentOf(line) <= keyIndent) break;
      this.addValue(line);
    }
  }

  private scanConnectionStrings(line: string): void {
    for (let at = line.indexOf('://'); at !== -1; at = line.indexOf('://', at + 3)) {
      let start = at;
      while (start > 0 && /[A-Za-z0-9+.-]/.test(line[start - 1]!)) start--;
      let end = at + 3;
      while (end < line.length && !/[\s"'`]/.test(line[end]!)) end++;
      const password = connectionStringPassword(line.slice(start, end));
      if (password) this.addValue(password);
    }
  }

  private scanCommandLine(line: string): void {
    if (!MAYBE_CREDENTIAL_FLAG.test(line)) return;
    const words = line.split(/[\s"'`]+/).filter(Boolean);
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
      } else if (/^(?:proxy-)?authorization:?$/i.test(word)) {
        let next = i + 1;
        if (words[next] === ':') next++;
        if (words[next] && AUTH_SCHEMES.has(words[next]!.toLowerCase())) next++;
        if (words[next]) this.addValue(words[next]!);
      }
    }
  }

  private scanPemBody(lines: string[], begin: number): void {
    for (let i = begin + 1; i < lines.length && i <= begin + MAX_PEM_LINES; i++) {
      const line = lines[i]!;
      if (line.includes('-----END')) break;
      this.addValue(line.replace(/\\$/, '').replace(/\\n/g, ''));
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  /** What the redactor of the time was built from. */
  secretsToMask(): string[] {
    return [...this.secrets].filter((secret) => !this.nameParts.has(secret));
  }
}
