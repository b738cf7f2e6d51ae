// The initialize handshake: what the client can do, the folders it opened, and what this server offers.
import { TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS } from './code-actions';
import { fsPathOf } from './document-kind';
import { EXPLAIN_PIN_COMMAND, PIN_COMMAND } from './pin-actions';

export interface ClientAbilities {
  /** workspace/configuration: settings are pulled rather than pushed. */
  pullsConfiguration: boolean;
  /** Dynamic registration of didChangeWatchedFiles. */
  watchesFiles: boolean;
  /** codeAction/resolve can fill in an edit: fix-all's edit waits until it is picked. */
  resolvesEdits: boolean;
  /** applyEdit may carry `documentChanges`, which let the editor refuse an edit made for an older version. */
  versionsEdits: boolean;
  /** Diagnostics may carry a documentation link (codeDescription). */
  showsDocsLinks: boolean;
}

export function clientAbilities(params: InitializeParams): ClientAbilities {
  const { workspace, textDocument } = params.capabilities;
  const codeAction = textDocument?.codeAction;
  return {
    pullsConfiguration: Boolean(workspace?.configuration),
    watchesFiles: Boolean(workspace?.didChangeWatchedFiles?.dynamicRegistration),
    resolvesEdits: Boolean(codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit')),
    versionsEdits: Boolean(workspace?.workspaceEdit?.documentChanges),
    showsDocsLinks: Boolean(textDocument?.publishDiagnostics?.codeDescriptionSupport),
  };
}

/** The file-system folders of the workspace; the root URI of a client that sends no folders. */
export function workspaceFoldersOf(params: InitializeParams): string[] {
  const folders = (params.workspaceFolders ?? []).map((folder) => fsPathOf(folder.uri)).filter((p): p is string => Boolean(p));
  const rootPath = params.rootUri ? fsPathOf(params.rootUri) : undefined;
  return folders.length === 0 && rootPath ? [rootPath] : folders;
}

export const INITIALIZE_RESULT: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
    hoverProvider: true,
    executeCommandProvider: { commands: [PIN_COMMAND, EXPLAIN_PIN_COMMAND] },
  },
  serverInfo: { name: 'shipshape', version: '0.1.0' },
};
