// Registry credentials from the Docker CLI's config file. Credential helpers are programs on the
// user's PATH, so they run only when the caller opts in: an editor must not execute them just
// because a Dockerfile was opened.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface RegistryCredentials {
  username?: string;
  password?: string;
  /** An OAuth refresh token (`identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
}

export interface DockerConfigOptions {
  /** The config file; default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. */
  configPath?: string;
  useCredentialHelpers?: boolean;
  helperTimeoutMs?: number;
}

interface AuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
}

interface DockerConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
}

const DOCKER_HUB_HOSTS = ['index.docker.io', 'registry-1.docker.io', 'docker.io', 'registry.hub.docker.com'];
/** The key `docker login` writes for Docker Hub, and the server URL its helpers are asked for. */
const DOCKER_HUB_LEGACY_KEY = 'https://index.docker.io/v1/';
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/** Credentials for a registry host, or undefined when the config has none (or cannot be read). */
export async function loadCredentials(host: string, options: DockerConfigOptions = {}): Promise<RegistryCredentials | undefined> {
  const config = readConfig(options.configPath ?? defaultDockerConfigPath());
  if (!config) return undefined;
  const hub = isDockerHub(host);
  const wanted = hub ? new Set(DOCKER_HUB_HOSTS) : new Set([host.toLowerCase()]);

  if (options.useCredentialHelpers) {
    const helper = findByHost(config.credHelpers, wanted) ?? config.credsStore;
    if (typeof helper === 'string' && helper) {
      const fromHelper = await runHelper(helper, hub ? DOCKER_HUB_LEGACY_KEY : host, options.helperTimeoutMs ?? 5000);
      if (fromHelper) return fromHelper;
    }
  }

  // `docker login` writes Docker Hub under its legacy URL; prefer it when several aliases exist.
  const entry = (hub ? config.auths?.[DOCKER_HUB_LEGACY_KEY] : undefined) ?? findByHost(config.auths, wanted);
  return entry && typeof entry === 'object' ? fromAuthEntry(entry) : undefined;
}

export function isDockerHub(host: string): boolean {
  return DOCKER_HUB_HOSTS.includes(host.toLowerCase());
}

function readConfig(file: string): DockerConfigFile | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as DockerConfigFile) : undefined;
  } catch {
    return undefined;
  }
}

/** Config keys may be bare hosts or URLs (`https://ghcr.io`, `http://localhost:5000/v2/`), as the Docker CLI accepts. */
function keyHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]
    .toLowerCase();
}

function findByHost<T>(map: Record<string, T> | undefined, hosts: Set<string>): T | undefined {
  if (!map || typeof map !== 'object') return undefined;
  for (const [key, value] of Object.entries(map)) {
    if (hosts.has(keyHost(key))) return value;
  }
  return undefined;
}

function fromAuthEntry(entry: AuthEntry): RegistryCredentials | undefined {
  const creds: RegistryCredentials = {};
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      creds.username = decoded.slice(0, colon);
      creds.password = decoded.slice(colon + 1);
    }
  }
  if (!creds.username && typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username) {
    creds.username = entry.username;
    creds.password = entry.password;
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) creds.identityToken = entry.identitytoken;
  return creds.username || creds.identityToken ? creds : undefined;
}

/** Runs `docker-credential-<name> get`; any failure means "no credentials", never an error with the secret in it. */
function runHelper(name: string, serverUrl: string, timeoutMs: number): Promise<RegistryCredentials | undefined> {
  if (!HELPER_NAME.test(name)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = execFile(
      `docker-credential-${name}`,
      ['get'],
      { timeout: timeoutMs, maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        if (error) return resolve(undefined);
        try {
          const parsed = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
          if (typeof parsed.Secret !== 'string' || !parsed.Secret) return resolve(undefined);
          // Helpers mark an identity token with this placeholder user name.
          if (parsed.Username === '<token>') return resolve({ identityToken: parsed.Secret });
          if (typeof parsed.Username !== 'string' || !parsed.Username) return resolve(undefined);
          resolve({ username: parsed.Username, password: parsed.Secret });
        } catch {
          resolve(undefined);
        }
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}
