// Docker Compose files: the parse, checks, suppressions and images (names: ./compose-info.ts).
import { parseCompose, type ComposeModel } from '../compose/model';
import { yamlScopeAt } from '../compose/node-scope';
import { composeModelFor, placeComposeReport } from '../compose/project/lint-model';
import { collectHardening } from '../hardening';
import { composeImages } from '../image-references';
import { composePinTargets } from '../pin-targets';
import { composeInfo } from './compose-info';
import type { FileKindModule } from './kind';

export const composeKind: FileKindModule<'compose', ComposeModel> = {
  ...composeInfo,
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
