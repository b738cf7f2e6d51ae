// "Suppress <id> for this line / for this file": insert a shipshape-ignore comment where the
// engine's suppression scopes will pick it up.
import type { TextEdit } from 'vscode-languageserver/node';
import { TextIndex, type FileKind, type Finding } from '../engine';

const REASON = '<reason>';

/** The line the comment goes before: the instruction's first line, or the finding's line inside a continuation. */
function anchorLine(index: TextIndex, kind: FileKind, line: number): number {
  if (kind !== 'dockerfile') return line;
  // Walk up over continuation lines (previous line ends with a backslash or backtick) to the instruction start.
  let start = line;
  const continues = (text: string) => {
    const trimmed = text.trimEnd();
    return (trimmed.endsWith('\\') || trimmed.endsWith('`')) && !trimmed.trimStart().startsWith('#');
  };
  while (start > 0 && continues(index.lineText(start - 1))) start--;
  return start;
}

export function suppressLineEdit(text: string, kind: FileKind, finding: Finding): TextEdit {
  const index = new TextIndex(text);
  const line = anchorLine(index, kind, finding.range.start.line);
  const indent = /^[ \t]*/.exec(index.lineText(line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# shipshape-ignore ${finding.ruleId} -- ${REASON}${index.eol}` };
}

/** After Dockerfile parser directives (`# syntax=`, `# escape=`), which must stay first. */
export function suppressFileEdit(text: string, kind: FileKind, ruleId: string): TextEdit {
  const index = new TextIndex(text);
  let line = 0;
  if (kind === 'dockerfile') {
    while (line < index.lineCount && /^\s*#\s*[a-z]+\s*=/i.test(index.lineText(line))) line++;
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `# shipshape-ignore-file ${ruleId} -- ${REASON}${index.eol}` };
}
