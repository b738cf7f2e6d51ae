// A user as USER and Compose's `user:` write it (`user[:group]`), apart from the Dockerfile model:
// root-user checks Compose `user:` values with it, and the CLI loads the model (and dockerfile-ast)
// only for a Compose file whose services build a Dockerfile (ADR 008).

/** The user a USER value selects, without the group: `app:app` -> `app`. */
export function userPart(value: string): string {
  const colon = value.indexOf(':');
  return (colon === -1 ? value : value.slice(0, colon)).trim();
}

export function isRootUser(value: string): boolean {
  const user = userPart(value);
  return user === 'root' || /^0+$/.test(user);
}
