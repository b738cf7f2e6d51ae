// "Trust registry" fixes edit .shipshape.yaml as text, so its comments and layout survive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ConfigChange } from '../engine';
import { TextIndex } from '../engine';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { tryReadProjectFile, type ProjectRoot } from '../workspace/file-access';

function existsOrLinks(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A WorkspaceEdit that appends the value to the list key of the config file (creating either). */
export function configChangeEdit(configPath: string, change: ConfigChange, project: ProjectRoot): WorkspaceEdit | undefined {
  const uri = URI.file(configPath).toString();
  const quoted = JSON.stringify(change.value);
  if (!project.contains(configPath)) return undefined;
  if (!existsOrLinks(configPath)) {
    return {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri, version: null },
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: `# Shipshape configuration\n${change.appendTo}:\n  - ${quoted}\n`,
            },
          ],
        },
      ],
    };
  }
  // The editor would write through a symlink: a config that is one (or is refused) gets no edit.
  if (fs.lstatSync(configPath).isSymbolicLink()) return undefined;
  const text = tryReadProjectFile(configPath, project, { maxBytes: 1024 * 1024 });
  if (text === undefined) return undefined;
  const index = new TextIndex(text);
  const doc = parseDocument(text);
  const root = doc.contents;
  const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === change.appendTo) : undefined;
  const list = pair?.value as Node | null | undefined;
  const eol = index.eol;
  let edit;
  if (isSeq(list) && list.flow && list.range) {
    const close = list.range[1] - 1;
    const at = index.position(close);
    edit = { range: { start: at, end: at }, newText: list.items.length > 0 ? `, ${quoted}` : quoted };
  } else if (isSeq(list) && list.items.length > 0) {
    const last = list.items[list.items.length - 1] as Node;
    const lastLine = index.position(Math.max(last.range![0], last.range![1] - 1)).line;
    const firstLine = index.lineText(index.position((list.items[0] as Node).range![0]).line);
    const indent = /^\s*/.exec(firstLine)![0];
    const at = { line: lastLine + 1, character: 0 };
    const prefix = lastLine + 1 >= index.lineCount && !/\r?\n$/.test(text) ? eol : '';
    edit = { range: { start: at, end: at }, newText: `${prefix}${indent}- ${quoted}${eol}` };
  } else if (pair && (list === null || (isScalar(list) && list.value === null))) {
    const keyEnd = index.position((pair.key as Node).range![1]);
    const at = { line: keyEnd.line, character: index.lineText(keyEnd.line).length };
    edit = { range: { start: at, end: at }, newText: `${eol}  - ${quoted}` };
  } else {
    const end = index.position(text.length);
    const prefix = text.length > 0 && !/\n$/.test(text) ? eol : '';
    edit = { range: { start: end, end }, newText: `${prefix}${change.appendTo}:${eol}  - ${quoted}${eol}` };
  }
  return { changes: { [uri]: [edit] } };
}

/** Where a new config goes: the workspace folder containing the file, else the file's folder. */
export function defaultConfigPath(filePath: string, workspaceRoots: readonly string[]): string {
  const root = workspaceRoots.filter((r) => filePath.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
  return path.join(root ?? path.dirname(filePath), '.shipshape.yaml');
}
