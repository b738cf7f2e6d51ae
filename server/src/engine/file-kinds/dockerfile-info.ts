// Dockerfiles and Containerfiles: the names and wording (the implementation is ./dockerfile.ts).
import type { FileKindInfo } from './kind';

// Suffixes that make `Dockerfile.<suffix>` something other than a Dockerfile: documentation
// (`Dockerfile.md`), templates a generator turns into one (`Dockerfile.template` filled by jq or
// envsubst, Jinja's `.j2`, autoconf's `.in`), BuildKit's per-Dockerfile ignore file
// (`Dockerfile.dockerignore`), and editor, merge and backup leftovers (`.orig`, `.rej`, `.bak`,
// `.swp`). Linting them reports the template syntax, not the image: dozens of syntax errors on a
// file nobody builds. `Dockerfile.prod`, `Dockerfile.alpine`, `Dockerfile.sample` and the like stay
// Dockerfiles: those are what `docker build -f` is given. `--kind dockerfile` still lints any name.
const NOT_DOCKERFILE_SUFFIXES = new Set([
  // documentation
  'md',
  'markdown',
  'rst',
  'adoc',
  'txt',
  'html',
  // templates
  'template',
  'tmpl',
  'tpl',
  'j2',
  'jinja',
  'jinja2',
  'gotmpl',
  'erb',
  'mustache',
  'hbs',
  'in',
  'envsubst',
  // ignore files and other formats that sit beside a Dockerfile
  'dockerignore',
  'json',
  'yml',
  'yaml',
  'sh',
  'ps1',
  'patch',
  'diff',
  // editor, merge and backup leftovers
  'orig',
  'rej',
  'bak',
  'old',
  'swp',
]);

/** `Dockerfile.template`, `api.Dockerfile.j2`: the name of a Dockerfile followed by a suffix that says it is not one. */
function hasNonDockerfileSuffix(base: string): boolean {
  const dot = base.lastIndexOf('.');
  return dot > 0 && NOT_DOCKERFILE_SUFFIXES.has(base.slice(dot + 1).toLowerCase());
}

// Names Docker and Podman pick up by default, plus the common `*.Dockerfile` / `Dockerfile.*`.
const BASE_NAMES = ['Dockerfile', 'Containerfile'];
const SUFFIXES = ['.Dockerfile', '.dockerfile', '.Containerfile'];

function isDockerfileName(base: string): boolean {
  for (const name of BASE_NAMES) {
    if (base === name || (base.startsWith(`${name}.`) && base.length > name.length + 1)) return true;
  }
  return SUFFIXES.some((suffix) => base.endsWith(suffix) && base.length > suffix.length);
}

export const dockerfileInfo: FileKindInfo<'dockerfile'> = {
  id: 'dockerfile',
  singular: 'a Dockerfile',
  plural: 'Dockerfiles',
  fenceLanguage: 'dockerfile',
  defaultFileName: 'Dockerfile',
  languageIds: ['dockerfile', 'containerfile'],
  names: {
    globs: [...BASE_NAMES, ...BASE_NAMES.map((name) => `${name}.*`), ...SUFFIXES.map((suffix) => `*${suffix}`)],
    matches: (base) => isDockerfileName(base) && !hasNonDockerfileSuffix(base),
    isLookalike: (base) => isDockerfileName(base) && hasNonDockerfileSuffix(base),
  },
  extensions: SUFFIXES,
  // The build context's ignore files, which copy-ignored-file and copy-build-context read.
  siblingGlobs: ['.dockerignore', '*.dockerignore'],
  readsDotEnv: false,
};
