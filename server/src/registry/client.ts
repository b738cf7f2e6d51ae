// Resolves an image reference to the manifest digest its registry serves today, over the OCI
// Distribution API, so "pin to digest" writes a digest that really exists.
import { createHash } from 'node:crypto';
import packageJson from '../../../package.json';
import { escapeControlCharacters } from '../engine/control-characters';
import { cacheKey, type DigestCache } from './cache';
import { loadCredentials, type RegistryCredentials } from './docker-config';
import { InvalidReferenceError, familiarName, isDigest, parseReference, type ImageReference } from './reference';

export interface ResolvedDigest {
  /** The reference as the caller wrote it. */
  reference: string;
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  mediaType: string;
  /** Platforms of a multi-platform image (`linux/arm64/v8`); empty for a single manifest. */
  platforms: string[];
  /** The platform whose manifest `digest` is, when one was asked for and found. */
  platform?: string;
  /** ISO 8601. */
  resolvedAt: string;
}

export interface RegistryClientOptions {
  /** Per request; default 10000. */
  timeoutMs?: number;
  /**
   * For the whole resolution of one image: every request, retry and wait. A registry that answers
   * a byte at a time stays inside each request's timeout, so only this bounds it. Default twice
   * the request timeout, at least 20000.
   */
  imageBudgetMs?: number;
  /**
   * Extra attempts after network errors, timeouts, 429 and 5xx; default 2, waiting 200 ms * 2^n or
   * as long as a Retry-After header asks, up to 10 s (a longer wait fails at once instead).
   */
  retries?: number;
  cache?: DigestCache;
  dockerConfigPath?: string;
  /** Run `docker-credential-*` helpers named in the Docker config; off by default. */
  useCredentialHelpers?: boolean;
  /** Hosts (`host` or `host:port`) spoken to over plain HTTP; default localhost, 127.0.0.1 and [::1]. */
  plainHttpHosts?: string[];
  fetch?: typeof fetch;
  userAgent?: string;
  now?: () => number;
}

export type RegistryErrorCode =
  'invalid-reference' | 'not-found' | 'unauthorized' | 'timeout' | 'network' | 'bad-response' | 'platform-not-found';

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  /** The HTTP status that caused the error, if any. */
  readonly status?: number;
  constructor(code: RegistryErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const ACCEPT = [MediaTypes.ociIndex, MediaTypes.dockerManifestList, MediaTypes.ociManifest, MediaTypes.dockerManifest].join(', ');
const INDEX_TYPES = new Set<string>([MediaTypes.ociIndex, MediaTypes.dockerManifestList]);
const SINGLE_TYPES = new Set<string>([MediaTypes.ociManifest, MediaTypes.dockerManifest]);
/** The distribution spec lets registries refuse larger manifests, so anything bigger is not one. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const DEFAULT_TOKEN_LIFETIME_S = 60;
const MAX_RETRY_AFTER_MS = 10_000;
const MAX_TOKEN_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const IMAGE_CONFIG_TYPES = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

export interface Challenge {
  /** Lowercase: `bearer` or `basic` for the schemes registries use. */
  scheme: string;
  params: Record<string, string | undefined>;
}

/** The first challenge of a `WWW-Authenticate` header (RFC 7235 auth-params, quoted or not). */
export function parseChallenge(header: string): Challenge | undefined {
  const scheme = /^\s*([A-Za-z][\w-]*)/.exec(header);
  if (!scheme) return undefined;
  const params: Record<string, string> = {};
  // Alternatives inside the quotes are disjoint, so the match stays linear on hostile input.
  const param = /(?:\s|,)*([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))/y;
  param.lastIndex = scheme[0].length;
  for (let m = param.exec(header); m; m = param.exec(header)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme: scheme[1].toLowerCase(), params };
}

interface Reply {
  status: number;
  headers: Headers;
  body: Buffer;
  /** Where the answer came from, after any redirects. */
  url: string;
}

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

interface Target {
  ref: ImageReference;
  /** Aborts when the image's time budget (or the caller's) is spent. */
  budget: AbortSignal;
  /** `node:20`, for messages. */
  name: string;
  url: string;
  scope: string;
  /** What a 404 means, when it is not a missing tag or manifest. */
  notFound?: string;
}

export class RegistryClient {
  private readonly timeoutMs: number;
  private readonly imageBudgetMs: number;
  private readonly retries: number;
  private readonly cache: DigestCache | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly userAgent: string;
  private readonly now: () => number;
  private readonly plainHttpHosts: string[] | undefined;
  private readonly credentials = new Map<string, Promise<RegistryCredentials | undefined>>();
  /** `Authorization` values by registry and scope, reused until they expire or are refused. */
  private readonly authorizations = new Map<string, { value: string; expires: number }>();

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.imageBudgetMs = options.imageBudgetMs ?? Math.max(20_000, 2 * this.timeoutMs);
    this.retries = Math.max(0, options.retries ?? 2);
    this.cache = options.cache;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.userAgent = options.userAgent ?? `shipshape/${packageJson.version}`;
    this.now = options.now ?? Date.now;
    this.plainHttpHosts = options.plainHttpHosts?.map((h) => h.toLowerCase());
  }

  /**
   * The digest `reference` points to now. `signal` is the caller's own budget (a whole run's);
   * the client adds one per image.
   */
  async resolve(reference: string, opts: { platform?: string; signal?: AbortSignal } = {}): Promise<ResolvedDigest> {
    let ref: ImageReference;
    try {
      ref = parseReference(reference);
    } catch (error) {
      if (error instanceof InvalidReferenceError) throw new RegistryError('invalid-reference', error.message);
      throw error;
    }
    const wanted = opts.platform === undefined ? undefined : parsePlatform(opts.platform);
    const key = cacheKey(ref.registry, ref.repository, ref.tag, ref.digest, wanted ? formatPlatform(wanted) : '');
    const cached = await this.cache?.get(key, this.now()).catch(() => undefined);
    // Cache files are only as trustworthy as whatever else can write them.
    if (cached && isDigest(cached.digest) && isPlainMetadata(cached)) return { ...cached, reference: reference.trim() };

    const perImage = AbortSignal.timeout(this.imageBudgetMs);
    const budget = opts.signal ? AbortSignal.any([perImage, opts.signal]) : perImage;
    let result: ResolvedDigest;
    try {
      result = await this.fetchDigest(reference.trim(), ref, wanted, budget);
    } catch (error) {
      if (!budget.aborted) throw error;
      const why = opts.signal?.aborted
        ? 'the time budget of this run is spent'
        : `${ref.registry} took longer than ${this.imageBudgetMs} ms in all for ${familiarName(ref)} (the time budget for one image)`;
      throw new RegistryError('timeout', why, { cause: error });
    }
    if (!isDigest(result.digest)) throw new RegistryError('bad-response', `${ref.registry} answered an invalid digest`);
    // A cache that cannot be written only costs a request next time.
    await this.cache?.set(key, result).catch(() => undefined);
    return result;
  }

  private async fetchDigest(
    reference: string,
    ref: ImageReference,
    wanted: Platform | undefined,
    budget: AbortSignal,
  ): Promise<ResolvedDigest> {
    const target: Target = {
      ref,
      budget,
      name: familiarName(ref),
      url: `${this.baseUrl(ref.registry)}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag}`,
      scope: `repository:${ref.repository}:pull`,
    };
    const base = { reference, registry: ref.registry, repository: ref.repository, tag: ref.tag };
    const resolvedAt = () => new Date(this.now()).toISOString();

    // Always the manifest itself, never a HEAD's Docker-Content-Digest alone: a digest is written
    // into files and cached only once the bytes it names have been seen and hashed.
    const reply = await this.send('GET', target);
    const digest = verifiedDigest(reply, target);
    const manifest = parseManifest(reply.body, target);
    const mediaType =
      typeof manifest.mediaType === 'string' ? manifest.mediaType : contentType(reply.headers) || guessType(manifest);
    // An error page or a schema-1 manifest hashes to a digest too, but nothing can pull by it.
    if (!INDEX_TYPES.has(mediaType) && !SINGLE_TYPES.has(mediaType)) {
      const what = mediaType.includes('manifest.v1')
        ? 'a schema-1 manifest, which registries no longer serve by digest'
        : shown(mediaType);
      throw new RegistryError(
        'bad-response',
        `${target.ref.registry} answered ${target.name} with ${what}, not an image manifest or index`,
      );
    }
    if (!INDEX_TYPES.has(mediaType)) {
      if (!wanted) return { ...base, digest, mediaType, platforms: [], resolvedAt: resolvedAt() };
      const platform = await this.singlePlatform(target, manifest, wanted);
      return { ...base, digest, mediaType, platforms: [], platform, resolvedAt: resolvedAt() };
    }

    const children = (Array.isArray(manifest.manifests) ? manifest.manifests : []).flatMap((d) => describe(d));
    const platforms = [...new Set(children.map((c) => c.platform))];
    if (!wanted) return { ...base, digest, mediaType, platforms, resolvedAt: resolvedAt() };
    const match = selectPlatform(children, wanted);
    if (!match) {
      const available = platforms.length ? platforms.join(', ') : 'none';
      throw new RegistryError(
        'platform-not-found',
        `${target.name} has no ${formatPlatform(wanted)} image (available: ${available})`,
      );
    }
    if (!isDigest(match.digest)) {
      throw new RegistryError('bad-response', `The index of ${target.name} lists an invalid digest for ${match.platform}`);
    }
    return {
      ...base,
      digest: match.digest,
      mediaType: match.mediaType,
      platforms,
      platform: match.platform,
      resolvedAt: resolvedAt(),
    };
  }

  /**
   * The platform of a single-platform image, from its config blob, when it is the one asked for:
   * pinning `--platform linux/arm64` to an amd64-only image would pin something that cannot run there.
   */
  private async singlePlatform(target: Target, manifest: Manifest, wanted: Platform): Promise<string> {
    const config = (manifest as { config?: Descriptor }).config;
    const digest = config && typeof config === 'object' ? config.digest : undefined;
    if (!isDigest(digest) || typeof config?.mediaType !== 'string' || !IMAGE_CONFIG_TYPES.has(config.mediaType)) {
      throw new RegistryError(
        'platform-not-found',
        `${target.name} is not a multi-platform image and names no platform, so it cannot be pinned for ${formatPlatform(wanted)}`,
      );
    }
    const reply = await this.send('GET', {
      ...target,
      url: `${this.baseUrl(target.ref.registry)}/v2/${target.ref.repository}/blobs/${digest}`,
      notFound: `The image config of ${target.name} (${digest}) is missing from ${target.ref.registry}`,
    });
    if (hashOf(reply.body, digest) !== digest) {
      throw new RegistryError('bad-response', `The image config of ${target.name} does not match its digest ${digest}`);
    }
    let parsed: { os?: unknown; architecture?: unknown; variant?: unknown } | null = null;
    try {
      parsed = JSON.parse(reply.body.toString('utf8'));
    } catch {
      // reported below
    }
    const { os, architecture, variant } = parsed && typeof parsed === 'object' ? parsed : {};
    const plain = (part: unknown): part is string => typeof part === 'string' && PLATFORM_PART.test(part);
    if (!plain(os) || !plain(architecture) || (typeof variant === 'string' && variant !== '' && !plain(variant))) {
      throw new RegistryError('bad-response', `The image config of ${target.name} names no platform`);
    }
    const own = { os, architecture, variant: typeof variant === 'string' ? variant : '' };
    const child: Child = { digest, mediaType: config.mediaType, platform: formatPlatform(own), parsed: own };
    if (!selectPlatform([child], wanted)) {
      throw new RegistryError(
        'platform-not-found',
        `${target.name} is a single-platform image for ${child.platform}, not ${formatPlatform(wanted)}`,
      );
    }
    return child.platform;
  }

  /** One request with authentication; throws for statuses that end the resolution. */
  private async send(method: 'GET', target: Target): Promise<Reply> {
    const { registry } = target.ref;
    const authKey = `${registry}|${target.scope}`;
    const cached = this.authorizations.get(authKey);
    let authorization = cached && cached.expires > this.now() ? cached.value : undefined;
    let reply = await this.request(target.url, { method, headers: this.headers(authorization) }, registry, target.budget);
    if (reply.status === 401) {
      // A redirect (to a CDN or storage backend) is followed without credentials; a challenge from
      // there is not the registry's, and answering it would send this registry's credentials to
      // whichever host the redirect named.
      const from = new URL(reply.url);
      if (from.origin !== new URL(target.url).origin) {
        throw new RegistryError(
          'unauthorized',
          `${registry} redirected ${target.name} to ${from.host}, which asks for credentials; ${registry}'s credentials are not sent there`,
          { status: 401 },
        );
      }
      this.authorizations.delete(authKey);
      authorization = await this.authenticate(reply.headers.get('www-authenticate'), target, authKey);
      reply = await this.request(target.url, { method, headers: this.headers(authorization) }, registry, target.budget);
    }
    if (reply.status === 401 || reply.status === 403) {
      throw new RegistryError(
        'unauthorized',
        `${registry} refused access to ${target.name} (${reply.status}): the repository does not exist or needs credentials (docker login ${registry})`,
        { status: reply.status },
      );
    }
    if (reply.status === 404) {
      const what = target.ref.digest ? `manifest ${target.ref.digest}` : `tag "${target.ref.tag}"`;
      const message = target.notFound ?? `Image ${target.name} not found: ${registry} has no ${what} in ${target.ref.repository}`;
      throw new RegistryError('not-found', message, { status: 404 });
    }
    if (reply.status === 429 || reply.status >= 500) {
      throw new RegistryError('bad-response', `${registry} answered ${reply.status} for ${target.name}; try again later`, {
        status: reply.status,
      });
    }
    if (reply.status !== 200) {
      throw new RegistryError('bad-response', `${registry} answered ${reply.status} for ${target.name}`, {
        status: reply.status,
      });
    }
    return reply;
  }

  private async authenticate(header: string | null, target: Target, authKey: string): Promise<string> {
    const { registry } = target.ref;
    const challenge = header ? parseChallenge(header) : undefined;
    if (!challenge || (challenge.scheme !== 'bearer' && challenge.scheme !== 'basic')) {
      throw new RegistryError('unauthorized', `${registry} requires authentication with an unsupported challenge`, {
        status: 401,
      });
    }
    const creds = await this.credentialsFor(registry);
    if (challenge.scheme === 'basic') {
      if (!creds?.username) {
        throw new RegistryError(
          'unauthorized',
          `${registry} requires credentials for ${target.name} (docker login ${registry})`,
          {
            status: 401,
          },
        );
      }
      const value = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
      this.authorizations.set(authKey, { value, expires: Number.POSITIVE_INFINITY });
      return value;
    }
    const { token, expiresIn } = await this.fetchToken(challenge, target, creds);
    const value = `Bearer ${token}`;
    // Renew a little early so a token does not expire between two requests of one resolution.
    this.authorizations.set(authKey, { value, expires: this.now() + Math.max(0, expiresIn - 10) * 1000 });
    return value;
  }

  private async fetchToken(challenge: Challenge, target: Target, creds: RegistryCredentials | undefined) {
    const { registry } = target.ref;
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm ?? '');
    } catch {
      throw new RegistryError('bad-response', `${registry} sent a Bearer challenge without a valid realm`);
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
      throw new RegistryError('bad-response', `${registry} sent a Bearer challenge with an unsupported realm`);
    }
    // Credentials never travel in clear text, except to hosts that are plain HTTP by configuration.
    const mayUseCreds = creds && (realm.protocol === 'https:' || this.isPlainHttp(realm.host));
    const params = new URLSearchParams();
    if (challenge.params.service) params.set('service', challenge.params.service);
    params.set('scope', challenge.params.scope ?? target.scope);
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, Accept: 'application/json' };
    let init: RequestInit;
    if (mayUseCreds && creds.identityToken) {
      params.set('grant_type', 'refresh_token');
      params.set('refresh_token', creds.identityToken);
      params.set('client_id', 'shipshape');
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init = { method: 'POST', headers, body: params.toString() };
    } else {
      if (mayUseCreds && creds.username) {
        headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
      }
      for (const [k, v] of params) realm.searchParams.append(k, v);
      init = { method: 'GET', headers };
    }
    const reply = await this.request(realm.href, init, realm.host, target.budget, { sameOriginRedirects: true });
    if (reply.status === 401 || reply.status === 403) {
      throw new RegistryError('unauthorized', `The token service for ${registry} rejected the credentials (${reply.status})`, {
        status: reply.status,
      });
    }
    if (reply.status !== 200) {
      throw new RegistryError('bad-response', `The token service for ${registry} answered ${reply.status}`, {
        status: reply.status,
      });
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(reply.body.toString('utf8'));
    } catch {
      throw new RegistryError('bad-response', `The token service for ${registry} did not answer JSON`);
    }
    if (!body || typeof body !== 'object') {
      throw new RegistryError('bad-response', `The token service for ${registry} answered without a token`);
    }
    const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
    if (typeof token !== 'string' || !token) {
      throw new RegistryError('bad-response', `The token service for ${registry} answered without a token`);
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    return { token, expiresIn };
  }

  /**
   * A request with timeout and retries; the body is read inside the attempt so a stalled body is
   * retried too. With `sameOriginRedirects` (requests that carry credentials in their body or
   * headers) only redirects to the same scheme, host and port are followed.
   */
  private async request(
    url: string,
    init: RequestInit,
    host: string,
    budget: AbortSignal,
    opts: { sameOriginRedirects?: boolean } = {},
  ): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.retries;
      // resolve() turns this into the message that names the budget.
      if (budget.aborted) throw new RegistryError('timeout', `${host}: time budget spent`);
      try {
        const signal = AbortSignal.any([AbortSignal.timeout(this.timeoutMs), budget]);
        const response = opts.sameOriginRedirects
          ? await this.fetchSameOrigin(url, init, host, signal)
          : await this.fetchImpl(url, { ...init, redirect: 'follow', signal });
        // fetch follows an https -> http redirect; a manifest (and its digest header) read over plain
        // HTTP could have been rewritten on the way, so that answer is not used.
        if (url.startsWith('https:') && response.url.startsWith('http:')) {
          throw new RegistryError(
            'bad-response',
            `${host} redirected to plain HTTP (${new URL(response.url).host}); refusing the answer`,
          );
        }
        const body = await readBody(response, host);
        if (!last && (response.status === 429 || response.status >= 500)) {
          const wait = retryDelay(response.headers.get('retry-after'), attempt, this.now());
          // Waiting longer than a person would for one answer fails now, with the status.
          if (wait !== undefined) {
            await sleep(wait, budget);
            continue;
          }
        }
        return { status: response.status, headers: response.headers, body, url: response.url || url };
      } catch (error) {
        const failure = error instanceof RegistryError ? error : networkError(error, host, this.timeoutMs);
        if (last || failure.code === 'bad-response' || budget.aborted) throw failure;
        await sleep(200 * 2 ** attempt, budget);
      }
    }
  }

  // Fetch's own redirect handling would resend a POST body (a refresh token) to any host, or
  // over plain HTTP, that a token service's redirect names.
  private async fetchSameOrigin(url: string, init: RequestInit, host: string, signal: AbortSignal): Promise<Response> {
    const origin = new URL(url).origin;
    let current = url;
    let currentInit = init;
    for (let hop = 0; ; hop++) {
      const response = await this.fetchImpl(current, { ...currentInit, redirect: 'manual', signal });
      if (!REDIRECT_STATUSES.has(response.status)) return response;
      await response.body?.cancel().catch(() => undefined);
      let next: URL | undefined;
      try {
        next = new URL(response.headers.get('location') ?? '', current);
      } catch {
        // reported below
      }
      if (!next || !response.headers.get('location') || next.origin !== origin) {
        const where = next ? ` to ${next.protocol === 'http:' && next.host === host ? 'plain HTTP' : next.host}` : '';
        throw new RegistryError(
          'bad-response',
          `${host} redirected a token request${where}; credentials go only to the token service's own address`,
        );
      }
      if (hop >= MAX_TOKEN_REDIRECTS) {
        throw new RegistryError('bad-response', `${host} redirected a token request more than ${MAX_TOKEN_REDIRECTS} times`);
      }
      // As fetch does: 307 and 308 repeat the request, the others turn a POST into a GET without its body.
      if (response.status !== 307 && response.status !== 308 && currentInit.method === 'POST') {
        const headers = { ...(currentInit.headers as Record<string, string>) };
        delete headers['Content-Type'];
        currentInit = { method: 'GET', headers };
      }
      current = next.href;
    }
  }

  private headers(authorization: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { Accept: ACCEPT, 'User-Agent': this.userAgent };
    if (authorization) headers.Authorization = authorization;
    return headers;
  }

  private credentialsFor(registry: string): Promise<RegistryCredentials | undefined> {
    let creds = this.credentials.get(registry);
    if (!creds) {
      creds = loadCredentials(registry, {
        configPath: this.options.dockerConfigPath,
        useCredentialHelpers: this.options.useCredentialHelpers ?? false,
      }).catch(() => undefined);
      this.credentials.set(registry, creds);
    }
    return creds;
  }

  private baseUrl(host: string): string {
    return `${this.isPlainHttp(host) ? 'http' : 'https'}://${host}`;
  }

  private isPlainHttp(host: string): boolean {
    const lower = host.toLowerCase();
    const hostname = lower.startsWith('[') ? lower.slice(0, lower.indexOf(']') + 1) : lower.split(':')[0];
    if (this.plainHttpHosts) return this.plainHttpHosts.includes(lower) || this.plainHttpHosts.includes(hostname);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  }
}

async function readBody(response: Response, host: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_MANIFEST_BYTES) {
    await response.body.cancel().catch(() => undefined);
    throw new RegistryError('bad-response', `${host} sent a ${declared}-byte response, larger than any manifest`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_MANIFEST_BYTES) throw new RegistryError('bad-response', `${host} sent a response larger than any manifest`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function networkError(error: unknown, host: string, timeoutMs: number): RegistryError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RegistryError('timeout', `${host} did not answer within ${timeoutMs} ms`, { cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const detail =
    (cause as NodeJS.ErrnoException | undefined)?.code ?? cause?.message ?? (error instanceof Error ? error.message : '');
  return new RegistryError('network', `Could not reach ${host}${detail ? `: ${detail}` : ''}`, { cause: error });
}

/** How long to wait before the next attempt, or undefined when the server asks for longer than is worth waiting. */
function retryDelay(retryAfter: string | null, attempt: number, now: number): number | undefined {
  const backoff = 200 * 2 ** attempt;
  const value = retryAfter?.trim();
  if (!value) return backoff;
  const asked = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (Number.isNaN(asked)) return backoff;
  return asked > MAX_RETRY_AFTER_MS ? undefined : Math.max(backoff, asked);
}

/** Waits, but no longer than the budget lasts (the next attempt then sees it spent). */
function sleep(ms: number, budget: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    budget.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      budget.removeEventListener('abort', done);
      resolve();
    }
  });
}

function contentType(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** `algorithm:hex` of the bytes, in the algorithm `digest` names (sha256 unless it says sha512). */
function hashOf(body: Buffer, digest = 'sha256:'): string {
  const algorithm = digest.startsWith('sha512:') ? 'sha512' : 'sha256';
  return `${algorithm}:${createHash(algorithm).update(body).digest('hex')}`;
}

/** sha256 of the exact bytes served, checked against what the registry and the reference claim. */
function verifiedDigest(reply: Reply, target: Target): string {
  const computed = hashOf(reply.body);
  for (const claimed of [reply.headers.get('docker-content-digest'), target.ref.digest]) {
    if (!claimed) continue;
    const algorithm = claimed.split(':', 1)[0];
    // Other algorithms cannot be checked here; the digest used is the one computed above.
    if (algorithm !== 'sha256' && algorithm !== 'sha512') continue;
    if (!isDigest(claimed)) {
      throw new RegistryError('bad-response', `${target.ref.registry} sent a malformed digest for ${target.name}`);
    }
    if (hashOf(reply.body, claimed) !== claimed)
      throw new RegistryError('bad-response', `The manifest of ${target.name} does not match its digest ${claimed}`);
  }
  return computed;
}

interface Manifest {
  mediaType?: unknown;
  manifests?: unknown;
}

function parseManifest(body: Buffer, target: Target): Manifest {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Manifest;
  } catch {
    // reported below
  }
  throw new RegistryError('bad-response', `${target.ref.registry} sent a manifest for ${target.name} that is not JSON`);
}

function guessType(manifest: Manifest): string {
  return Array.isArray(manifest.manifests) ? MediaTypes.ociIndex : MediaTypes.ociManifest;
}

interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

interface Child {
  digest: string;
  mediaType: string;
  platform: string;
  parsed: Platform;
}

// Registry answers reach terminals, CI logs, the cache and hovers: platform names and media types
// are used only when they have the shape the specs give them (`linux`, `arm64`, `v8`;
// `application/vnd.oci.image.manifest.v1+json`), so they carry no control characters or markup.
const PLATFORM_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]{0,126}\/[A-Za-z0-9][\w.+-]{0,126}$/;
const PLATFORM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){1,2}$/;

/** Whether a resolution's registry-supplied strings have their specified shapes (cache entries are checked again). */
function isPlainMetadata(r: ResolvedDigest): boolean {
  return (
    typeof r.mediaType === 'string' &&
    MEDIA_TYPE.test(r.mediaType) &&
    Array.isArray(r.platforms) &&
    r.platforms.every((p) => typeof p === 'string' && PLATFORM.test(p)) &&
    (r.platform === undefined || (typeof r.platform === 'string' && PLATFORM.test(r.platform)))
  );
}

/** A registry-supplied string for a message: quoted, control characters visible, and short. */
function shown(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return `"${escapeControlCharacters(short, { tabs: true })}"`;
}

/** An index entry as a platform image; attestations (`unknown/unknown`) and entries without a platform are not. */
function describe(entry: unknown): Child[] {
  const d = entry as Descriptor;
  if (!d || typeof d !== 'object' || typeof d.digest !== 'string' || !d.platform) return [];
  const { os, architecture, variant } = d.platform;
  if (typeof os !== 'string' || typeof architecture !== 'string' || os === 'unknown' || architecture === 'unknown') return [];
  // An entry whose platform is not made of platform names cannot be the one asked for, and is not shown.
  if (!PLATFORM_PART.test(os) || !PLATFORM_PART.test(architecture)) return [];
  if (typeof variant === 'string' && variant !== '' && !PLATFORM_PART.test(variant)) return [];
  const parsed = { os, architecture, variant: typeof variant === 'string' ? variant : '' };
  const mediaType = typeof d.mediaType === 'string' && MEDIA_TYPE.test(d.mediaType) ? d.mediaType : MediaTypes.ociManifest;
  return [{ digest: d.digest, mediaType, platform: formatPlatform(parsed), parsed }];
}

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', i386: '386' };

function parsePlatform(input: string): Platform {
  const parts = input.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9._-]+$/.test(p))) {
    throw new RegistryError('invalid-reference', `Invalid platform "${input}": expected os/arch or os/arch/variant`);
  }
  return { os: parts[0], architecture: ARCH_ALIASES[parts[1]] ?? parts[1], variant: parts[2] ?? '' };
}

function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** The variant a platform means when it names none, as containerd's normaliser has it. */
function effectiveVariant(p: Platform): string {
  if (p.architecture === 'arm64') return p.variant === 'v8' ? '' : p.variant;
  if (p.architecture === 'arm') return p.variant || 'v7';
  return p.variant;
}

function selectPlatform(children: Child[], wanted: Platform): Child | undefined {
  const sameArch = children.filter((c) => c.parsed.os === wanted.os && canonicalArch(c.parsed) === wanted.architecture);
  const variant = effectiveVariant(wanted);
  const exact = sameArch.find((c) => effectiveVariant({ ...c.parsed, architecture: canonicalArch(c.parsed) }) === variant);
  // Without a variant the caller takes any build for the architecture, as `docker pull --platform` does.
  return exact ?? (wanted.variant ? undefined : sameArch[0]);
}

function canonicalArch(p: Platform): string {
  return ARCH_ALIASES[p.architecture] ?? p.architecture;
}
