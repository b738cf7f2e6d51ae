// Resolved digests outlive one editor session so that typing a FROM line does not hit the
// registry every time, and so a hover can later say where a pinned digest came from.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ResolvedDigest } from './client';
import { isDigest } from './reference';

export interface DigestCache {
  /** A fresh entry for the key, judged against `now` (ms since the epoch) when given. */
  get(key: string, now?: number): Promise<ResolvedDigest | undefined>;
  set(key: string, value: ResolvedDigest): Promise<void>;
  /** The most recent resolution that produced this digest, however old. */
  lookupByDigest(digest: string): Promise<ResolvedDigest | undefined>;
}

export interface FileDigestCacheOptions {
  /** Default `$XDG_CACHE_HOME/shipshape` or `~/.cache/shipshape`. */
  dir?: string;
  /** Default `digests.json`. */
  fileName?: string;
  /** How long an entry answers `get`; default one hour. */
  ttlMs?: number;
  /** Entries kept on disk; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

interface CacheFile {
  version: 1;
  entries: Record<string, ResolvedDigest>;
}

export const DEFAULT_TTL_MS = 60 * 60 * 1000;

/**
 * The write in progress per cache file, so that concurrent set() calls in this process (the CLI
 * resolves several images at once; the editor can hold more than one cache object for a file)
 * run one after another instead of each writing back what it read before the others wrote.
 */
const pendingWrites = new Map<string, Promise<void>>();

/** `registry/repository:tag|platform`, or `registry/repository@digest|platform` for a digest-only reference. */
export function cacheKey(registry: string, repository: string, tag: string, digest: string | undefined, platform = ''): string {
  const version = tag ? `:${tag}` : `@${digest ?? ''}`;
  return `${registry}/${repository}${version}|${platform}`;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'shipshape');
}

export class FileDigestCache implements DigestCache {
  readonly file: string;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: FileDigestCacheOptions = {}) {
    this.file = path.join(options.dir ?? defaultCacheDir(), options.fileName ?? 'digests.json');
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  async get(key: string, now = this.now()): Promise<ResolvedDigest | undefined> {
    const entry = (await this.read()).entries[key];
    if (!entry) return undefined;
    const age = now - Date.parse(entry.resolvedAt);
    return age >= 0 && age < this.ttlMs ? entry : undefined;
  }

  async set(key: string, value: ResolvedDigest): Promise<void> {
    if (!isResolvedDigest(value)) throw new TypeError('Not a resolved digest; the cache stores only valid entries');
    const file = path.resolve(this.file);
    const previous = pendingWrites.get(file) ?? Promise.resolve();
    const write = previous.then(() => this.merge(key, value));
    const settled = write.catch(() => undefined);
    pendingWrites.set(file, settled);
    void settled.then(() => {
      if (pendingWrites.get(file) === settled) pendingWrites.delete(file);
    });
    return write;
  }

  /**
   * Adds one entry to the file as it is now, read afresh just before writing it back, so entries
   * other processes wrote in the meantime survive (all but one landing between this read and the
   * rename).
   */
  private async merge(key: string, value: ResolvedDigest): Promise<void> {
    const data = await this.read();
    data.entries[key] = value;
    const keys = Object.keys(data.entries);
    if (keys.length > this.maxEntries) {
      keys.sort((a, b) => Date.parse(data.entries[a].resolvedAt) - Date.parse(data.entries[b].resolvedAt));
      for (const old of keys.slice(0, keys.length - this.maxEntries)) delete data.entries[old];
    }
    await this.write(data);
  }

  async lookupByDigest(digest: string): Promise<ResolvedDigest | undefined> {
    let best: ResolvedDigest | undefined;
    for (const entry of Object.values((await this.read()).entries)) {
      if (entry.digest === digest && (!best || Date.parse(entry.resolvedAt) > Date.parse(best.resolvedAt))) best = entry;
    }
    return best;
  }

  /**
   * A missing, unreadable or corrupt file is an empty cache: it only ever saves a request. Entries
   * that are malformed (a digest that is not one, say) are dropped, so they read as misses.
   */
  private async read(): Promise<CacheFile> {
    const empty: CacheFile = { version: 1, entries: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.promises.readFile(this.file, 'utf8'));
    } catch {
      return empty;
    }
    if (!parsed || typeof parsed !== 'object') return empty;
    const entries = (parsed as { entries?: unknown }).entries;
    if (!entries || typeof entries !== 'object') return empty;
    for (const [key, value] of Object.entries(entries)) {
      if (isResolvedDigest(value)) empty.entries[key] = value;
    }
    return empty;
  }

  // Rename is atomic, so a concurrent reader (another editor window, the CLI) sees the old file or
  // the new one, never half of one.
  private async write(data: CacheFile): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, `${JSON.stringify(data)}\n`, { mode: 0o600 });
      await fs.promises.rename(temp, this.file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }
}

function isResolvedDigest(value: unknown): value is ResolvedDigest {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.reference === 'string' &&
    typeof v.registry === 'string' &&
    typeof v.repository === 'string' &&
    typeof v.tag === 'string' &&
    isDigest(v.digest) &&
    typeof v.mediaType === 'string' &&
    Array.isArray(v.platforms) &&
    v.platforms.every((p) => typeof p === 'string') &&
    (v.platform === undefined || typeof v.platform === 'string') &&
    typeof v.resolvedAt === 'string' &&
    !Number.isNaN(Date.parse(v.resolvedAt))
  );
}
