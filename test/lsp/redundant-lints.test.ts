// The server lints a document again only when something a lint reads may have changed: not for a
// settings notification that changed none of Shipshape's settings (VS Code sends one for any
// setting), nor for saving a version typing has linted already (#22).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './lsp-client';

describe('language server: no lint without a changed input', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  const uriOf = (name: string) => `file://${path.join(dir, name)}`;
  let probes = 0;

  /**
   * Opens two fresh documents, one after the other's diagnostics. A lint the server queued while it
   * handled what came before has published by the second's: the server lints an opened document as
   * it reads the open (so the first may overtake lints queued in the same turn), the second open
   * is read only after the first's publish went out, and every publish goes through one writer queue.
   */
  async function probe(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      const uri = uriOf(`probe-${++probes}/Dockerfile`);
      const published = client.waitForDiagnostics(uri, { version: 1 });
      await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER 1000\n');
      await published;
    }
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-relint-'));
    client = new TestClient();
    await client.initializeSettled(dir);
    await probe();
  });

  afterEach(async () => {
    if (client) assert.equal(await client.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('re-lints open documents when a Shipshape setting changes, not when the settings arrive unchanged', async () => {
    const uri = uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', 'FROM ubuntu:latest\n');
    await client.waitForDiagnostics(uri, { version: 1 });
    const before = client.publishCount(uri);

    await client.changeConfiguration({ enable: true, rules: {} });
    await probe();
    assert.equal(client.publishCount(uri), before, 'unchanged settings re-linted the open document');

    // The same sequence with a changed rule setting does re-lint: the probe above can see a lint.
    await client.changeConfiguration({ enable: true, rules: { 'unpinned-image': 'off' } });
    await probe();
    assert.equal(client.publishCount(uri), before + 1);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.ok(!diagnostics.some((d) => d.code === 'unpinned-image'));
  });

  it('does not lint again on saving a version it has linted; lints on save when set to run on save', async () => {
    const uri = uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', 'FROM ubuntu:latest\n');
    await client.waitForDiagnostics(uri, { version: 1 });
    await client.change(uri, 'FROM ubuntu:latest\nUSER root\n', 2);
    await client.waitForDiagnostics(uri, { version: 2 });
    const before = client.publishCount(uri);

    await client.save(uri);
    await probe();
    assert.equal(client.publishCount(uri), before, 'saving a linted version linted it again');

    // With run: onSave an edit waits for the save, and the save lints it.
    await client.changeConfiguration({ enable: true, rules: {}, run: 'onSave' });
    await probe();
    await client.change(uri, 'FROM ubuntu:latest\nUSER 1000\n', 3);
    await probe();
    assert.equal(client.publishCount(uri), before + 1, 'the settings change re-lints once; the edit waits for the save');
    const saved = client.waitForDiagnostics(uri, { version: 3 });
    await client.save(uri);
    assert.ok(!(await saved).some((d) => d.code === 'root-user'));
  });
});
