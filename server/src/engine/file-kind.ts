import type { FileKind } from './types';

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
function isDockerfileName(base: string): boolean {
  for (const name of ['Dockerfile', 'Containerfile']) {
    if (base === name || (base.startsWith(`${name}.`) && base.length > name.length + 1)) return true;
  }
  return ['.Dockerfile', '.dockerfile', '.Containerfile'].some((suffix) => base.endsWith(suffix) && base.length > suffix.length);
}
// `compose.yaml`, `compose.override.yml`, `docker-compose.prod.yaml`, ... as the Compose CLI finds them.
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/;

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** The kind a file name implies, or undefined when it is neither. */
export function detectKind(fileName: string): FileKind | undefined {
  const base = baseName(fileName);
  if (isDockerfileName(base) && !hasNonDockerfileSuffix(base)) return 'dockerfile';
  if (COMPOSE_NAME.test(base)) return 'compose';
  return undefined;
}

/**
 * Whether a name looks like a Dockerfile's but is not one (`Dockerfile.md`, `Dockerfile.template`).
 * Editors associate every `Dockerfile.*` with the Dockerfile language (VS Code's own Docker
 * extension contributes that pattern, and a filename pattern wins over the `.md` extension), so the
 * language server asks this before trusting the language id.
 */
export function isDockerfileLookalike(fileName: string): boolean {
  const base = baseName(fileName);
  return isDockerfileName(base) && hasNonDockerfileSuffix(base);
}
