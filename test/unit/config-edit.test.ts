// The "Trust registry" quick fix edits .shipshape.yaml as text: comments and layout survive.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, parseConfig } from '../../server/src/engine';
import { configChangeEdit, defaultConfigPath } from '../../server/src/lsp/config-edit';
import { ProjectRoot } from '../../server/src/workspace/file-access';

function editedText(initial: string | undefined, value: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-config-edit-'));
  try {
    const file = path.join(dir, '.shipshape.yaml');
    if (initial !== undefined) fs.writeFileSync(file, initial);
    const edit = configChangeEdit(file, { appendTo: 'trustedRegistries', value }, new ProjectRoot(dir));
    assert.ok(edit, 'a config inside the project gets an edit');
    if (edit.changes) return applyEdits(initial ?? '', Object.values(edit.changes)[0] as TextEdit[]);
    const change = edit.documentChanges!.find((c) => 'edits' in c) as { edits: TextEdit[] };
    return applyEdits('', change.edits);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Trust registry config edit', () => {
  it('never edits a config that is a symlink, or one outside the project', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-config-edit-'));
    try {
      const outside = path.join(dir, 'outside.yaml');
      fs.writeFileSync(outside, 'trustedRegistries: []\n');
      const project = path.join(dir, 'project');
      fs.mkdirSync(project);
      fs.symlinkSync(outside, path.join(project, '.shipshape.yaml'));
      const change = { appendTo: 'trustedRegistries', value: 'quay.io' } as const;
      assert.equal(configChangeEdit(path.join(project, '.shipshape.yaml'), change, new ProjectRoot(project)), undefined);
      assert.equal(configChangeEdit(outside, change, new ProjectRoot(project)), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const cases: [string, string | undefined, string][] = [
    ['creates the file', undefined, '# Shipshape configuration\ntrustedRegistries:\n  - "quay.io"\n'],
    [
      'appends to a block list, keeping comments',
      '# team policy\ntrustedRegistries:\n  - ghcr.io/acme # ours\nrules: {}\n',
      '# team policy\ntrustedRegistries:\n  - ghcr.io/acme # ours\n  - "quay.io"\nrules: {}\n',
    ],
    ['appends to a flow list', 'trustedRegistries: [ghcr.io/acme]\n', 'trustedRegistries: [ghcr.io/acme, "quay.io"]\n'],
    ['adds the key when missing', 'extends: strict\n', 'extends: strict\ntrustedRegistries:\n  - "quay.io"\n'],
    ['fills an empty key', 'trustedRegistries:\nextends: strict\n', 'trustedRegistries:\n  - "quay.io"\nextends: strict\n'],
    ['keeps CRLF files CRLF', 'trustedRegistries:\r\n  - a.io\r\n', 'trustedRegistries:\r\n  - a.io\r\n  - "quay.io"\r\n'],
  ];
  for (const [name, initial, expected] of cases) {
    it(name, () => {
      const result = editedText(initial, 'quay.io');
      assert.equal(result, expected);
      const { config, problems } = parseConfig(result);
      assert.deepEqual(problems, []);
      assert.ok(config.trustedRegistries?.includes('quay.io'));
    });
  }

  it('puts a new config at the workspace root that contains the file', () => {
    assert.equal(defaultConfigPath('/ws/app/api/Dockerfile', ['/ws/app', '/other']), path.join('/ws/app', '.shipshape.yaml'));
    assert.equal(defaultConfigPath('/elsewhere/Dockerfile', ['/ws']), path.join('/elsewhere', '.shipshape.yaml'));
  });
});
