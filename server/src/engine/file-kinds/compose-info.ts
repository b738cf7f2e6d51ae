// Docker Compose files: the names and wording (the implementation is ./compose.ts).
import type { FileKindInfo } from './kind';

// `compose.yaml`, `compose.override.yml`, `docker-compose.prod.yaml`, ... as the Compose CLI finds them.
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/;
// The same names as globs: each stem, alone or followed by `.` or `-` and more, then a YAML extension.
const GLOBS = ['compose', 'docker-compose'].flatMap((stem) =>
  ['', '.*', '-*'].flatMap((middle) => ['yml', 'yaml'].map((extension) => `${stem}${middle}.${extension}`)),
);

export const composeInfo: FileKindInfo<'compose'> = {
  id: 'compose',
  singular: 'a Compose file',
  plural: 'Compose files',
  fenceLanguage: 'yaml',
  defaultFileName: 'compose.yaml',
  languageIds: ['dockercompose'],
  names: {
    globs: GLOBS,
    matches: (base) => COMPOSE_NAME.test(base),
    isLookalike: () => false,
  },
  extensions: ['.yaml', '.yml'],
  // Interpolation reads the project's `.env`; a project reads fragments, which Compose loads
  // whatever their names (`include:`, `extends: file:`, `COMPOSE_FILE`), so every YAML file.
  siblingGlobs: ['.env', '*.yml', '*.yaml'],
  readsDotEnv: true,
};
