import { URI } from 'vscode-uri';
import { detectKind, isLookalike, kindOfLanguage, type FileKind } from '../engine';

/** A document's kind from its language id, else from its file name (YAML files named like Compose files). */
export function documentKind(languageId: string, uri: string): FileKind | undefined {
  // `Dockerfile.md`, `Dockerfile.template`: the editor's `Dockerfile.*` pattern gives them the
  // Dockerfile language, but they are documentation or templates, not something to lint.
  if (isLookalike(URI.parse(uri).path)) return undefined;
  return kindOfLanguage(languageId) ?? detectKind(fsPathOf(uri) ?? uri);
}

/** The file-system path of a `file:` URI, undefined for untitled and virtual documents. */
export function fsPathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function isConfigDocument(uri: string): boolean {
  return /(^|\/)\.shipshape\.ya?ml$/.test(URI.parse(uri).path);
}
