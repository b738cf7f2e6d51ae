// `shipshape pin` end to end on real files, with the registry answered in-process: what ends up in
// the files when a registry answers well, answers garbage, or the file says something odd.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { runPin } from '../../server/src/cli/pin-command';
import { RegistryClient } from '../../server/src/registry';

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/** The manifest every registry serves, and its digest: the client hashes what it is served. */
const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: {}, layers: [] });
const GOOD = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;

/** example.net answers a digest header that would smuggle text into the Dockerfile; the rest answer GOOD. */
function stubbedClient(): RegistryClient {
  const fetch = (async (url: string | URL) => {
    const digest = String(url).startsWith('https://example.net/') ? 'sha256:deadbeef AS evil' : GOOD;
    return new Response(MANIFEST, { headers: { 'Docker-Content-Digest': digest, 'Content-Type': DOCKER_MANIFEST } });
  }) as typeof globalThis.fetch;
  return new RegistryClient({ fetch, retries: 0, dockerConfigPath: path.join(os.tmpdir(), 'shipshape-no-such-config.json') });
}

describe('shipshape pin (in-process registry)', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-pin-cli-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function pin(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (s: string) => void (stdout += s),
      stderr: (s: string) => void (stderr += s),
      isTTY: false,
      env: {},
      cwd: root,
    };
    const code = await runPin([...args, root], io, { client: stubbedClient() });
    return { code, stdout, stderr };
  }

  it('keeps a Compose block scalar valid YAML and names a value that is no reference for what it is', async () => {
    const compose = [
      'services:',
      '  web:',
      '    image: >-',
      '      example.com/x:1',
      '    ports:',
      '      - "80:80"',
      '  folded:',
      '    image: example.com/x',
      '      :1',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(root, 'compose.yaml'), compose);
    const result = await pin();
    assert.equal(result.code, 0, result.stderr);
    const doc = parseDocument(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'));
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.getIn(['services', 'web', 'image']), `example.com/x:1@${GOOD}`);
    assert.equal(doc.getIn(['services', 'folded', 'image']), 'example.com/x :1');
    assert.match(result.stderr, /compose\.yaml:8 left alone: "example\.com\/x :1" is not a valid image reference/);
    assert.doesNotMatch(result.stderr, /built from variables/);
  });

  it('pins quoted references inside their quotes and writes nothing a registry sends that is not a digest', async () => {
    const dockerfile =
      'FROM "example.org/y:2" AS b\nCOPY --from="example.com/tool:1" /t /t\nCOPY --from=example.net/evil:1 /e /e\n';
    fs.writeFileSync(path.join(root, 'Dockerfile'), dockerfile);
    const result = await pin();
    assert.equal(result.code, 1, 'an image that could not be resolved fails the run');
    assert.equal(
      fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'),
      `FROM "example.org/y:2@${GOOD}" AS b\nCOPY --from="example.com/tool:1@${GOOD}" /t /t\nCOPY --from=example.net/evil:1 /e /e\n`,
    );
    assert.match(result.stderr, /Dockerfile:3 not pinned: example\.net\/evil:1: .*malformed digest/);
    assert.doesNotMatch(result.stdout + result.stderr, /AS evil/);
  });
});
