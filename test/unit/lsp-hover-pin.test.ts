// Hover and "Pin to digest" answer from what the lint used: the open `.env` buffer and the config
// the lint found, not a fresh read of the disk.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { MarkupContent, WorkspaceEdit } from 'vscode-languageserver/node';
import { hoverFor } from '../../server/src/lsp/hover';
import { runPinCommand } from '../../server/src/lsp/pin-command';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { editorState, tempProject } from './lsp-helpers';

const COMPOSE = 'services:\n  app:\n    image: ${IMAGE}\n';
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('lsp hover and pin (in process)', () => {
  let dir: string;
  before(() => (dir = tempProject({ 'compose.yaml': COMPOSE, '.env': 'IMAGE=nginx:1.27\n' })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The user is editing .env: the lint reads the buffer, and so must everything that follows it.
  const open = { '.env': 'IMAGE=registry.example.com/team/app:2\n' };
  const position = { line: 2, character: 14 };

  it('shows the image the lint resolved from the open .env, also once the parse was dropped', async () => {
    const state = editorState(dir, 'compose.yaml', COMPOSE, 'compose', { open });
    delete state.parsed;
    const hover = await hoverFor(state, position, { pinned: async () => undefined, warn: assert.fail });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /registry\.example\.com\/team\/app:2/);
    assert.doesNotMatch(text, /nginx:1\.27/);
  });

  it('shows the rule of a finding under the cursor', async () => {
    const state = editorState(dir, 'compose.yaml', 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n', 'compose');
    const finding = state.findings.find((f) => f.ruleId === 'privileged')!;
    const hover = await hoverFor(state, finding.range.start, { pinned: async () => undefined, warn: assert.fail });
    assert.match((hover!.contents as MarkupContent).value, /`privileged`/);
  });

  it('pins a tag to the digest the registry answers, at the version the action was offered for', async () => {
    const text = 'FROM nginx:1.27\n';
    const state = editorState(dir, 'Dockerfile', text, 'dockerfile');
    const asked: string[] = [];
    const edits: WorkspaceEdit[] = [];
    const uri = `file://${dir}/Dockerfile`;
    const context = {
      resolveDigests: true,
      document: () => ({ version: 1, text, kind: 'dockerfile' as const }),
      session: () => state.session,
      registry: () => ({
        resolve: async (reference: string) => {
          asked.push(reference);
          return { digest: DIGEST, platforms: [], mediaType: '' } as never;
        },
      }),
      canVersionEdits: true,
      applyEdit: async (_label: string, edit: WorkspaceEdit) => (edits.push(edit), { applied: true }),
      showMessage: assert.fail,
    };
    const result = await runPinCommand({ uri, version: 1, position: { line: 0, character: 7 } }, context);
    assert.deepEqual(result, { digest: DIGEST, applied: true });
    assert.deepEqual(asked, ['nginx:1.27']);
    assert.deepEqual(edits, [
      {
        documentChanges: [
          {
            textDocument: { uri, version: 1 },
            edits: [{ range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } }, newText: `@${DIGEST}` }],
          },
        ],
      },
    ]);
  });

  it('refuses to pin without the resolveDigests setting, and after an edit', async () => {
    const messages: string[] = [];
    const context = {
      resolveDigests: DEFAULT_SETTINGS.resolveDigests,
      document: () => ({ version: 2, text: 'FROM nginx:1.27\n', kind: 'dockerfile' as const }),
      session: () => assert.fail('no session needed'),
      registry: () => assert.fail('no registry asked'),
      canVersionEdits: false,
      applyEdit: () => assert.fail('nothing applied'),
      showMessage: (_type: unknown, message: string) => void messages.push(message),
    };
    const args = { uri: 'file:///x/Dockerfile', version: 1, position: { line: 0, character: 6 } };
    assert.equal(await runPinCommand(args, context), null);
    assert.equal(await runPinCommand(args, { ...context, resolveDigests: true }), null);
    assert.match(messages[0]!, /resolveDigests/);
    assert.match(messages[1]!, /changed since the action was offered/);
  });
});
