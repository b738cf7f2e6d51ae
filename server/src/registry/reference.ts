// Image references checked against Docker's grammar before anything is sent, and aimed at the
// registry API: Docker Hub names resolve to its API host, not to the "docker.io" display name.
// The split into registry, repository, tag and digest is the engine's (one normalisation).
import { parseImageRef } from '../engine/image-ref';
import { isDigest } from '../engine/pin';

export { isDigest };

/** The host that serves the registry API for Docker Hub ("docker.io" is only its name). */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

export interface ImageReference {
  /** Registry API host, with its port when it has one (`registry-1.docker.io`, `localhost:5000`). */
  registry: string;
  /** Repository path within the registry (`library/node`). */
  repository: string;
  /** The tag; `latest` when neither a tag nor a digest was written, empty for a digest-only reference. */
  tag: string;
  digest?: string;
}

export class InvalidReferenceError extends Error {
  readonly code = 'invalid-reference';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}

// Each path component is lowercase alphanumerics joined by ".", "_", "__" or runs of "-"; the
// separators never overlap the alphanumerics, so matching is linear.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DOMAIN_LABEL = /^[A-Za-z0-9-]+$/;
const MAX_NAME_LENGTH = 255;

export function parseReference(input: string): ImageReference {
  const raw = input.trim();
  const fail = (why: string): never => {
    throw new InvalidReferenceError(`Invalid image reference "${raw}": ${why}`);
  };
  if (!raw) fail('it is empty');
  // An unexpanded ARG or .env variable has no single meaning, so there is nothing to pin.
  if (raw.includes('$')) fail('it contains an unexpanded variable');
  if (/\s/.test(raw)) fail('it contains whitespace');

  const parsed = parseImageRef(raw) ?? fail('it has no repository name');
  const { digest, tag } = parsed;
  if (digest !== undefined && !isDigest(digest)) fail(`"${digest}" is not a sha256 or sha512 digest`);
  if (tag !== undefined && !TAG.test(tag)) fail(`"${tag}" is not a valid tag`);
  const registry = parsed.registry === 'docker.io' ? DOCKER_HUB_API_HOST : parsed.registry;
  const { repository } = parsed;
  if (registry !== DOCKER_HUB_API_HOST && !isValidDomain(registry)) fail(`"${registry}" is not a valid registry host`);
  if (!repository) fail('it has no repository name');
  if (repository.length > MAX_NAME_LENGTH) fail(`the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  for (const component of repository.split('/')) {
    if (component !== component.toLowerCase()) fail('repository names must be lowercase');
    if (!PATH_COMPONENT.test(component)) fail(`"${component}" is not a valid repository path component`);
  }

  const ref: ImageReference = { registry, repository, tag: tag ?? (digest ? '' : 'latest') };
  if (digest) ref.digest = digest;
  return ref;
}

function isValidDomain(domain: string): boolean {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(domain);
  if (!match) return false;
  const host = match[1];
  if (host.startsWith('[')) return true;
  return host.split('.').every((label) => DOMAIN_LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
}

/** The short form Docker prints (`node:20`, `ghcr.io/org/app:1.2`), for messages. */
export function familiarName(ref: ImageReference): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (ref.registry === DOCKER_HUB_API_HOST) {
    name =
      ref.repository.startsWith('library/') && ref.repository.indexOf('/', 8) === -1 ? ref.repository.slice(8) : ref.repository;
  }
  if (ref.tag) name += `:${ref.tag}`;
  if (ref.digest) name += `@${ref.digest}`;
  return name;
}
