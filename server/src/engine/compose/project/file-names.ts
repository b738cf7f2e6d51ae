// The files `docker compose` loads when given no `-f` (compose-go cli/options.go): the first of
// DEFAULT_FILE_NAMES in the folder, then the first of OVERRIDE_FILE_NAMES beside it.

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;

export const OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
] as const;

export function isDefaultFileName(base: string): boolean {
  return (DEFAULT_FILE_NAMES as readonly string[]).includes(base);
}

export function isOverrideFileName(base: string): boolean {
  return (OVERRIDE_FILE_NAMES as readonly string[]).includes(base);
}
