// Dockerfiles and Containerfiles.
import { dockerfileScopes } from '../dockerfile/instruction-scope';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import { dockerfileImages } from '../image-references';
import { dockerfilePinTargets } from '../pin-targets';
import type { TextIndex } from '../text';
import type { FileKindModule } from './kind';

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

/** Walks up over continuation lines (the previous line ends with `\` or a backtick) to the instruction's first line. */
function instructionStart(index: TextIndex, line: number): number {
  const continues = (text: string) => {
    const trimmed = text.trimEnd();
    return (trimmed.endsWith('\\') || trimmed.endsWith('`')) && !trimmed.trimStart().startsWith('#');
  };
  let start = line;
  while (start > 0 && continues(index.lineText(start - 1))) start--;
  return start;
}

export const dockerfileKind: FileKindModule<'dockerfile', DockerfileModel> = {
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
  // The lint's reader gives the model the build context beside the file (.dockerignore, copied files).
  parse: (text, _dotEnv, context) =>
    parseDockerfile(
      text,
      context && { readFile: context.readFile, ...(context.path ? { fileName: context.path.split(/[\\/]/).pop()! } : {}) },
    ),
  index: (model) => model.index,
  checkOf: (rule) => rule.dockerfile,
  editsBlockedReason: () => undefined,
  suppression: {
    // A comment before an instruction covers all its lines; inside a continuation, the next line.
    scopes: (model) => dockerfileScopes(model.instructions),
    anchorLine: instructionStart,
    // After the parser directives (`# syntax=`, `# escape=`), which must stay first.
    fileCommentLine: (index) => {
      let line = 0;
      while (line < index.lineCount && /^\s*#\s*[a-z]+\s*=/i.test(index.lineText(line))) line++;
      return line;
    },
  },
  images: dockerfileImages,
  pinTargets: dockerfilePinTargets,
};
