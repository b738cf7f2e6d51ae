import type { FileKind } from './types';

// Names Docker and Podman pick up by default, plus the common `*.Dockerfile` / `Dockerfile.*`.
function isDockerfileName(base: string): boolean {
  for (const name of ['Dockerfile', 'Containerfile']) {
    if (base === name || (base.startsWith(`${name}.`) && base.length > name.length + 1)) return true;
  }
  return ['.Dockerfile', '.dockerfile', '.Containerfile'].some((suffix) => base.endsWith(suffix) && base.length > suffix.length);
}
// `compose.yaml`, `compose.override.yml`, `docker-compose.prod.yaml`, ... as the Compose CLI finds them.
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/;

/** The kind a file name implies, or undefined when it is neither. */
export function detectKind(fileName: string): FileKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
  if (isDockerfileName(base) && !base.endsWith('.dockerignore')) return 'dockerfile';
  if (COMPOSE_NAME.test(base)) return 'compose';
  return undefined;
}
