// A file as the engine parsed it for one lint: the language server keeps it for the document being
// edited so hovers and code actions on that version do not parse the text again.
import { parseCompose, type ComposeModel } from './compose/model';
import { parseDockerfile, type DockerfileModel } from './dockerfile/model';
import type { FileKind } from './types';

export type ParsedFile = { kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; model: ComposeModel };

export function parseFile(text: string, kind: FileKind, dotEnv?: string): ParsedFile {
  return kind === 'dockerfile' ? { kind, model: parseDockerfile(text) } : { kind, model: parseCompose(text, dotEnv) };
}
