// "Suppress <id> for this line / for this file": insert a shipshape-ignore comment where the
// engine's suppression scopes will pick it up.
import type { TextEdit } from 'vscode-languageserver/node';
import { fileKind, TextIndex, type FileKind, type Finding } from '../engine';

const REASON = '<reason>';

export function suppressLineEdit(text: string, kind: FileKind, finding: Finding): TextEdit {
  const index = new TextIndex(text);
  const line = fileKind(kind).suppression.anchorLine(index, finding.range.start.line);
  const indent = /^[ \t]*/.exec(index.lineText(line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# shipshape-ignore ${finding.ruleId} -- ${REASON}${index.eol}` };
}

/** Where the kind allows a file-wide comment (after a Dockerfile's parser directives, which must stay first). */
export function suppressFileEdit(text: string, kind: FileKind, ruleId: string): TextEdit {
  const index = new TextIndex(text);
  const at = { line: fileKind(kind).suppression.fileCommentLine(index), character: 0 };
  return { range: { start: at, end: at }, newText: `# shipshape-ignore-file ${ruleId} -- ${REASON}${index.eol}` };
}
