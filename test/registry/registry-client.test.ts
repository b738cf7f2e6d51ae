// The registry client against a real Distribution registry on 127.0.0.1 (see local-registry.ts),
// plus the pure parts: references, challenges, the Docker config and the digest cache.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  FileDigestCache,
  InvalidReferenceError,
  RegistryClient,
  defaultCacheDir,
  defaultDockerConfigPath,
  familiarName,
  loadCredentials,
  parseChallenge,
  parseReference,
  type ResolvedDigest,
} from '../../server/src/registry';
import {
  TEST_IDENTITY_TOKEN,
  TEST_PASSWORD,
  TEST_USER,
  freePort,
  startHangingServer,
  startProxy,
  startRegistry,
  type LocalRegistry,
  type PushedIndex,
} from './local-registry';
import { rejectsWith, tempDir, writeDockerConfig } from './helpers';

const SHA = `sha256:${'a'.repeat(64)}`;

const basicAuth = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('registry: image references', () => {
  it('normalises Docker Hub names to the API host and library/', () => {
    assert.deepEqual(parseReference('node'), { registry: 'registry-1.docker.io', repository: 'library/node', tag: 'latest' });
    assert.deepEqual(parseReference('node:20'), { registry: 'registry-1.docker.io', repository: 'library/node', tag: '20' });
    assert.deepEqual(parseReference(' docker.io/node:20 '), {
      registry: 'registry-1.docker.io',
      repository: 'library/node',
      tag: '20',
    });
    assert.equal(parseReference('index.docker.io/library/node').repository, 'library/node');
    assert.deepEqual(parseReference('bitnami/redis:7.2'), {
      registry: 'registry-1.docker.io',
      repository: 'bitnami/redis',
      tag: '7.2',
    });
  });

  it('treats a first component with a dot, a port or "localhost" as the registry', () => {
    assert.deepEqual(parseReference('ghcr.io/org/app:1.2'), { registry: 'ghcr.io', repository: 'org/app', tag: '1.2' });
    assert.deepEqual(parseReference('localhost:5000/team/app:1'), {
      registry: 'localhost:5000',
      repository: 'team/app',
      tag: '1',
    });
    assert.deepEqual(parseReference('localhost/app'), { registry: 'localhost', repository: 'app', tag: 'latest' });
    assert.deepEqual(parseReference('[::1]:5000/app'), { registry: '[::1]:5000', repository: 'app', tag: 'latest' });
    assert.equal(parseReference('team/app').registry, 'registry-1.docker.io');
  });

  it('keeps digests, with or without a tag', () => {
    assert.deepEqual(parseReference(`node@${SHA}`), {
      registry: 'registry-1.docker.io',
      repository: 'library/node',
      tag: '',
      digest: SHA,
    });
    assert.deepEqual(parseReference(`ghcr.io/org/app:1@${SHA}`), {
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: '1',
      digest: SHA,
    });
  });

  it('rejects unexpanded variables and malformed references with a typed error', () => {
    for (const bad of ['$IMAGE', 'node:${NODE_VERSION}', '${REGISTRY}/app', 'node:$TAG']) {
      assert.throws(
        () => parseReference(bad),
        (e: unknown) =>
          e instanceof InvalidReferenceError && e.code === 'invalid-reference' && /unexpanded variable/.test(e.message),
      );
    }
    for (const bad of ['', 'Node', 'node:', 'node@sha256:abc', 'a b', 'org//app', 'node:-x', 'bad_host:99999x/app']) {
      assert.throws(() => parseReference(bad), InvalidReferenceError, bad);
    }
  });

  it('prints the familiar short name', () => {
    assert.equal(familiarName(parseReference('docker.io/library/node:20')), 'node:20');
    assert.equal(familiarName(parseReference('bitnami/redis')), 'bitnami/redis:latest');
    assert.equal(familiarName(parseReference('localhost:5000/team/app:1')), 'localhost:5000/team/app:1');
  });
});

describe('registry: WWW-Authenticate challenges', () => {
  it('parses Bearer and Basic challenges', () => {
    assert.deepEqual(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"',
      ),
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull' },
      },
    );
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.deepEqual(parseChallenge('bearer realm=http://x/t, service=svc'), {
      scheme: 'bearer',
      params: { realm: 'http://x/t', service: 'svc' },
    });
    assert.equal(parseChallenge(''), undefined);
  });

  // Linear by construction (proven without a clock in test/robustness/redos.test.ts); here, that a
  // hostile header still parses to what it says.
  it('parses a hostile header', () => {
    const header = `Bearer ${' ,'.repeat(50_000)}realm="${'\\"'.repeat(50_000)}`;
    assert.deepEqual(parseChallenge(header), { scheme: 'bearer', params: { realm: '' } });
  });
});

describe('registry: Docker config credentials', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('shipshape-dockercfg-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads base64 auth and username/password entries, matching URL-shaped keys', async () => {
    const configPath = writeDockerConfig(dir, {
      auths: {
        'ghcr.io': { auth: basicAuth('octo', 'p:a:ss') },
        'http://localhost:5000/v2/': { username: 'local', password: 'pw' },
        'quay.io': { identitytoken: 'refresh-me' },
      },
    });
    assert.deepEqual(await loadCredentials('ghcr.io', { configPath }), { username: 'octo', password: 'p:a:ss' });
    assert.deepEqual(await loadCredentials('localhost:5000', { configPath }), { username: 'local', password: 'pw' });
    assert.deepEqual(await loadCredentials('quay.io', { configPath }), { identityToken: 'refresh-me' });
    assert.equal(await loadCredentials('example.com', { configPath }), undefined);
  });

  it('finds Docker Hub credentials under any of its aliases', async () => {
    for (const key of ['https://index.docker.io/v1/', 'index.docker.io', 'registry-1.docker.io', 'docker.io']) {
      const configPath = writeDockerConfig(dir, { auths: { [key]: { auth: basicAuth('hubuser', 'hubpass') } } });
      assert.deepEqual(
        await loadCredentials('registry-1.docker.io', { configPath }),
        { username: 'hubuser', password: 'hubpass' },
        key,
      );
    }
  });

  it('treats a missing or corrupt config as no credentials', async () => {
    assert.equal(await loadCredentials('ghcr.io', { configPath: path.join(dir, 'none.json') }), undefined);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"auths": ');
    assert.equal(await loadCredentials('ghcr.io', { configPath: path.join(dir, 'bad.json') }), undefined);
  });

  it('honours DOCKER_CONFIG for the default path', () => {
    assert.equal(defaultDockerConfigPath({ DOCKER_CONFIG: '/cfg' }), path.join('/cfg', 'config.json'));
    assert.equal(defaultDockerConfigPath({}), path.join(os.homedir(), '.docker', 'config.json'));
  });

  describe('credential helpers', () => {
    let savedPath: string | undefined;
    let marker: string;
    beforeEach(() => {
      // A fake helper that records that it ran and which server it was asked about.
      const bin = path.join(dir, 'bin');
      marker = path.join(dir, 'helper-ran');
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'docker-credential-shipshape-test'),
        `#!/bin/sh\ncat > ${JSON.stringify(marker)}\necho '{"ServerURL":"x","Username":"helperuser","Secret":"helpersecret"}'\n`,
        { mode: 0o755 },
      );
      savedPath = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
    });

    it('are not executed unless asked for', async () => {
      const configPath = writeDockerConfig(dir, {
        credsStore: 'shipshape-test',
        credHelpers: { 'ghcr.io': 'shipshape-test' },
        auths: { 'ghcr.io': {}, 'quay.io': { auth: basicAuth('q', 'w') } },
      });
      assert.equal(await loadCredentials('ghcr.io', { configPath }), undefined);
      assert.deepEqual(await loadCredentials('quay.io', { configPath }), { username: 'q', password: 'w' });
      assert.equal(fs.existsSync(marker), false, 'the helper ran without useCredentialHelpers');
    });

    it('run with the server on stdin when useCredentialHelpers is set', async () => {
      const configPath = writeDockerConfig(dir, { credHelpers: { 'ghcr.io': 'shipshape-test' } });
      const creds = await loadCredentials('ghcr.io', { configPath, useCredentialHelpers: true });
      assert.deepEqual(creds, { username: 'helperuser', password: 'helpersecret' });
      assert.equal(fs.readFileSync(marker, 'utf8'), 'ghcr.io');

      const hubConfig = writeDockerConfig(dir, { credsStore: 'shipshape-test' });
      await loadCredentials('registry-1.docker.io', { configPath: hubConfig, useCredentialHelpers: true });
      assert.equal(fs.readFileSync(marker, 'utf8'), 'https://index.docker.io/v1/');
    });

    it('treat a missing helper as no credentials', async () => {
      const configPath = writeDockerConfig(dir, {
        credsStore: 'shipshape-missing-helper',
        auths: { 'ghcr.io': { auth: basicAuth('a', 'b') } },
      });
      assert.deepEqual(await loadCredentials('ghcr.io', { configPath, useCredentialHelpers: true }), {
        username: 'a',
        password: 'b',
      });
    });
  });
});

describe('registry: RegistryClient against a local registry', function () {
  let registry: LocalRegistry;
  let single: string;
  let multi: PushedIndex;
  let dockerList: PushedIndex;
  let client: RegistryClient;

  before(async function () {
    this.timeout(120_000); // may install docker-registry first
    registry = await startRegistry();
    single = (await registry.pushSingle('team/app', '1')).digest;
    multi = await registry.pushImage('team/multi', '2', { platforms: ['linux/amd64', 'linux/arm64/v8'], attestation: true });
    dockerList = await registry.pushImage('team/legacy', 'v1', { platforms: ['linux/amd64', 'linux/arm/v7'], format: 'docker' });
    client = new RegistryClient({ dockerConfigPath: path.join(os.tmpdir(), 'shipshape-no-such-config.json') });
  });
  after(async () => registry?.stop());

  it('resolves a tag to the digest that was pushed', async () => {
    const result = await client.resolve(`${registry.host}/team/app:1`);
    assert.equal(result.digest, single);
    assert.equal(result.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.deepEqual(result.platforms, []);
    assert.equal(result.reference, `${registry.host}/team/app:1`);
    assert.equal(result.registry, registry.host);
    assert.equal(result.repository, 'team/app');
    assert.equal(result.tag, '1');
    assert.ok(!Number.isNaN(Date.parse(result.resolvedAt)));
  });

  it('resolves a multi-platform tag to its index digest and lists the platforms without attestations', async () => {
    const result = await client.resolve(`${registry.host}/team/multi:2`);
    assert.equal(result.digest, multi.indexDigest);
    assert.equal(result.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.equal(result.platform, undefined);
  });

  it('resolves one platform of an index, arm64 meaning arm64/v8', async () => {
    const arm = await client.resolve(`${registry.host}/team/multi:2`, { platform: 'linux/arm64' });
    assert.equal(arm.digest, multi.manifestDigests['linux/arm64/v8']);
    assert.equal(arm.platform, 'linux/arm64/v8');
    assert.equal(arm.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    const amd = await client.resolve(`${registry.host}/team/multi:2`, { platform: 'linux/x86_64' });
    assert.equal(amd.digest, multi.manifestDigests['linux/amd64']);
  });

  it('reads Docker manifest lists too', async () => {
    const list = await client.resolve(`${registry.host}/team/legacy:v1`);
    assert.equal(list.digest, dockerList.indexDigest);
    assert.equal(list.mediaType, 'application/vnd.docker.distribution.manifest.list.v2+json');
    assert.deepEqual(list.platforms, ['linux/amd64', 'linux/arm/v7']);
    const arm = await client.resolve(`${registry.host}/team/legacy:v1`, { platform: 'linux/arm' });
    assert.equal(arm.digest, dockerList.manifestDigests['linux/arm/v7']);
  });

  it('names the available platforms when the asked one is missing', async () => {
    const error = await rejectsWith(
      client.resolve(`${registry.host}/team/multi:2`, { platform: 'linux/s390x' }),
      'platform-not-found',
    );
    assert.match(error.message, /linux\/s390x/);
    assert.match(error.message, /linux\/amd64, linux\/arm64\/v8/);
    await rejectsWith(client.resolve(`${registry.host}/team/multi:2`, { platform: 'linux/arm64/v9' }), 'platform-not-found');
    await rejectsWith(client.resolve(`${registry.host}/team/multi:2`, { platform: 'linux' }), 'invalid-reference');
  });

  it('returns a single-platform tag as it is for its own platform, and refuses it for another', async () => {
    const result = await client.resolve(`${registry.host}/team/app:1`, { platform: 'linux/amd64' });
    assert.equal(result.digest, single);
    assert.deepEqual(result.platforms, []);
    assert.equal(result.platform, 'linux/amd64');
    const error = await rejectsWith(
      client.resolve(`${registry.host}/team/app:1`, { platform: 'linux/arm64' }),
      'platform-not-found',
    );
    assert.match(error.message, /single-platform image for linux\/amd64, not linux\/arm64/);
  });

  it('resolves digest references, checking that the registry has them', async () => {
    const byDigest = await client.resolve(`${registry.host}/team/multi@${multi.indexDigest}`);
    assert.equal(byDigest.digest, multi.indexDigest);
    assert.equal(byDigest.tag, '');
    const arm = await client.resolve(`${registry.host}/team/multi@${multi.indexDigest}`, { platform: 'linux/arm64' });
    assert.equal(arm.digest, multi.manifestDigests['linux/arm64/v8']);
    await rejectsWith(client.resolve(`${registry.host}/team/multi@${SHA}`), 'not-found');
  });

  it('reports a missing tag or repository as not-found, naming the image', async () => {
    const error = await rejectsWith(client.resolve(`${registry.host}/team/app:nope`), 'not-found');
    assert.equal(error.message, `Image ${registry.host}/team/app:nope not found: ${registry.host} has no tag "nope" in team/app`);
    assert.equal(error.status, 404);
    await rejectsWith(client.resolve(`${registry.host}/team/nothing-here:1`), 'not-found');
  });

  it('rejects invalid references before any request', async () => {
    const error = await rejectsWith(client.resolve(`${registry.host}/team/app:$TAG`), 'invalid-reference');
    assert.match(error.message, /unexpanded variable/);
  });

  describe('through a proxy', () => {
    it('sends one GET with the Accept list and a shipshape User-Agent', async () => {
      const proxy = await startProxy(registry.host);
      try {
        const result = await client.resolve(`${proxy.host}/team/app:1`);
        assert.equal(result.digest, single);
        assert.deepEqual(
          proxy.requests.map((r) => `${r.method} ${r.url}`),
          ['GET /v2/team/app/manifests/1'],
        );
        const headers = proxy.requests[0].headers;
        assert.match(String(headers['user-agent']), /^shipshape\/\d+\.\d+\.\d+/);
        for (const type of ['oci.image.index.v1', 'manifest.list.v2', 'oci.image.manifest.v1', 'distribution.manifest.v2']) {
          assert.match(String(headers.accept), new RegExp(type.replace(/\./g, '\\.')));
        }
      } finally {
        await proxy.stop();
      }
    });

    it('hashes the body when the registry sends no Docker-Content-Digest', async () => {
      const proxy = await startProxy(registry.host);
      proxy.rewriteHeaders = ({ 'docker-content-digest': _dropped, ...rest }) => rest;
      try {
        assert.equal((await client.resolve(`${proxy.host}/team/app:1`)).digest, single);
        assert.deepEqual(
          proxy.requests.map((r) => r.method),
          ['GET'],
        );
      } finally {
        await proxy.stop();
      }
    });

    it('rejects a body that does not match Docker-Content-Digest', async () => {
      const proxy = await startProxy(registry.host);
      proxy.rewriteHeaders = (headers) => ({ ...headers, 'docker-content-digest': SHA });
      try {
        const error = await rejectsWith(client.resolve(`${proxy.host}/team/multi:2`), 'bad-response');
        assert.match(error.message, /does not match/);
      } finally {
        await proxy.stop();
      }
    });
  });
});

describe('registry: token authentication', function () {
  let registry: LocalRegistry;
  let pushed: PushedIndex;
  let dir: string;

  before(async function () {
    this.timeout(120_000);
    registry = await startRegistry({ auth: 'token' });
    pushed = await registry.pushImage('private/app', '1.0', { platforms: ['linux/amd64', 'linux/arm64/v8'] });
    dir = tempDir('shipshape-token-');
  });
  after(async () => {
    await registry?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolves with credentials from the Docker config, reusing the token', async () => {
    const dockerConfigPath = writeDockerConfig(dir, {
      auths: { [registry.host]: { auth: basicAuth(TEST_USER, TEST_PASSWORD) } },
    });
    const client = new RegistryClient({ dockerConfigPath });
    const before = registry.tokenRequests;
    assert.equal((await client.resolve(`${registry.host}/private/app:1.0`)).digest, pushed.indexDigest);
    const arm = await client.resolve(`${registry.host}/private/app:1.0`, { platform: 'linux/arm64' });
    assert.equal(arm.digest, pushed.manifestDigests['linux/arm64/v8']);
    assert.equal(registry.tokenRequests - before, 1, 'one token for the scope, reused for later requests');
  });

  it('exchanges an identity token (OAuth refresh grant, access_token answer)', async () => {
    const dockerConfigPath = writeDockerConfig(dir, { auths: { [registry.host]: { identitytoken: TEST_IDENTITY_TOKEN } } });
    const result = await new RegistryClient({ dockerConfigPath }).resolve(`${registry.host}/private/app:1.0`);
    assert.equal(result.digest, pushed.indexDigest);
  });

  it('fails with unauthorized without credentials', async () => {
    const client = new RegistryClient({ dockerConfigPath: path.join(dir, 'missing.json') });
    const error = await rejectsWith(client.resolve(`${registry.host}/private/app:1.0`), 'unauthorized');
    assert.match(error.message, /private\/app:1\.0/);
  });

  it('fails with unauthorized for a wrong password, without echoing it', async () => {
    const dockerConfigPath = writeDockerConfig(dir, {
      auths: { [registry.host]: { auth: basicAuth(TEST_USER, 'hunter2-wrong') } },
    });
    const error = await rejectsWith(
      new RegistryClient({ dockerConfigPath }).resolve(`${registry.host}/private/app:1.0`),
      'unauthorized',
    );
    assert.doesNotMatch(`${error.message} ${String(error.cause ?? '')}`, /hunter2|aHVudGVyM/);
  });
});

describe('registry: timeouts and retries', function () {
  let registry: LocalRegistry;
  let digest: string;
  const noConfig = path.join(os.tmpdir(), 'shipshape-no-such-config.json');

  before(async function () {
    this.timeout(120_000);
    registry = await startRegistry();
    digest = (await registry.pushSingle('retry/app', '1')).digest;
  });
  after(async () => registry?.stop());

  it('times out against a server that never answers', async () => {
    const hanging = await startHangingServer();
    try {
      const client = new RegistryClient({ timeoutMs: 300, retries: 0, dockerConfigPath: noConfig });
      const start = Date.now();
      const error = await rejectsWith(client.resolve(`${hanging.host}/app:1`), 'timeout');
      const elapsed = Date.now() - start;
      // A lower bound only: a busy machine can make it later, never earlier. The message names the timeout that fired.
      assert.ok(elapsed >= 250, `took ${elapsed} ms`);
      assert.match(error.message, /300 ms/);
      assert.equal(hanging.requests, 1);
    } finally {
      await hanging.stop();
    }
  });

  it('retries a timeout with backoff', async () => {
    const hanging = await startHangingServer();
    try {
      const client = new RegistryClient({ timeoutMs: 200, retries: 1, dockerConfigPath: noConfig });
      const start = Date.now();
      await rejectsWith(client.resolve(`${hanging.host}/app:1`), 'timeout');
      const elapsed = Date.now() - start;
      // Two 200 ms attempts and one 200 ms pause (a lower bound only, which load cannot break).
      assert.ok(elapsed >= 550, `took ${elapsed} ms`);
      assert.equal(hanging.requests, 2);
    } finally {
      await hanging.stop();
    }
  });

  it('retries a 503 and then succeeds', async () => {
    const proxy = await startProxy(registry.host, (_req, res, index) => {
      if (index > 0) return false;
      res.writeHead(503);
      res.end();
      return true;
    });
    try {
      const client = new RegistryClient({ dockerConfigPath: noConfig });
      assert.equal((await client.resolve(`${proxy.host}/retry/app:1`)).digest, digest);
      assert.equal(proxy.requests.length, 2);
    } finally {
      await proxy.stop();
    }
  });

  it('gives up after the configured retries of 429/5xx', async () => {
    const proxy = await startProxy(registry.host, (_req, res) => {
      res.writeHead(429, { 'Retry-After': '1' });
      res.end();
      return true;
    });
    try {
      const client = new RegistryClient({ retries: 2, dockerConfigPath: noConfig });
      const error = await rejectsWith(client.resolve(`${proxy.host}/retry/app:1`), 'bad-response');
      assert.equal(error.status, 429);
      assert.equal(proxy.requests.length, 3);
    } finally {
      await proxy.stop();
    }
  });

  it('does not retry a 404', async () => {
    const proxy = await startProxy(registry.host);
    try {
      await rejectsWith(
        new RegistryClient({ dockerConfigPath: noConfig }).resolve(`${proxy.host}/retry/app:missing`),
        'not-found',
      );
      assert.equal(proxy.requests.length, 1);
    } finally {
      await proxy.stop();
    }
  });

  it('reports a refused connection as a network error', async () => {
    const port = await freePort();
    const error = await rejectsWith(
      new RegistryClient({ retries: 0, dockerConfigPath: noConfig }).resolve(`127.0.0.1:${port}/app:1`),
      'network',
    );
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('registry: digest cache', function () {
  let registry: LocalRegistry;
  let pushed: PushedIndex;
  let dir: string;
  const noConfig = path.join(os.tmpdir(), 'shipshape-no-such-config.json');

  before(async function () {
    this.timeout(120_000);
    registry = await startRegistry();
    pushed = await registry.pushImage('cache/app', '3', { platforms: ['linux/amd64', 'linux/arm64/v8'] });
  });
  after(async () => registry?.stop());
  beforeEach(() => (dir = tempDir('shipshape-cache-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers from the cache until the TTL passes', async () => {
    const proxy = await startProxy(registry.host);
    try {
      let now = Date.parse('2025-01-01T00:00:00Z');
      const clock = () => now;
      const cache = new FileDigestCache({ dir, ttlMs: 60 * 60 * 1000, now: clock });
      const client = new RegistryClient({ cache, now: clock, dockerConfigPath: noConfig });
      const ref = `${proxy.host}/cache/app:3`;

      const first = await client.resolve(ref);
      assert.equal(first.digest, pushed.indexDigest);
      const afterFirst = proxy.requests.length;
      assert.ok(afterFirst > 0);

      now += 59 * 60 * 1000;
      const second = await client.resolve(ref);
      assert.equal(proxy.requests.length, afterFirst, 'a cache hit makes no request');
      assert.deepEqual(second, first);

      const arm = await client.resolve(ref, { platform: 'linux/arm64' });
      assert.equal(arm.digest, pushed.manifestDigests['linux/arm64/v8'], 'platforms are cached separately');

      now += 2 * 60 * 1000;
      const countBefore = proxy.requests.length;
      const third = await client.resolve(ref);
      assert.ok(proxy.requests.length > countBefore, 'an expired entry is fetched again');
      assert.equal(third.resolvedAt, new Date(now).toISOString());
      assert.ok(fs.existsSync(cache.file));
      assert.ok(
        fs.readdirSync(dir).every((f) => !f.endsWith('.tmp')),
        'no temp files left behind',
      );
    } finally {
      await proxy.stop();
    }
  });

  it('finds the most recent resolution of a digest regardless of TTL', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const cache = new FileDigestCache({ dir, ttlMs: 1000, now: () => now });
    const client = new RegistryClient({ cache, now: () => now, dockerConfigPath: noConfig });
    await client.resolve(`${registry.host}/cache/app:3`);
    now += 24 * 60 * 60 * 1000;
    await client.resolve(`${registry.host}/cache/app@${pushed.indexDigest}`);
    now += 24 * 60 * 60 * 1000;

    const found = await new FileDigestCache({ dir, ttlMs: 1000 }).lookupByDigest(pushed.indexDigest);
    assert.equal(found?.reference, `${registry.host}/cache/app@${pushed.indexDigest}`);
    assert.equal(found?.resolvedAt, '2025-01-02T00:00:00.000Z');
    assert.equal(await cache.lookupByDigest(SHA), undefined);
  });

  it('reports the reference as written on a cache hit', async () => {
    const cache = new FileDigestCache({ dir });
    const client = new RegistryClient({ cache, dockerConfigPath: noConfig });
    await client.resolve(`${registry.host}/cache/app:3`);
    const entry: ResolvedDigest | undefined = await cache.get(`${registry.host}/cache/app:3|`);
    assert.equal(entry?.digest, pushed.indexDigest);
    const hit = await new RegistryClient({ cache, fetch: () => assert.fail('no request expected') }).resolve(
      ` ${registry.host}/cache/app:3 `,
    );
    assert.equal(hit.reference, `${registry.host}/cache/app:3`);
  });

  it('ignores a corrupt cache file and replaces it', async () => {
    const cache = new FileDigestCache({ dir });
    fs.writeFileSync(cache.file, '{"version":1,"entries":{"x|":{"digest":');
    const client = new RegistryClient({ cache, dockerConfigPath: noConfig });
    assert.equal((await client.resolve(`${registry.host}/cache/app:3`)).digest, pushed.indexDigest);
    const saved = JSON.parse(fs.readFileSync(cache.file, 'utf8'));
    assert.equal(saved.entries[`${registry.host}/cache/app:3|`].digest, pushed.indexDigest);

    fs.writeFileSync(
      cache.file,
      JSON.stringify({ version: 1, entries: { bad: { digest: 42 }, [`${registry.host}/cache/app:3|`]: 'x' } }),
    );
    assert.equal(await cache.get(`${registry.host}/cache/app:3|`), undefined);
    assert.equal(await cache.lookupByDigest(pushed.indexDigest), undefined);
  });

  it('still resolves when the cache cannot be written', async () => {
    const blocked = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocked, '');
    const client = new RegistryClient({ cache: new FileDigestCache({ dir: blocked }), dockerConfigPath: noConfig });
    assert.equal((await client.resolve(`${registry.host}/cache/app:3`)).digest, pushed.indexDigest);
  });

  it('uses XDG_CACHE_HOME for its default location', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'shipshape'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'shipshape'));
  });
});
