// The file watcher the language server registers: an edit on disk to any file a lint reads (a
// Compose service's Dockerfile under any of its names, `.env`, `.dockerignore`, a Compose fragment
// with any YAML name, the config) re-lints the open documents that read it. The globs come from the file-kind registry; this checks what the
// running server actually asks the editor to watch.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { detectKind } from '../../server/src/engine';
import { TestClient } from './lsp-client';

interface Registration {
  method: string;
  registerOptions?: { watchers?: { globPattern: string }[] };
}

describe('language server: watched files', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;
  let watchers: Promise<string[]>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-watch-'));
    client = new TestClient();
    watchers = new Promise((resolve) =>
      client.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
        const watched = params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
        if (watched) resolve((watched.registerOptions?.watchers ?? []).map((w) => w.globPattern));
        return null;
      }),
    );
    await client.initialize(dir);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('covers every Dockerfile and Compose name, and the files their lints read', async () => {
    const globs = await watchers;
    const watched = (relative: string) => globs.some((glob) => picomatch(glob, { dot: true })(relative));
    // Containerfile.*, *.Containerfile and *.dockerfile were not watched before the registry.
    const linted = [
      'Dockerfile',
      'Dockerfile.prod',
      'api.Dockerfile',
      'web.dockerfile',
      'Containerfile',
      'Containerfile.dev',
      'api.Containerfile',
    ];
    const compose = ['compose.yaml', 'docker-compose.prod.yml', 'compose-dev.yaml'];
    for (const name of [...linted, ...compose]) {
      assert.ok(detectKind(name), name);
      assert.ok(watched(`services/api/${name}`), `${name} is not watched (${globs.join(' ')})`);
    }
    // Compose fragments have any YAML name: an include or extends file, a COMPOSE_FILE entry.
    for (const name of [
      '.env',
      '.dockerignore',
      'api.Dockerfile.dockerignore',
      '.shipshape.yaml',
      'common.yaml',
      'monitoring.yml',
    ])
      assert.ok(watched(`services/${name}`), `${name} is not watched`);
    assert.equal(watched('services/README.md'), false);
  });
});
