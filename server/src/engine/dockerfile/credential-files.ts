// Package-manager configs are as often plain settings (a registry URL, a proxy) as credentials, and
// tokens are commonly written as ${NPM_TOKEN} for the tool to expand at run time. When the file can
// be read, only a literal value under a credential key makes it a credentials file.

interface CredentialKeys {
  /** What separates a key from its value on a line. */
  separator: '=' | ':';
  isCredential(key: string): boolean;
}

const CREDENTIAL_KEYS: Record<string, CredentialKeys> = {
  // `//registry.example/:_authToken=...`, `_auth=...`, `_password=...`
  '.npmrc': { separator: '=', isCredential: (key) => /(?:^|:)_(?:authToken|auth|password)$/.test(key) },
  // npmAuthToken / npmAuthIdent, also nested under npmScopes or npmRegistries.
  '.yarnrc.yml': { separator: ':', isCredential: (key) => key === 'npmAuthToken' || key === 'npmAuthIdent' },
  '.pypirc': { separator: '=', isCredential: (key) => key.toLowerCase() === 'password' },
};

/** Whether a file of this base name is a config whose contents say if it holds credentials. */
export function isPackageManagerConfig(baseName: string): boolean {
  return Object.hasOwn(CREDENTIAL_KEYS, baseName);
}

/** Whether a package-manager config's text holds a literal credential (a `${VAR}` reference is none). */
export function holdsCredentials(baseName: string, text: string): boolean {
  const keys = Object.hasOwn(CREDENTIAL_KEYS, baseName) ? CREDENTIAL_KEYS[baseName] : undefined;
  if (!keys) return false;
  for (const line of text.split(/\r?\n/)) {
    // .pypirc also accepts `password: x`.
    const at = keys.separator === '=' && !line.includes('=') ? line.indexOf(':') : line.indexOf(keys.separator);
    if (at <= 0 || !keys.isCredential(line.slice(0, at).trim())) continue;
    let value = line.slice(at + 1).trim();
    if ((value.startsWith('"') || value.startsWith("'")) && value.endsWith(value[0]!)) value = value.slice(1, -1);
    if (value !== '' && !value.startsWith('$')) return true;
  }
  return false;
}
