// Compose fragments in the editor (issue #20): a YAML file not named like a Compose file is linted
// as Compose when a project file reaches it (`extends: file:`), its findings on its own lines; an
// edit to it re-lints the open file that uses it; once no project reaches it, its findings go.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client';

const ROOT_TEXT = 'services:\n  app:\n    image: nginx:1.27\n    extends:\n      file: common.yaml\n      service: base\n';
const FRAGMENT_TEXT = 'services:\n  base:\n    privileged: true\n';
const HARDENED_FRAGMENT =
  'services:\n  base:\n    privileged: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    read_only: true\n';

// The rules this is about (the image's end-of-life finding depends on the day).
const codes = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code === 'privileged' || d.code === 'service-hardening')
    .map((d) => `${d.range.start.line + 1}:${String(d.code)}`)
    .sort();

describe('language server: Compose fragments named otherwise', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let rootUri: string;
  let fragmentUri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-fragment-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), ROOT_TEXT);
    fs.writeFileSync(path.join(dir, 'common.yaml'), FRAGMENT_TEXT);
    rootUri = `file://${path.join(dir, 'compose.yaml')}`;
    fragmentUri = `file://${path.join(dir, 'common.yaml')}`;
    client = new TestClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lints an opened fragment as Compose, and its edits re-lint the root file that extends it', async () => {
    await client.open(fragmentUri, 'yaml', FRAGMENT_TEXT);
    await client.open(rootUri, 'dockercompose', ROOT_TEXT);
    // The fragment's value is reported in the fragment, naming the service that gets it.
    const fragment = await client.waitForDiagnostics(fragmentUri);
    assert.deepEqual(codes(fragment), ['3:privileged']);
    assert.match(String(fragment[0]!.message), /Service "app"/);
    // The root file has the service, so its one hardening finding, and nothing written in the fragment.
    assert.deepEqual(codes(await client.waitForDiagnostics(rootUri)), ['2:service-hardening']);

    // Hardening the base in the (unsaved) fragment re-lints the root: the merged service is hardened.
    await client.change(fragmentUri, HARDENED_FRAGMENT, 2);
    assert.deepEqual(codes(await client.waitForDiagnostics(fragmentUri)), ['3:privileged']);
    assert.deepEqual(codes(await client.waitForDiagnostics(rootUri, (d) => !d.some((x) => x.code === 'service-hardening'))), []);
  });

  it('an edit on disk to a fragment that is not open re-lints the open file that extends it', async () => {
    // A second fragment, never opened: only the watcher tells the server it changed.
    const closedRoot =
      'services:\n  worker:\n    image: nginx:1.27\n    extends:\n      file: closed.yaml\n      service: base\n';
    const closedUri = `file://${path.join(dir, 'sub', 'compose.yaml')}`;
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sub', 'closed.yaml'), FRAGMENT_TEXT);
    fs.writeFileSync(path.join(dir, 'sub', 'compose.yaml'), closedRoot);
    await client.open(closedUri, 'dockercompose', closedRoot);
    assert.deepEqual(codes(await client.waitForDiagnostics(closedUri)), ['2:service-hardening']);
    const relinted = client.waitForDiagnostics(closedUri, (d) => !d.some((x) => x.code === 'service-hardening'));
    fs.writeFileSync(path.join(dir, 'sub', 'closed.yaml'), HARDENED_FRAGMENT);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: `file://${path.join(dir, 'sub', 'closed.yaml')}`, type: 2 }],
    });
    assert.deepEqual(codes(await relinted), []);
    await client.close(closedUri);
  });

  it("drops the fragment's findings once the root stops extending it", async () => {
    await client.change(rootUri, 'services:\n  app:\n    image: nginx:1.27\n', 2);
    assert.deepEqual(await client.waitForDiagnostics(fragmentUri, (d) => d.length === 0), []);
  });
});
