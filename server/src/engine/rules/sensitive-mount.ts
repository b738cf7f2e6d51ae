import { insertMapPair, replaceScalarContent, suffixScalar } from '../compose/edits';
import { groupByNode, itemRange } from '../compose/fields';
import { fieldOf } from '../compose/reader';
import { servicesLabel, type ComposeModel } from '../compose/model';
import { hostPathOf, normaliseHostPath, serviceVolumes, shownHostPath, UNRESOLVED, type ServiceVolume } from '../compose/volumes';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

interface SensitivePath {
  /** Normalised prefix; `~` is any user's home (`/home/~` after normalisation). */
  prefix: string;
  what: string;
  /** Reading alone is the breach (credentials, the whole host, other containers' data): flagged even read-only. */
  readLeaks: boolean;
}

// CIS Docker Benchmark 5.5 and the paths container escapes go through. Everything on this list is
// flagged when writable; `:ro` resolves the finding except where reading alone leaks.
const SENSITIVE: SensitivePath[] = [
  { prefix: '/etc', what: 'host configuration', readLeaks: false },
  { prefix: '/proc', what: 'kernel and process interfaces', readLeaks: false },
  { prefix: '/sys', what: 'kernel interfaces', readLeaks: false },
  { prefix: '/dev', what: 'host devices', readLeaks: false },
  { prefix: '/boot', what: 'the kernel and boot loader', readLeaks: false },
  { prefix: '/var/run', what: 'host runtime sockets and state', readLeaks: false },
  { prefix: '/run', what: 'host runtime sockets and state', readLeaks: false },
  { prefix: '/root', what: "root's home (keys and credentials)", readLeaks: true },
  { prefix: '/var/lib/docker', what: "every container's data and image layers", readLeaks: true },
];

// Files under /etc that are credentials in themselves.
const ETC_SECRETS: [string, string][] = [
  ['/etc/shadow', 'password hashes'],
  ['/etc/gshadow', 'group password hashes'],
  ['/etc/ssh', 'the SSH host keys'],
  ['/etc/ssl/private', 'TLS private keys'],
];

// Credential folders inside any home directory (~/.ssh, /home/alice/.aws, /root/.kube, ...).
const CREDENTIAL_DIRS: Record<string, string> = {
  '.ssh': 'SSH keys',
  '.aws': 'AWS credentials',
  '.azure': 'Azure credentials',
  '.gnupg': 'GPG keys',
  '.kube': 'Kubernetes credentials',
  '.docker': 'registry credentials',
  '.config/gcloud': 'Google Cloud credentials',
};

// Unix sockets are what a service is meant to talk to (engine sockets are docker-socket's
// findings), and `:ro` does not restrict connecting to one, so they are left out.
function isSocket(path: string): boolean {
  return /\.sock(?:et)?$|_socket$/.test(path) || path === '/dev/log';
}

interface Verdict {
  prefix: string;
  what: string;
  readLeaks: boolean;
}

/**
 * Why a host path is sensitive. Under a home directory, only the home itself and its credential
 * folders count: binding a project folder (`~/src/app`, `/home/alice/app`) is everyday development.
 */
function sensitivity(path: string, partial: boolean): Verdict | undefined {
  const under = (prefix: string) => path === prefix || path.startsWith(prefix + '/');
  if (path === '/') return partial ? undefined : { prefix: '/', what: 'the whole host filesystem', readLeaks: true };
  // `~` was normalised to `/home/~`, so one pattern covers `~/...`, `/home/<user>/...` and `/root/...`.
  const home = /^\/(?:home\/[^/]+|root)(?=\/|$)/.exec(path)?.[0];
  if (home) {
    const inside = path.slice(home.length + 1);
    const label = home === '/home/~' ? '~' : home;
    for (const [dir, what] of Object.entries(CREDENTIAL_DIRS)) {
      if (inside === dir || inside.startsWith(dir + '/')) return { prefix: `${label}/${dir}`, what, readLeaks: true };
    }
    if (path === home && home !== '/root' && !partial)
      return { prefix: label, what: 'a whole home directory (SSH keys, credentials)', readLeaks: true };
  }
  // The whole /etc holds /etc/shadow (password hashes) and the SSH host keys: reading it is the
  // leak, as it is for those files themselves. /etc/localtime:ro and the like stay fine.
  if (path === '/etc' && !partial)
    return { prefix: '/etc', what: 'host configuration, with /etc/shadow and the SSH host keys', readLeaks: true };
  for (const [prefix, what] of ETC_SECRETS) if (under(prefix)) return { prefix, what, readLeaks: true };
  if (path === '/home' && !partial)
    return { prefix: '/home', what: "every user's home directory (SSH keys, credentials)", readLeaks: true };
  return SENSITIVE.find((s) => under(s.prefix));
}

function readOnlyEdit(model: ComposeModel, volume: ServiceVolume): TextEdit | undefined {
  if (volume.map) {
    const existing = fieldOf(model, volume.map, 'read_only');
    if (existing && existing.owner === volume.map && existing.value) return replaceScalarContent(model, existing.value, 'true');
    return insertMapPair(model, volume.map, ['read_only: true']);
  }
  const written = volume.written;
  if (written === undefined) return undefined;
  const parts = written.split(':');
  const last = parts[parts.length - 1]!;
  const modes = last.split(',');
  if (parts.length >= 3 && modes.every((m) => /^[a-zA-Z]+$/.test(m))) {
    if (modes.includes('rw'))
      return replaceScalarContent(
        model,
        volume.node,
        [...parts.slice(0, -1), modes.map((m) => (m === 'rw' ? 'ro' : m)).join(',')].join(':'),
      );
    return suffixScalar(model, volume.node, ',ro');
  }
  // With a variable in the text the last part may be a mode written through it: not guessed at.
  if (written.includes('$') && volume.target?.includes(UNRESOLVED)) return undefined;
  return suffixScalar(model, volume.node, ':ro');
}

export default defineRule({
  id: 'sensitive-mount',
  title: 'Sensitive host path mounted',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cis: '5.5', cwe: 'CWE-668', kics: ['Volume Has Sensitive Host Directory'], checkov: [], trivy: [] },
  docs: {
    why: "Bind-mounting `/`, /etc, /proc, /sys, /dev, /boot, /root, /var/lib/docker, /var/run, /run, a home directory or a credential folder in it (~/.ssh, ~/.aws, ~/.kube, ~/.docker, ~/.gnupg), or a folder below them, gives the container the host's configuration, credentials, devices or other containers' data; writable, it can change them and escape (CIS Docker Benchmark 5.5). Read-only mounts are fine for most of these (/etc/localtime:/etc/localtime:ro, /proc:/host/proc:ro for monitoring agents), but not for `/`, the whole /etc (/etc/shadow, SSH host keys; also /etc/shadow, /etc/gshadow, /etc/ssh and /etc/ssl/private themselves), /root, /var/lib/docker, whole home directories and credential folders, where reading alone is the breach. Long-syntax volumes without `type:` whose `source` is a host path are checked as the bind Compose makes of them (compose-schema reports the missing key). Project folders under a home directory (`~/src/app`) are ordinary binds. Named volumes that bind a host path through `driver_opts` (`o: bind`, `device:`) are checked as the bind they are.",
    bad: 'services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n      - ~/.ssh:/root/.ssh:ro',
    good: 'services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc/ssl/certs:/etc/ssl/certs:ro\n    secrets: [deploy_key]',
    fix: 'Adds `:ro` (or `read_only: true` in long syntax) when the mount is writable. For paths where reading alone leaks, the fix is offered but not applied by "fix all": mount only the specific file the service needs, or use Compose `secrets:`.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { value: volume, services } of groupByNode(model, (service) => serviceVolumes(model, service))) {
      if (volume.kind === 'npipe') continue;
      const written = hostPathOf(volume);
      if (!written) continue;
      const marker = written.indexOf(UNRESOLVED);
      // `/etc/${APP}` is under /etc whatever APP is; `${ROOT}/etc` could be anywhere.
      const known = marker === -1 ? written : written.slice(0, written.lastIndexOf('/', marker));
      if (!known.startsWith('/') && !known.startsWith('~') && !known.startsWith('\\')) continue;
      const path = normaliseHostPath(known);
      if (isSocket(path)) continue;
      const verdict = sensitivity(path, marker !== -1);
      if (!verdict) continue;
      if (volume.readOnly === undefined && !verdict.readLeaks) continue; // mode set through a variable
      if (volume.readOnly && !verdict.readLeaks) continue;
      const shown = shownHostPath(volume, written);
      const under = verdict.prefix !== normaliseHostPath(shown) && verdict.prefix !== shown ? `under ${verdict.prefix}: ` : '';
      const via = volume.boundDevice ? ` through the named volume "${volume.source}"` : '';
      const edit = volume.readOnly === false && !volume.boundDevice ? readOnlyEdit(model, volume) : undefined;
      const advice = volume.readOnly
        ? 'reading it is already the breach: mount only the specific file the service needs, or use Compose secrets:'
        : verdict.readLeaks
          ? 'mount only the specific file the service needs (read-only is not enough here)'
          : 'mount only the specific files it needs, read-only (:ro)';
      ctx.report({
        range: itemRange(model, volume.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'mount' : 'mounts'} the host's ${shown}${via} (${under}${verdict.what}) ${volume.readOnly ? 'read-only' : 'writable'}; ${advice}`,
        // Where reading leaks, read-only is offered as a step but not applied by "fix all".
        fixes: edit ? [{ title: 'Mount it read-only', edits: [edit], preferred: !verdict.readLeaks }] : [],
      });
    }
  },
});
