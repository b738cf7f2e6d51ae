// The kinds of file Shipshape lints. Adding one is its info (FileKindInfo), listed here, its
// implementation (FileKindModule), listed in implementations.ts, plus its rules: the engine, the
// CLI's discovery and `--kind`, the language server, the docs and the tests that check package.json
// all read these lists.
import { composeInfo } from './compose-info';
import { dockerfileInfo } from './dockerfile-info';
import { kindImplementation, type KindModule } from './implementations';
import type { FileKindModule } from './kind';

export type { EngineStep, EngineStepInput, FileKindInfo, FileKindModule, LineScope } from './kind';

/** Every kind's names and wording; the implementations are loaded by fileKind(). */
export const FILE_KINDS = [dockerfileInfo, composeInfo] as const;

export type FileKind = (typeof FILE_KINDS)[number]['id'];

/** The model a kind's parse produces. */
export type ModelOf<K extends FileKind> = Extract<KindModule, { id: K }> extends FileKindModule<K, infer Model> ? Model : never;

/** A file as the engine parsed it, tagged with its kind. */
export type ParsedFile = { [K in FileKind]: { kind: K; model: ModelOf<K> } }[FileKind];

export const FILE_KIND_IDS: readonly FileKind[] = FILE_KINDS.map((kind) => kind.id);

/**
 * A kind's module, its model type erased: callers hand it the model of a ParsedFile of the same
 * kind, which the union's tag guarantees and the type system cannot follow through a lookup.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fileKind(id: FileKind): FileKindModule<FileKind, any> {
  if (!isFileKind(id)) throw new Error(`unknown file kind ${String(id)}`);
  return kindImplementation(id);
}

export function isFileKind(value: string): value is FileKind {
  return (FILE_KIND_IDS as readonly string[]).includes(value);
}

/** The `--kind` values, for usage and error text: `dockerfile|compose`. */
export const KIND_CHOICES = FILE_KIND_IDS.join('|');

/** What a file whose name says nothing could be: "a Dockerfile or a Compose file". */
export function kindAlternatives(): string {
  const names = FILE_KINDS.map((kind) => kind.singular);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** The kind a file name implies, or undefined when it is none of them. */
export function detectKind(fileName: string): FileKind | undefined {
  const base = baseName(fileName);
  return FILE_KINDS.find((kind) => kind.names.matches(base))?.id;
}

/** The kind whose files carry this name's extension (FileKindModule.extensions), or undefined. */
export function kindByExtension(fileName: string): FileKind | undefined {
  const base = baseName(fileName);
  return FILE_KINDS.find((kind) =>
    kind.extensions.some((extension) => base.endsWith(extension) && base.length > extension.length),
  )?.id;
}

/**
 * Whether a name looks like a file of some kind but is not one (`Dockerfile.md`,
 * `Dockerfile.template`). Editors associate every `Dockerfile.*` with the Dockerfile language
 * (VS Code's own Docker extension contributes that pattern, and a filename pattern wins over the
 * `.md` extension), so the language server asks this before trusting the language id.
 */
export function isLookalike(fileName: string): boolean {
  const base = baseName(fileName);
  return FILE_KINDS.some((kind) => kind.names.isLookalike(base));
}

/** The kind an editor language id names, if any. */
export function kindOfLanguage(languageId: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => (kind.languageIds as readonly string[]).includes(languageId))?.id;
}

/**
 * Globs (relative to any folder) of the files whose change on disk can change a lint: files of
 * every kind (a Compose file reads its services' Dockerfiles) and the files each kind reads next
 * to it. One brace glob, as LSP file watchers take it.
 */
export function watchedFilesGlob(): string {
  const globs = new Set(FILE_KINDS.flatMap((kind) => [...kind.names.globs, ...kind.siblingGlobs]));
  return `**/{${[...globs].join(',')}}`;
}
