// Docker Compose files.
import { parseCompose, type ComposeModel } from '../compose/model';
import { yamlScopeAt } from '../compose/node-scope';
import { composeModelFor, placeComposeReport } from '../compose/project/lint-model';
import { collectHardening } from '../hardening';
import { composeImages } from '../image-references';
import { composePinTargets } from '../pin-targets';
import type { FileKindModule } from './kind';

// `compose.yaml`, `compose.override.yml`, `docker-compose.prod.yaml`, ... as the Compose CLI finds them.
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/;
// The same names as globs: each stem, alone or followed by `.` or `-` and more, then a YAML extension.
const GLOBS = ['compose', 'docker-compose'].flatMap((stem) =>
  ['', '.*', '-*'].flatMap((middle) => ['yml', 'yaml'].map((extension) => `${stem}${middle}.${extension}`)),
);

export const composeKind: FileKindModule<'compose', ComposeModel> = {
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
  // A file some Compose project loads (an override, an include, an extends fragment) is linted as
  // part of it (compose/project, ADR 007).
  parse: (text, dotEnv, context) => (context ? composeModelFor(text, dotEnv, context) : parseCompose(text, dotEnv)),
  placeReport: placeComposeReport,
  index: (model) => model.index,
  checkOf: (rule) => rule.compose,
  // At default settings the three hardening rules speak as one finding per service (ADR 005).
  engineStep: collectHardening,
  editsBlockedReason: (model) => {
    const problem = model.problems[0];
    return problem && `the YAML has errors (line ${problem.range.start.line + 1}: ${problem.message}); fix them first`;
  },
  suppression: {
    scopes: (model) => (line) => yamlScopeAt(model, line),
    // Right before the finding's line: a comment covers the YAML node that starts on the next line.
    anchorLine: (_index, line) => line,
    fileCommentLine: () => 0,
  },
  images: composeImages,
  pinTargets: composePinTargets,
};
