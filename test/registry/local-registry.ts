// A real OCI Distribution registry (Debian's docker-registry, the reference implementation) on
// 127.0.0.1, optionally behind a token server of our own, so the client is tested against the
// protocol as a registry really speaks it without touching the internet.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const execFileAsync = promisify(execFile);

export const REGISTRY_BIN = '/usr/bin/docker-registry';
export const TEST_USER = 'testuser';
export const TEST_PASSWORD = 'testpass';
/** The refresh token the token server accepts in an OAuth `grant_type=refresh_token` POST. */
export const TEST_IDENTITY_TOKEN = 'shipshape-test-identity-token';
const SERVICE = 'shipshape-test-registry';
const ISSUER = 'shipshape-test-issuer';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export type ManifestFormat = 'oci' | 'docker';

export interface PushedIndex {
  indexDigest: string;
  /** By platform as written in the index (`linux/arm64/v8`). */
  manifestDigests: Record<string, string>;
}

export interface LocalRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Requests the token server has answered (0 without auth). */
  readonly tokenRequests: number;
  stop(): Promise<void>;
  pushImage(
    repo: string,
    tag: string,
    opts: { platforms: string[]; format?: ManifestFormat; attestation?: boolean },
  ): Promise<PushedIndex>;
  pushSingle(repo: string, tag: string, opts?: { platform?: string; format?: ManifestFormat }): Promise<{ digest: string }>;
}

export interface StartOptions {
  auth?: 'token';
}

export async function startRegistry(opts: StartOptions = {}): Promise<LocalRegistry> {
  await ensureInstalled(REGISTRY_BIN, 'docker-registry');
  // The port is picked before the registry binds it, so another process can win the race; retry.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (error) {
      if (attempt >= 3 || !/address already in use/i.test(String(error))) throw error;
    }
  }
}

async function startOnce(opts: StartOptions): Promise<LocalRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-registry-'));
  const cleanups: Array<() => Promise<void> | void> = [() => fs.rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn();
  };
  try {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const tokens = opts.auth === 'token' ? await startTokenServer(dir) : undefined;
    if (tokens) cleanups.push(() => tokens.stop());

    const configPath = path.join(dir, 'config.yml');
    fs.writeFileSync(configPath, registryConfig(dir, host, tokens));
    const child = spawn(REGISTRY_BIN, ['serve', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
      // The registry reads REGISTRY_* variables as config overrides; start it from a clean slate.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    await waitForRegistry(host, child, () => stderr);

    const pusher = new Pusher(host, tokens?.host);
    return {
      host,
      get tokenRequests() {
        return tokens?.requests ?? 0;
      },
      stop: cleanup,
      pushImage: (repo, tag, o) => pusher.pushImage(repo, tag, o.platforms, o.format ?? 'oci', o.attestation ?? false),
      pushSingle: (repo, tag, o = {}) => pusher.pushSingle(repo, tag, o.platform ?? 'linux/amd64', o.format ?? 'docker'),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function registryConfig(dir: string, host: string, tokens: TokenServer | undefined): string {
  // JSON strings are valid YAML scalars, which keeps temp paths safe to embed.
  const q = JSON.stringify;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${q(path.join(dir, 'data'))}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${q(host)}`,
    `  secret: ${q(crypto.randomBytes(16).toString('hex'))}`,
  ];
  if (tokens) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${q(`http://${tokens.host}/token`)}`,
      `    service: ${q(SERVICE)}`,
      `    issuer: ${q(ISSUER)}`,
      `    rootcertbundle: ${q(tokens.certPath)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function waitForRegistry(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = `failed to start: ${error.message}`));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`docker-registry ${exited}: ${stderr().trim()}`);
    try {
      // Any answer, 401 included, means the registry is serving.
      await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`docker-registry did not answer on ${host} within 30 s: ${stderr().trim()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let installing: Promise<void> = Promise.resolve();

/** Installs a Debian package when its binary is missing; apt takes a lock, so installs run one at a time. */
export function ensureInstalled(binary: string, pkg: string): Promise<void> {
  const run = installing.then(async () => {
    if (fs.existsSync(binary)) return;
    if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
      throw new Error(`${binary} is missing and there is no apt-get to install it: install the Debian package "${pkg}"`);
    }
    if (process.getuid?.() !== 0)
      throw new Error(`${binary} is missing: run "sudo apt-get install ${pkg}" (the tests install it only as root)`);
    const script = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkg}`;
    try {
      await execFileAsync('bash', ['-c', script], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim() ?? String(error);
      throw new Error(`Could not install the Debian package "${pkg}" for the registry tests: ${detail}`);
    }
    if (!fs.existsSync(binary)) throw new Error(`Installed "${pkg}" but ${binary} is still missing`);
  });
  installing = run.catch(() => undefined);
  return run;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as net.AddressInfo).port}`));
  });
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------------------------------------
// Token server: issues the JWTs distribution's `auth.token` verifies, signed with a key made here
// and carried with its self-signed certificate in the `x5c` header, which the registry checks
// against `rootcertbundle`.

interface TokenServer {
  host: string;
  certPath: string;
  requests: number;
  stop(): Promise<void>;
}

async function startTokenServer(dir: string): Promise<TokenServer> {
  await ensureInstalled('/usr/bin/openssl', 'openssl');
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPath = path.join(dir, 'token.key');
  const certPath = path.join(dir, 'token.crt');
  fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-sha256',
    '-subj',
    '/CN=shipshape-test-token-issuer',
  ]);
  const certDer = new crypto.X509Certificate(fs.readFileSync(certPath)).raw.toString('base64');

  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token.invalid');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname !== '/token') return reply(404, { error: 'not found' });

      let subject = '';
      if (req.method === 'POST') {
        // OAuth refresh-token grant, as `docker login` identity tokens use; answers `access_token`.
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== TEST_IDENTITY_TOKEN) {
          return reply(401, { error: 'invalid_grant' });
        }
        const scopes = form.getAll('scope').flatMap((s) => s.split(' '));
        const token = sign(privateKey, certDer, TEST_USER, form.get('service') ?? '', scopes);
        return reply(200, { access_token: token, expires_in: 300 });
      }
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (basic) {
        if (Buffer.from(basic[1], 'base64').toString('utf8') !== `${TEST_USER}:${TEST_PASSWORD}`) {
          return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
        }
        subject = TEST_USER;
      }
      // Anonymous callers get a valid token that grants nothing, as public token servers do.
      const scopes = subject ? url.searchParams.getAll('scope').flatMap((s) => s.split(' ')) : [];
      const token = sign(privateKey, certDer, subject, url.searchParams.get('service') ?? '', scopes);
      reply(200, { token, expires_in: 300, issued_at: new Date().toISOString() });
    });
  });
  const host = await listen(server);
  return {
    host,
    certPath,
    get requests() {
      return state.requests;
    },
    stop: () => closeServer(server),
  };
}

function sign(key: crypto.KeyObject, certDer: string, subject: string, audience: string, scopes: string[]): string {
  const access = scopes.flatMap((scope) => {
    const first = scope.indexOf(':');
    const last = scope.lastIndexOf(':');
    if (first === -1 || last === first) return [];
    return [{ type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') }];
  });
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] };
  const claims = {
    iss: ISSUER,
    sub: subject,
    aud: audience,
    exp: now + 300,
    nbf: now,
    iat: now,
    jti: crypto.randomUUID(),
    access,
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(crypto.sign('sha256', Buffer.from(input), key))}`;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

// ---------------------------------------------------------------------------------------------
// Pushing through the HTTP API, as `docker push` does: blobs by monolithic upload, then the
// per-platform manifests by digest, then the index under the tag.

function sha256(data: Buffer | string): string {
  return `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
}

class Pusher {
  constructor(
    private readonly host: string,
    private readonly tokenHost: string | undefined,
  ) {}

  async pushSingle(repo: string, tag: string, platform: string, format: ManifestFormat): Promise<{ digest: string }> {
    const auth = await this.authorization(repo);
    const manifest = await this.platformManifest(repo, tag, platform, format, auth);
    return { digest: await this.putManifest(repo, tag, manifest.body, manifest.mediaType, auth) };
  }

  async pushImage(
    repo: string,
    tag: string,
    platforms: string[],
    format: ManifestFormat,
    attestation: boolean,
  ): Promise<PushedIndex> {
    const auth = await this.authorization(repo);
    const manifestDigests: Record<string, string> = {};
    const entries: object[] = [];
    for (const platform of platforms) {
      const manifest = await this.platformManifest(repo, tag, platform, format, auth);
      const digest = await this.putManifest(repo, manifest.digest, manifest.body, manifest.mediaType, auth);
      manifestDigests[platform] = digest;
      entries.push({ mediaType: manifest.mediaType, digest, size: manifest.body.length, platform: platformObject(platform) });
    }
    if (attestation && format === 'oci' && platforms.length) {
      // What buildx adds for provenance: an image manifest for the pseudo-platform unknown/unknown.
      const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [repo] }));
      const layer = await this.pushBlob(repo, statement, auth);
      const config = await this.pushBlob(repo, Buffer.from('{}'), auth);
      const body = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
          layers: [{ mediaType: 'application/vnd.in-toto+json', ...layer }],
        }),
      );
      const digest = await this.putManifest(repo, sha256(body), body, OCI_MANIFEST, auth);
      entries.push({
        mediaType: OCI_MANIFEST,
        digest,
        size: body.length,
        platform: { architecture: 'unknown', os: 'unknown' },
        annotations: {
          'vnd.docker.reference.digest': manifestDigests[platforms[0]],
          'vnd.docker.reference.type': 'attestation-manifest',
        },
      });
    }
    const mediaType = format === 'oci' ? OCI_INDEX : DOCKER_LIST;
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests: entries }, null, 2));
    return { indexDigest: await this.putManifest(repo, tag, index, mediaType, auth), manifestDigests };
  }

  private async platformManifest(repo: string, tag: string, platform: string, format: ManifestFormat, auth: string | undefined) {
    const { os: osName, architecture, variant } = platformObject(platform);
    // Not a real tar: the registry stores layers without looking inside, and a unique body gives
    // every repository, tag and platform its own digest.
    const layerData = Buffer.from(`shipshape test layer ${repo}:${tag} ${platform} ${crypto.randomUUID()}\n`);
    const layer = await this.pushBlob(repo, zlib.gzipSync(layerData), auth);
    const configJson = {
      architecture,
      os: osName,
      ...(variant ? { variant } : {}),
      created: new Date().toISOString(),
      config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: [sha256(layerData)] },
    };
    const config = await this.pushBlob(repo, Buffer.from(JSON.stringify(configJson)), auth);
    const docker = format === 'docker';
    const mediaType = docker ? DOCKER_MANIFEST : OCI_MANIFEST;
    const body = Buffer.from(
      JSON.stringify(
        {
          schemaVersion: 2,
          mediaType,
          config: {
            mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
            ...config,
          },
          layers: [
            {
              mediaType: docker
                ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
                : 'application/vnd.oci.image.layer.v1.tar+gzip',
              ...layer,
            },
          ],
        },
        null,
        3,
      ),
    );
    return { body, mediaType, digest: sha256(body) };
  }

  private async pushBlob(repo: string, data: Buffer, auth: string | undefined): Promise<{ digest: string; size: number }> {
    const digest = sha256(data);
    const start = await this.call('POST', `/v2/${repo}/blobs/uploads/`, auth);
    expectStatus(start, 202, `start blob upload to ${repo}`);
    const location = new URL(start.headers.get('location') ?? '', `http://${this.host}`);
    location.searchParams.set('digest', digest);
    const done = await this.call('PUT', location.pathname + location.search, auth, data, 'application/octet-stream');
    expectStatus(done, 201, `upload blob ${digest} to ${repo}`);
    return { digest, size: data.length };
  }

  private async putManifest(
    repo: string,
    reference: string,
    body: Buffer,
    mediaType: string,
    auth: string | undefined,
  ): Promise<string> {
    const response = await this.call('PUT', `/v2/${repo}/manifests/${reference}`, auth, body, mediaType);
    expectStatus(response, 201, `put manifest ${repo}:${reference}`);
    const digest = sha256(body);
    const served = response.headers.get('docker-content-digest');
    if (served !== digest) throw new Error(`registry reported ${served} for a manifest whose digest is ${digest}`);
    return digest;
  }

  private async authorization(repo: string): Promise<string | undefined> {
    if (!this.tokenHost) return undefined;
    const url = `http://${this.tokenHost}/token?service=${SERVICE}&scope=${encodeURIComponent(`repository:${repo}:pull,push`)}`;
    const basic = Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64');
    const response = await fetch(url, { headers: { Authorization: `Basic ${basic}` } });
    expectStatus(response, 200, 'get a push token');
    const { token } = (await response.json()) as { token: string };
    return `Bearer ${token}`;
  }

  private call(
    method: string,
    pathAndQuery: string,
    auth: string | undefined,
    body?: Buffer,
    contentType?: string,
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (auth) headers.Authorization = auth;
    if (contentType) headers['Content-Type'] = contentType;
    return fetch(`http://${this.host}${pathAndQuery}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  }
}

function expectStatus(response: Response, status: number, what: string): void {
  if (response.status !== status) throw new Error(`Could not ${what}: HTTP ${response.status} (expected ${status})`);
}

function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [osName, architecture, variant] = platform.split('/');
  return variant ? { os: osName, architecture, variant } : { os: osName, architecture };
}

// ---------------------------------------------------------------------------------------------
// Stand-ins for misbehaving networks: a server that never answers, and a proxy in front of the
// real registry whose answers a test can replace.

export interface HangingServer {
  host: string;
  /** Requests received (none is ever answered). */
  readonly requests: number;
  stop(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const state = { requests: 0 };
  const server = http.createServer(() => {
    state.requests++;
  });
  const host = await listen(server);
  return {
    host,
    get requests() {
      return state.requests;
    },
    stop: () => closeServer(server),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Return true when the request was answered here; false forwards it to the registry. */
export type Intercept = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => boolean;

export interface Proxy {
  host: string;
  requests: RecordedRequest[];
  /** Applied to every forwarded response's headers, e.g. to drop one. */
  rewriteHeaders?: (headers: http.IncomingHttpHeaders) => http.IncomingHttpHeaders;
  intercept?: Intercept;
  stop(): Promise<void>;
}

export async function startProxy(target: string, intercept?: Intercept): Promise<Proxy> {
  const [targetHost, targetPort] = target.split(':');
  const proxy: Proxy = { host: '', requests: [], intercept, stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const index = proxy.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers }) - 1;
    if (proxy.intercept?.(req, res, index)) return;
    const upstream = http.request(
      {
        host: targetHost,
        port: Number(targetPort),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target },
      },
      (answer) => {
        const headers = proxy.rewriteHeaders ? proxy.rewriteHeaders({ ...answer.headers }) : answer.headers;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  proxy.host = await listen(server);
  proxy.stop = () => closeServer(server);
  return proxy;
}
