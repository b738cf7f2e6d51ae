// A lint state as the server builds it, for the in-process tests of the lsp/ modules.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileKind } from '../../server/src/engine';
import { editorSessionPolicy } from '../../server/src/lsp/editor-session';
import { lintDocumentText, type LintState } from '../../server/src/lsp/lint-states';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/lsp/settings';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';

export function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-unit-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function editorState(
  dir: string,
  name: string,
  text: string,
  kind: FileKind,
  options: { settings?: Settings; open?: Record<string, string> } = {},
): LintState {
  const session = new FileSession(
    path.join(dir, name),
    editorSessionPolicy({
      workspaceFolders: [dir],
      settings: options.settings ?? DEFAULT_SETTINGS,
      configs: new ConfigStore(),
      openBuffer: (file) => options.open?.[path.relative(dir, file)],
    }),
  );
  return lintDocumentText({ version: 1, text }, kind, session, false).state;
}
