// The warm-up after a kind's first lint (#22) is invisible to the editor: it publishes nothing, and
// edits sent while it runs are linted and published for their own versions.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { syntheticDockerfile } from '../../bench/latency';
import { TestClient } from './lsp-client';

describe('language server: warm-up after the first lint of a kind', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-warm-'));
    client = new TestClient();
    await client.initializeSettled(dir);
  });

  afterEach(async () => {
    if (client) assert.equal(await client.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes nothing of its own, and edits during it are linted for their versions', async () => {
    const uri = `file://${path.join(dir, 'Dockerfile')}`;
    const text = syntheticDockerfile(150);
    await client.open(uri, 'dockerfile', text);
    const opened = await client.waitForDiagnostics(uri, { version: 1 });
    assert.ok(opened.length > 0);

    // Typing at once, while the warm-up lints pieces of the file: each edit still gets its own lint.
    const edited = text.replace('USER root', 'USER root\nRUN chmod 777 /srv/warm');
    await client.change(uri, edited, 2);
    const second = await client.waitForDiagnostics(uri, { version: 2 });
    assert.equal(second.length, opened.length + 1, 'the added chmod 777 is reported');
    await client.change(uri, text, 3);
    const third = await client.waitForDiagnostics(uri, { version: 3 });
    assert.deepEqual(third, opened, 'back to the opened text, back to its diagnostics');

    // Past the warm-up (at most 40 lints of this file, one per turn) and the idle collection.
    const published = client.publishCount(uri);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(client.publishCount(uri), published, 'a warm-up lint published diagnostics');
  });
});
