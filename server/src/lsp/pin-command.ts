// Running "Pin to digest": the one editor action that asks a registry, and only when the user
// picked it with shipshape.network.resolveDigests on.
import { LSPErrorCodes, MessageType, ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import { pinEdit, pullReference, type FileKind } from '../engine';
import { RegistryClient, RegistryError, type DigestCache } from '../registry';
import type { FileSession } from '../workspace/lint-session';
import { EXPLAIN_PIN_COMMAND, PIN_COMMAND, explainPinning, pinTargetAt, type PinCommandArgs } from './pin-actions';

export interface PinContext {
  resolveDigests: boolean;
  /** The open document as the editor has it now. */
  document(uri: string): { version: number; text: string; kind?: FileKind } | undefined;
  /** The session of the document's current lint (its `.env`), or a new one. */
  session(uri: string, version: number): FileSession;
  registry(): Pick<RegistryClient, 'resolve'>;
  /** Whether applyEdit may carry `documentChanges`, which let the editor refuse an edit made for an older version. */
  canVersionEdits: boolean;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean }>;
  showMessage(type: MessageType, message: string): void;
  /** Whether the editor cancelled the request (\$/cancelRequest) while the registry was being asked. */
  cancelled?(): boolean;
}

export async function runPinCommand(
  args: PinCommandArgs | undefined,
  context: PinContext,
): Promise<{ digest: string; applied: boolean } | null> {
  if (!args) return null;
  if (!context.resolveDigests) {
    context.showMessage(MessageType.Warning, explainPinning('this image'));
    return null;
  }
  const document = context.document(args.uri);
  if (!document || document.version !== args.version) {
    context.showMessage(MessageType.Warning, 'The file changed since the action was offered; try "Pin to digest" again.');
    return null;
  }
  if (!document.kind) return null;
  const dotEnv = context.session(args.uri, args.version).dotEnv(document.kind);
  const target = pinTargetAt(document.text, document.kind, args.position, dotEnv);
  if (!target?.ref || target.status !== 'pinnable') return null;
  try {
    const resolved = await context.registry().resolve(pullReference(target.ref));
    // The user gave up while the registry answered: an edit now would pin what they no longer asked for.
    if (context.cancelled?.()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Pin to digest was cancelled');
    const edit = pinEdit(target, resolved.digest);
    const applied = await context.applyEdit(
      `Pin ${target.written} to ${resolved.digest}`,
      // The version check above already ran here; documentChanges repeat it in the editor, where the
      // network round trip may have let the user type.
      context.canVersionEdits
        ? { documentChanges: [{ textDocument: { uri: args.uri, version: args.version }, edits: [edit] }] }
        : { changes: { [args.uri]: [edit] } },
    );
    if (!applied.applied)
      context.showMessage(MessageType.Warning, `Could not pin ${target.written}: the editor refused the edit.`);
    return { digest: resolved.digest, applied: applied.applied };
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    if (context.cancelled?.()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Pin to digest was cancelled');
    const message = error instanceof RegistryError ? error.message : String(error);
    context.showMessage(MessageType.Error, `Could not pin ${target.written}: ${message}`);
    return null;
  }
}

/** The server's commands: "Pin to digest" and the explanation offered while resolving digests is off. */
export async function runCommand(command: string, args: unknown[] | undefined, context: PinContext): Promise<unknown> {
  if (command === EXPLAIN_PIN_COMMAND) {
    context.showMessage(MessageType.Info, explainPinning(String(args?.[0] ?? 'this image')));
    return null;
  }
  if (command !== PIN_COMMAND) return null;
  return runPinCommand(args?.[0] as PinCommandArgs | undefined, context);
}

/** One registry client while the credential setting stays the same: its tokens and the digest cache are shared. */
export function registryClients(cache: DigestCache): (useCredentialHelpers: boolean) => RegistryClient {
  let current: { client: RegistryClient; useCredentialHelpers: boolean } | undefined;
  return (useCredentialHelpers) => {
    if (current?.useCredentialHelpers !== useCredentialHelpers)
      current = { client: new RegistryClient({ cache, useCredentialHelpers }), useCredentialHelpers };
    return current.client;
  };
}
