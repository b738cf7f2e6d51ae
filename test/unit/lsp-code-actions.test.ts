// The code-action module in process: quick fixes, suppressions, fix-all kinds and their edits.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { CodeActionParams, TextEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/engine';
import {
  FIX_ALL_KIND,
  FIX_ALL_UNSAFE_KIND,
  codeActionsFor,
  kindContains,
  resolveCodeAction,
} from '../../server/src/lsp/code-actions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { editorState, tempProject } from './lsp-helpers';

const LEGACY_ROOT = 'FROM alpine:3.20\nENV MODE production\nUSER root\n';

describe('lsp code actions (in process)', () => {
  let dir: string;
  before(() => (dir = tempProject({ Dockerfile: LEGACY_ROOT })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const uri = () => `file://${dir}/Dockerfile`;
  const params = (only?: string[], triggerKind?: 1 | 2): CodeActionParams => ({
    textDocument: { uri: uri() },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], ...(only ? { only } : {}), ...(triggerKind ? { triggerKind } : {}) },
  });
  const options = { canResolveEdits: false, resolveDigests: false, workspaceFolders: [] as string[] };

  it('knows which kinds contain which', () => {
    assert.ok(kindContains('', FIX_ALL_KIND));
    assert.ok(kindContains('source', FIX_ALL_UNSAFE_KIND));
    assert.ok(kindContains('source.fixAll', FIX_ALL_KIND));
    assert.ok(!kindContains('source.fixAll', FIX_ALL_UNSAFE_KIND), 'a fix-all on save never applies behaviour-changing fixes');
    assert.ok(!kindContains('source.fix', FIX_ALL_KIND));
    assert.ok(!kindContains('quickfix', undefined));
  });

  it('offers the safe fix-all on save and the behaviour-changing one only when asked', () => {
    const state = editorState(dir, 'Dockerfile', LEGACY_ROOT, 'dockerfile');
    const onSave = codeActionsFor(params(['source.fixAll']), state, options);
    assert.deepEqual(
      onSave.map((a) => a.kind),
      [FIX_ALL_KIND],
    );
    assert.equal(
      applyEdits(LEGACY_ROOT, onSave[0]!.edit!.changes![uri()] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER root\n',
    );
    assert.deepEqual(
      codeActionsFor(params(['source'], 2), state, options).map((a) => a.kind),
      [FIX_ALL_KIND],
      'an automatic request gets no fix that needs review',
    );
    const unsafe = codeActionsFor(params(['source']), state, options).find((a) => a.kind === FIX_ALL_UNSAFE_KIND)!;
    assert.equal(
      applyEdits(LEGACY_ROOT, unsafe.edit!.changes![uri()] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER 10001:10001\n',
    );
  });

  it('leaves the edit to codeAction/resolve for clients that resolve, and refuses a stale version', () => {
    const state = editorState(dir, 'Dockerfile', LEGACY_ROOT, 'dockerfile');
    const [lazy] = codeActionsFor(params([FIX_ALL_KIND]), state, { ...options, canResolveEdits: true });
    assert.equal(lazy!.edit, undefined);
    const resolved = resolveCodeAction(lazy!, () => state);
    assert.equal(
      applyEdits(LEGACY_ROOT, resolved.edit!.changes![uri()] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER root\n',
    );
    const stale = resolveCodeAction({ ...lazy!, data: { uri: uri(), version: 0 } }, () => state);
    assert.equal(stale.edit, undefined);
  });

  it('offers a finding its quick fixes and both suppressions', () => {
    const state = editorState(dir, 'Dockerfile', LEGACY_ROOT, 'dockerfile');
    const finding = state.findings.find((f) => f.ruleId === 'legacy-env-format')!;
    const diagnostic = toDiagnostic(finding, false);
    const actions = codeActionsFor(
      { ...params(), range: diagnostic.range, context: { diagnostics: [diagnostic] } },
      state,
      options,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Suppress legacy-env-format for this line'));
    assert.ok(titles.includes('Suppress legacy-env-format for this file'));
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred)!;
    assert.equal(
      applyEdits(LEGACY_ROOT, fix.edit!.changes![uri()] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER root\n',
    );
    assert.ok(actions.some((a) => a.kind === FIX_ALL_KIND));
  });
});
