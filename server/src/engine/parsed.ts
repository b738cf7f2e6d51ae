// A file as the engine parsed it for one lint: the language server keeps it for the document being
// edited so hovers and code actions on that version do not parse the text again.
import { fileKind, type FileKind, type ParsedFile } from './file-kinds';

export type { ParsedFile } from './file-kinds';

/** `dotEnv` is the text of the `.env` next to the file, for kinds that read it (FileKindModule.readsDotEnv). */
export function parseFile(text: string, kind: FileKind, dotEnv?: string): ParsedFile {
  return { kind, model: fileKind(kind).parse(text, dotEnv) } as ParsedFile;
}
