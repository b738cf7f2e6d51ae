// The engine's public surface, shared by the language server and the CLI.
export * from './types';
export { formatBytes, lint, oversizeReason, skipReason } from './lint';
export { combineRedactors, NO_REDACTION, redactorFor, SecretCollector, type Redactor } from './redaction';
export { applyEdits, applyFixes, preferredFix, preferredFixGroups, unsafeFixCount, type FixAllOptions } from './apply-edits';
export {
  DEFAULT_CONFIG,
  mergeConfig,
  parseConfig,
  isIgnoredPath,
  type ShipshapeConfig,
  type PartialConfig,
  type ConfigProblem,
} from './config';
export { RULES, ruleById } from './rules';
export type { Rule, RuleDocs, RuleRefs } from './rule';
export { presetSetting } from './severity';
export { TextIndex } from './text';
export {
  detectKind,
  FILE_KIND_IDS,
  FILE_KINDS,
  fileKind,
  isFileKind,
  isLookalike,
  kindAlternatives,
  kindByExtension,
  KIND_CHOICES,
  kindOfLanguage,
  watchedFilesGlob,
  type FileKindModule,
} from './file-kinds';
export { imageInfoAt, imageInfoIn, imageInfoMarkdown, imageReferencesIn, imageReferencesOf, type ImageInfo } from './image-info';
export { parseFile, type ParsedFile } from './parsed';
export type { ImageReference } from './image-references';
export {
  applyPins,
  isUpdatable,
  pinBlockedReason,
  pinEdit,
  pinTargets,
  pinTargetsOf,
  pullReference,
  type PinStatus,
  type PinTarget,
} from './pin';
