// Secret detection shared by Dockerfile ENV/ARG and Compose environment/build args. Every pattern
// is anchored or bounded so that it runs in linear time on any value.

// Name segments that mean "this holds a secret", matched on `_`/`-`/`.` boundaries, any case.
const SECRET_SEGMENTS = ['PASSWORD', 'PASSWD', 'PASS', 'SECRET', 'SECRETS', 'TOKEN', 'APIKEY', 'CREDENTIALS', 'CREDENTIAL'];
// Two-segment names (API_KEY, PRIVATE_KEY, ...): KEY alone is too common (KEY_SERVER, SORT_KEY).
const SECRET_PAIRS = [
  'API_KEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'SECRET_KEY',
  'ENCRYPTION_KEY',
  'SIGNING_KEY',
  'AUTH_KEY',
  'MASTER_KEY',
  'CLIENT_SECRET',
];
// Suffixes that name where a secret lives, or something about it, not the secret itself.
const NOT_SECRET_SUFFIXES = [
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
  'TTL',
  'HEADER',
  'ALGORITHM',
  'REGION',
];

export function looksLikeSecretName(name: string): boolean {
  const segments = name.toUpperCase().split(/[_.-]/).filter(Boolean);
  if (segments.length === 0) return false;
  if (NOT_SECRET_SUFFIXES.includes(segments[segments.length - 1]!) && segments.length > 1) return false;
  if (segments.some((s) => SECRET_SEGMENTS.includes(s))) return true;
  for (let i = 0; i + 1 < segments.length; i++) if (SECRET_PAIRS.includes(`${segments[i]}_${segments[i + 1]}`)) return true;
  return false;
}

/** A value that is data written in the file, not a reference to something supplied later. */
export function isLiteralSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('${') || trimmed.startsWith('$')) return false;
  if (trimmed.startsWith('/run/secrets/') || trimmed.startsWith('/var/run/secrets/')) return false;
  return true;
}

// Well-known token formats (vendor documentation), each a fixed prefix plus a bounded body.
const SHAPES: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bghp_[A-Za-z0-9]{36}\b|\bgh[ousr]_[A-Za-z0-9]{36}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,255}\b/, 'a GitHub fine-grained token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,200}\b/, 'a Slack token'],
  [/\bglpat-[A-Za-z0-9_-]{20}\b/, 'a GitLab token'],
  [/\bsk_live_[A-Za-z0-9]{16,99}\b/, 'a Stripe secret key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY-----/, 'a PEM private key'],
];

export function secretShape(value: string): string | undefined {
  return SHAPES.find(([pattern]) => pattern.test(value))?.[1];
}

/** `scheme://user:password@host` (or `redis://:password@host`) with a literal password. */
export function connectionStringPassword(value: string): string | undefined {
  const scheme = value.indexOf('://');
  if (scheme <= 0) return undefined;
  const rest = value.slice(scheme + 3);
  const at = rest.indexOf('@');
  const slash = rest.indexOf('/');
  if (at === -1 || (slash !== -1 && slash < at)) return undefined;
  const userInfo = rest.slice(0, at);
  const colon = userInfo.indexOf(':');
  if (colon === -1) return undefined;
  const password = userInfo.slice(colon + 1);
  return isLiteralSecretValue(password) ? password : undefined;
}

/** Enough of a value to recognise it, never enough to use it. */
export function redact(value: string): string {
  const trimmed = value.trim();
  return trimmed.length <= 8 ? '****' : `${trimmed.slice(0, 2)}****`;
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
    if (connectionStringPassword(value)) return { reason: 'its value is a connection string with a password' };
  }
  if (!looksLikeSecretName(name)) return undefined;
  if (value !== undefined && isLiteralSecretValue(value))
    return { reason: 'its name says it holds a secret and it has a literal value' };
  return undefined;
}
