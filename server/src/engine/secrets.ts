// Secret detection shared by Dockerfile ENV/ARG and Compose environment/build args. Every regex
// here is a fixed prefix plus bounded character classes, with no nested or adjacent unbounded
// quantifiers, so it runs in linear time on any value (test/unit/secrets.test.ts checks 100k-char
// pathological inputs).

// Name segments that mean "this holds a secret", matched on `_`/`-`/`.` and camelCase boundaries, any case.
const SECRET_SEGMENTS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'APIKEY',
  'CREDENTIALS',
  'CREDENTIAL',
  // Run-together key names (DB_ENCRYPTIONKEY, APP_ENCKEY).
  'ENCRYPTIONKEY',
  'ENCKEY',
  'SIGNINGKEY',
  'MASTERKEY',
]);
// Long words that also count at the end of a run-together segment (PGPASSWORD, AUTHTOKEN).
// PWD does not (too short to tell apart inside other words); PASS does, minus the words below.
const SECRET_SUFFIXES = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY', 'ENCRYPTIONKEY', 'SIGNINGKEY'];
// Run-together names like LDAP_ROOTPASS, DBPASS and ADMINPASS are common in images, but so are
// English words, product names and signal-processing terms that end in PASS and hold no secret.
const NOT_SECRET_PASS_ENDINGS = [
  'BYPASS',
  'COMPASS',
  'SURPASS',
  'TRESPASS',
  'OVERPASS',
  'UNDERPASS',
  'HIGHPASS',
  'LOWPASS',
  'BANDPASS',
  'TWOPASS',
  'MULTIPASS',
  'KEEPASS',
  'LASTPASS',
];
// A PASS segment followed by one of these is about passing something on (SSL_PASS_THROUGH).
const PASS_ON_WORDS = new Set(['THROUGH', 'THRU']);
// Two-segment names (API_KEY, PRIVATE_KEY, ...): KEY alone is too common (KEY_SERVER, SORT_KEY).
const SECRET_PAIRS = new Set([
  'API_KEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'SECRET_KEY',
  'ENCRYPTION_KEY',
  'ENC_KEY',
  'SIGNING_KEY',
  'AUTH_KEY',
  'MASTER_KEY',
  'LICENSE_KEY',
  'CLIENT_SECRET',
]);
const KEY_KINDS = ['ENCRYPTION', 'ENC', 'SIGNING', 'MASTER'];
// A last segment that names where a secret lives or something about it, not the secret itself
// (DB_PASSWORD_FILE, TOKEN_URL, PASSWORD_MIN_LENGTH, SECRET_NAME, TOKEN_TTL).
const NOT_SECRET_SUFFIXES = new Set([
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'ID',
  'USER',
  'USERNAME',
  'TYPE',
  'LENGTH',
  'EXPIRY',
  'EXPIRATION',
  'EXPIRES',
  'LIFETIME',
  'TTL',
  'TIMEOUT',
  'LIMIT',
  'SIZE',
  'COUNT',
  'MIN',
  'MAX',
  'HEADER',
  'ALGORITHM',
  'REGION',
  'ENABLED',
  'DISABLED',
  'REQUIRED',
  'POLICY',
  'FORMAT',
  'MODE',
  'VERSION',
  'METHOD',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'PROVIDER',
  'BACKEND',
  'STORE',
]);

// Two-segment names by their last segment: the first segments each can follow (KEY: API, PRIVATE...).
const SECRET_PAIR_FIRSTS = new Map<string, Set<string>>();
for (const pair of SECRET_PAIRS) {
  const [first, second, ...more] = pair.split('_');
  if (!first || !second || more.length > 0) throw new Error(`SECRET_PAIRS entries are two words: ${pair}`);
  let firsts = SECRET_PAIR_FIRSTS.get(second);
  if (!firsts) SECRET_PAIR_FIRSTS.set(second, (firsts = new Set()));
  firsts.add(first);
}

const isLowerOrDigit = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
const isUpper = (code: number) => code >= 0x41 && code <= 0x5a;
const isSeparator = (code: number) => code === 0x5f || code === 0x2e || code === 0x2d; // _ . -

/**
 * Splits a variable name into upper-case words: `dbPassword` and `DB_PASSWORD` both give DB, PASSWORD.
 * Read in one pass (a word ends at `_`, `.`, `-` or where a capital follows a lower-case letter
 * or digit): every ENV, ARG and Compose variable name is asked, and the replace, upper-case, split
 * and filter this was written as made four new strings or lists per name.
 */
function words(name: string): string[] {
  const found: string[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const code = i < name.length ? name.charCodeAt(i) : -1;
    const separator = isSeparator(code);
    if (code !== -1 && !separator && !(i > 0 && isUpper(code) && isLowerOrDigit(name.charCodeAt(i - 1)))) continue;
    if (i > start) found.push(name.slice(start, i).toUpperCase());
    start = separator ? i + 1 : i;
  }
  return found;
}

function isSecretSegment(segment: string, next: string | undefined): boolean {
  if (segment === 'PASS') return next === undefined || !PASS_ON_WORDS.has(next);
  if (SECRET_SEGMENTS.has(segment)) return true;
  if (SECRET_SUFFIXES.some((suffix) => segment.length > suffix.length && segment.endsWith(suffix))) return true;
  return segment.length > 4 && segment.endsWith('PASS') && !NOT_SECRET_PASS_ENDINGS.some((ending) => segment.endsWith(ending));
}

/**
 * Every ASCII name namesASecret accepts holds one of these words, in any case (PASSWORD, PASSWD,
 * PASS, PWD, SECRET, TOKEN, APIKEY and the *_KEY pairs, CREDENTIAL). A name with a non-ASCII letter
 * may not: one can upper-case into part of one (U+017F, long s, to S).
 */
export const SECRET_WORD = /pass|pwd|secret|token|key|credential/i;
const NON_ASCII = /[^\x00-\x7f]/;

/** One search or two instead of splitting and upper-casing every ENV, ARG and Compose name (most hold no such word). */
export function looksLikeSecretName(name: string): boolean {
  return (SECRET_WORD.test(name) || NON_ASCII.test(name)) && namesASecret(name);
}

/** looksLikeSecretName without its first search (exported for the test that holds one to the other). */
export function namesASecret(name: string): boolean {
  const segments = words(name);
  // The shell's working directory, not a password.
  if (segments.length === 0 || (segments.length === 1 && (segments[0] === 'PWD' || segments[0] === 'OLDPWD'))) return false;
  if (segments.length > 1 && NOT_SECRET_SUFFIXES.has(segments[segments.length - 1]!)) return false;
  for (let i = 0; i < segments.length; i++) if (isSecretSegment(segments[i]!, segments[i + 1])) return true;
  // Segments hold no `_`: `${a}_${b}` is in SECRET_PAIRS exactly when a may come before b.
  for (let i = 0; i + 1 < segments.length; i++) if (SECRET_PAIR_FIRSTS.get(segments[i + 1]!)?.has(segments[i]!)) return true;
  // JWTSIGNING_KEY, APPENC_KEY: a run-together word before a last KEY that ends like a key pair's first word.
  const last = segments.length > 1 ? segments[segments.length - 2]! : '';
  if (segments[segments.length - 1] === 'KEY' && KEY_KINDS.some((kind) => last.length > kind.length && last.endsWith(kind)))
    return true;
  return false;
}

// Values that configure rather than hold a secret: ALLOW_EMPTY_PASSWORD=yes, USE_TOKEN=true.
const FLAG_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '1', 'none', 'null']);

// Regexes hoisted out of the functions below: a regex literal is a new RegExp object each time it
// is evaluated (per value, or per character of a URL).
const PATH_VALUE = /^(?:\/|~\/|\.\/)[^\s]*$/;
const WHITESPACE = /\s/;

/** A value that is data written in the file, not a reference to something supplied later. */
export function isLiteralSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('${') || trimmed.startsWith('$')) return false;
  if (FLAG_VALUES.has(trimmed.toLowerCase())) return false;
  // A path names where the secret is (PRIVATE_KEY=/etc/ssl/private/app.key, /run/secrets/db).
  if (PATH_VALUE.test(trimmed)) return false;
  return true;
}

// Well-known token formats (vendor documentation), each a fixed prefix plus a bounded body.
export const SHAPES: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,255}/, 'a GitHub fine-grained token'],
  [/\bglpat-[A-Za-z0-9_-]{20}/, 'a GitLab token'],
  [/\bxox[abpors]-[A-Za-z0-9-]{10,200}/, 'a Slack token'],
  [/hooks\.slack\.com\/services\/T[A-Z0-9]/, 'a Slack webhook URL'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\b(?:sk|rk)_live_[A-Za-z0-9]{16,99}/, 'a Stripe secret key'],
  [/\bAIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, 'a SendGrid API key'],
  [/\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{20}/, 'an Anthropic API key'],
  [/\bsk-proj-[A-Za-z0-9_-]{40,200}/, 'an OpenAI API key'],
  [/-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY(?: BLOCK)?-----/, 'a PEM private key'],
];

/**
 * Whether a UTF-16 code is whitespace (what `\s` matches) or a quote (`"`, `'`, a backtick): where a
 * token or a URL ends. A comparison, not a regex test on a one-character string, for each character.
 */
export function endsToken(code: number): boolean {
  if (code < 128) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x22 || code === 0x27 || code === 0x60;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const GLOBAL_SHAPES = SHAPES.map(([pattern]) => new RegExp(pattern.source, 'g'));
// The literal every SHAPES pattern's match holds, in one search: most texts and values hold none,
// and one search is cheaper than thirteen (test/unit/secret-shape-starts.test.ts holds each shape to it).
export const SHAPE_STARTS =
  /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abpors]-|hooks\.slack\.com\/services\/T|npm_|[sr]k_live_|AIza|SG\.|sk-ant-|sk-proj-|-----BEGIN /;

/** Every well-known token in `text`, each taken to the end of its word. */
export function secretShapeMatches(text: string): string[] {
  const found: string[] = [];
  if (!SHAPE_STARTS.test(text)) return found;
  for (const pattern of GLOBAL_SHAPES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      let end = match.index + match[0].length;
      while (end < text.length && !endsToken(text.charCodeAt(end))) end++;
      found.push(text.slice(match.index, end));
    }
  }
  return found;
}

export function secretShape(value: string): string | undefined {
  if (!SHAPE_STARTS.test(value)) return undefined;
  for (const [pattern, kind] of SHAPES) if (pattern.test(value)) return kind;
  return undefined;
}

interface ConnectionString {
  /** Offsets of the password inside the value. */
  start: number;
  end: number;
  /** Where the host part ends (before any path, query or fragment). */
  hostEnd: number;
}

const SCHEME_CHAR = /[A-Za-z0-9+.:-]/;
const SCHEME_START = /[A-Za-z]/;
const SCHEME_BEFORE = /[\s=]/;

/**
 * Whether the word before `://` at `scheme` (after the last whitespace or `=`) is a URL scheme.
 * Read backwards in place: the redaction layer asks this of every URL in a file's text.
 */
function hasScheme(value: string, scheme: number): boolean {
  let start = scheme;
  while (start > 0 && SCHEME_CHAR.test(value[start - 1]!)) start--;
  if (start > 0 && !SCHEME_BEFORE.test(value[start - 1]!)) return false;
  return start < scheme && SCHEME_START.test(value[start]!);
}

/** `scheme://user:password@host` (or `redis://:password@host`) with a literal password. */
function connectionString(value: string): ConnectionString | undefined {
  const scheme = value.indexOf('://');
  if (scheme <= 0 || !hasScheme(value, scheme)) return undefined;
  const from = scheme + 3;
  let end = from;
  while (end < value.length && !'/?#'.includes(value[end]!) && !WHITESPACE.test(value[end]!)) end++;
  // The userinfo ends at the last @ of the authority (passwords may contain @ when unencoded).
  const at = value.lastIndexOf('@', end - 1);
  if (at < from) return undefined;
  const colon = value.indexOf(':', from);
  if (colon === -1 || colon > at) return undefined;
  const password = value.slice(colon + 1, at);
  if (password.trim() === '' || password.includes('${') || password.startsWith('$')) return undefined;
  return { start: colon + 1, end: at, hostEnd: end };
}

export function connectionStringPassword(value: string): string | undefined {
  const found = connectionString(value);
  return found ? value.slice(found.start, found.end) : undefined;
}

/** Enough of a value to recognise it, never enough to use it: `pa****`, or `****` when short. */
export function redact(value: string): string {
  const trimmed = value.trim();
  return trimmed.length <= 8 ? '****' : `${trimmed.slice(0, 2)}****`;
}

/**
 * How a value is shown in a message: a connection string keeps its scheme, user and host with the
 * password masked (`postgres://app:****@db/…`); anything else is `redact`ed.
 */
export function redactValue(value: string): string {
  const found = connectionString(value);
  if (!found || secretShape(value)) return redact(value);
  return `${value.slice(0, found.start)}****${value.slice(found.end, found.hostEnd)}${found.hostEnd < value.length ? '…' : ''}`;
}

export interface SecretVerdict {
  /** Why it is a secret, for the message. */
  reason: string;
}

/** Whether `name=value` exposes a secret, and why. `value` undefined means declared without one. */
export function secretIn(name: string, value: string | undefined): SecretVerdict | undefined {
  if (value !== undefined) {
    const shape = secretShape(value);
    if (shape) return { reason: `its value is ${shape}` };
    if (connectionString(value)) return { reason: 'its value is a connection string with a password' };
  }
  if (!looksLikeSecretName(name)) return undefined;
  if (value !== undefined && isLiteralSecretValue(value))
    return { reason: 'its name says it holds a secret and it has a literal value' };
  return undefined;
}
