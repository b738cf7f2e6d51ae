// Code actions for a linted document: each finding's quick fixes and suppressions, "pin to digest",
// and the two fix-alls (safe, and with the fixes that change behaviour), which run the same fix loop
// as `shipshape lint --fix`.
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { pinTargetsOf, preferredFixGroups, unsafeFixCount, type Finding } from '../engine';
import { configChangeEdit, defaultConfigPath } from './config-edit';
import { SOURCE, sameRange } from './diagnostics';
import { fsPathOf } from './document-kind';
import { fixAllOf, parseOf, type LintState } from './lint-states';
import { pinCodeActions } from './pin-actions';
import { suppressFileEdit, suppressLineEdit } from './suppress-actions';

export const FIX_ALL_KIND = 'source.fixAll.shipshape';
// Outside `source.fixAll`, so a fix-all on save never applies it.
export const FIX_ALL_UNSAFE_KIND = 'source.shipshape.fixAllUnsafe';
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND];

const FIX_ALL_TITLE = 'Fix all Shipshape problems that have a safe fix';
const FIX_ALL_UNSAFE_TITLE = 'Fix all Shipshape problems, including fixes that change behaviour (review the result)';

export interface CodeActionOptions {
  /** The client resolves code actions' edits (codeAction/resolve): fix-all's edit waits until it is picked. */
  canResolveEdits: boolean;
  /** shipshape.network.resolveDigests. */
  resolveDigests: boolean;
  workspaceFolders: readonly string[];
}

/** LSP kinds are hierarchical: `source` contains `source.fixAll.shipshape`; `source.fix` contains neither fix-all. */
export function kindContains(parent: string, kind: string | undefined): boolean {
  // The empty kind is the root of the hierarchy: it contains every action.
  return kind !== undefined && (parent === '' || kind === parent || kind.startsWith(parent + '.'));
}

function findingFor(state: LintState, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  return state.findings.find((f) => !f.suppressed && f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range));
}

/** The edits of fix-all over the document: every pass of the fix loop, as one change to the text the editor has. */
export function fixAllEdits(state: LintState, unsafe: boolean) {
  return fixAllOf(state, unsafe).edits;
}

/**
 * Every code action request would otherwise compute fix-all over the whole file (passes of fixes
 * and lints): on a file with a thousand findings that is most of the request. Clients that can
 * resolve code actions get the edit only when fix-all is picked.
 */
export function fixAllAction(uri: string, state: LintState, unsafe: boolean, canResolveEdits: boolean): CodeAction | undefined {
  const title = unsafe ? FIX_ALL_UNSAFE_TITLE : FIX_ALL_TITLE;
  const kind = unsafe ? FIX_ALL_UNSAFE_KIND : FIX_ALL_KIND;
  if (unsafe && unsafeFixCount(state.findings) === 0) return undefined;
  if (canResolveEdits) {
    if (preferredFixGroups(state.findings, { unsafe }).length === 0) return undefined;
    return { title, kind, data: { uri, version: state.version } };
  }
  const edits = fixAllEdits(state, unsafe);
  if (edits.length === 0) return undefined;
  return { title, kind, edit: { changes: { [uri]: edits } } };
}

/** Fills in a fix-all's edit (codeAction/resolve); `stateOf` gives the document's current state. */
export function resolveCodeAction(action: CodeAction, stateOf: (uri: string) => LintState | undefined): CodeAction {
  const data = action.data as { uri?: string; version?: number } | undefined;
  const unsafe = action.kind === FIX_ALL_UNSAFE_KIND;
  if ((action.kind !== FIX_ALL_KIND && !unsafe) || !data?.uri) return action;
  const state = stateOf(data.uri);
  if (!state || state.version !== data.version) return action;
  return { ...action, edit: { changes: { [data.uri]: fixAllEdits(state, unsafe) } } };
}

function quickFixes(
  uri: string,
  state: LintState,
  diagnostic: Diagnostic,
  finding: Finding,
  workspaceFolders: readonly string[],
): CodeAction[] {
  const filePath = fsPathOf(uri);
  const actions: CodeAction[] = [];
  for (const fix of finding.fixes) {
    if (fix.configChange) {
      const root = state.session.root;
      if (!filePath || !root) continue;
      const configPath = state.session.loaded?.path ?? defaultConfigPath(filePath, workspaceFolders);
      const edit = configChangeEdit(configPath, fix.configChange, root);
      if (edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    } else if (fix.edits.length > 0) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // Auto-fix (and "prefer" UIs) apply a preferred fix without showing it: only safe ones.
        isPreferred: Boolean(fix.preferred) && !fix.changesBehaviour,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  actions.push(
    {
      title: `Suppress ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [suppressLineEdit(state.text, state.kind, finding)] } },
    },
    {
      title: `Suppress ${finding.ruleId} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [suppressFileEdit(state.text, state.kind, finding.ruleId)] } },
    },
  );
  return actions;
}

/** The code actions for a request on a document whose current lint is `state`. */
export function codeActionsFor(params: CodeActionParams, state: LintState, options: CodeActionOptions): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  // Save actions and lightbulb refreshes ask automatically; a fix that needs review is only offered
  // when someone asks (clients that do not say are treated as asking).
  const invoked = params.context.triggerKind !== CodeActionTriggerKind.Automatic;
  const wantsFixAll = only?.some((kind) => kindContains(kind, FIX_ALL_KIND) || kindContains(kind, FIX_ALL_UNSAFE_KIND));
  const wantsRewrite = !only || only.some((kind) => kindContains(kind, CodeActionKind.RefactorRewrite));
  const fixAll = (unsafe: boolean) => fixAllAction(uri, state, unsafe, options.canResolveEdits);
  if (only && !only.some((kind) => kindContains(kind, CodeActionKind.QuickFix)) && !wantsRewrite) {
    if (!wantsFixAll) return [];
    const fixAlls = [fixAll(false), invoked ? fixAll(true) : undefined];
    return fixAlls.filter(
      (action): action is CodeAction => action !== undefined && only.some((kind) => kindContains(kind, action.kind)),
    );
  }
  const actions: CodeAction[] = [];
  const related: { diagnostic: Diagnostic; finding: Finding }[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const finding = findingFor(state, diagnostic);
    if (!finding) continue;
    related.push({ diagnostic, finding });
    actions.push(...quickFixes(uri, state, diagnostic, finding, options.workspaceFolders));
  }
  actions.push(
    ...pinCodeActions({
      uri,
      version: state.version,
      targets: (state.pinTargets ??= pinTargetsOf(parseOf(state))),
      range: params.range,
      findings: related,
      enabled: options.resolveDigests,
    }),
  );
  if (actions.length > 0 || wantsFixAll) {
    const safe = fixAll(false);
    if (safe) actions.push(safe);
    const unsafe = invoked ? fixAll(true) : undefined;
    if (unsafe) actions.push(unsafe);
  }
  return only ? actions.filter((action) => only.some((kind) => kindContains(kind, action.kind))) : actions;
}
