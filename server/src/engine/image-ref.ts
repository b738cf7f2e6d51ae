// Image references as Docker normalises them (distribution/reference): the first path component
// is a registry only when it has a dot or a port, or is "localhost"; Docker Hub names without a
// namespace live under "library/".

export interface ImageRef {
  /** The reference as written (after variable expansion). */
  raw: string;
  /** Registry host, `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path within the registry, normalised (`library/nginx`). */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function parseImageRef(raw: string): ImageRef | undefined {
  const trimmed = raw.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // Uppercase cannot start a repository path, so such a first component is a registry host too.
  const hasRegistry =
    first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  let registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (DOCKER_HUB_ALIASES.has(registry)) {
    registry = 'docker.io';
    if (!repository.includes('/')) repository = `library/${repository}`;
  }
  const ref: ImageRef = { raw: trimmed, registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `registry/repository`, the name trust lists and globs are matched against. */
export function fullName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

export function isOfficialImage(ref: ImageRef): boolean {
  return ref.registry === 'docker.io' && ref.repository.startsWith('library/') && !ref.repository.slice(8).includes('/');
}
