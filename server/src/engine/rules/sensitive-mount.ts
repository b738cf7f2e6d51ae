import { insertMapPair, replaceScalarContent, suffixScalar } from '../compose/edits';
import { normaliseHostPath, serviceVolumes, type ServiceVolume } from '../compose/volumes';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';
import type { ComposeModel } from '../compose/model';

// Host paths whose contents are the host (or its secrets): mounting them, or a folder under them, hands it over.
const SENSITIVE = ['/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/var/lib/docker', '/var/run', '/run', '/home'];
// Where reading alone is the breach (the whole host, credentials, other containers' data): flagged
// even read-only. Everything else on the list is flagged when writable, and `:ro` resolves it.
const SECRET_EVEN_READ_ONLY = ['/', '/root', '~/.ssh', '/var/lib/docker', '/home'];

function sensitivePrefix(source: string): string | undefined {
  const path = normaliseHostPath(source);
  if (path === '/') return '/';
  // Under the user's home, only the SSH folder is treated as sensitive (~/ projects are normal binds).
  if (path.startsWith('/home/~')) return path === '/home/~/.ssh' || path.startsWith('/home/~/.ssh/') ? '~/.ssh' : undefined;
  return SENSITIVE.find((prefix) => path === prefix || path.startsWith(prefix + '/'));
}

function readOnlyEdit(model: ComposeModel, volume: ServiceVolume): TextEdit | undefined {
  if (volume.map) return insertMapPair(model, volume.map, ['read_only: true']);
  const raw = volume.raw;
  if (!raw || raw.includes('$')) return undefined;
  const parts = raw.split(':');
  const last = parts[parts.length - 1]!;
  if (parts.length >= 3 && last.split(',').includes('rw')) {
    const modes = last
      .split(',')
      .map((m) => (m === 'rw' ? 'ro' : m))
      .join(',');
    return replaceScalarContent(model, volume.node, [...parts.slice(0, -1), modes].join(':'));
  }
  if (parts.length >= 3 && /^[a-zA-Z,]+$/.test(last)) return suffixScalar(model, volume.node, ',ro');
  return suffixScalar(model, volume.node, ':ro');
}

export default defineRule({
  id: 'sensitive-mount',
  title: 'Sensitive host path mounted',
  category: 'security',
  severity: 'warning',
  refs: { cis: '5.5', cwe: 'CWE-668', kics: ['Volume Has Sensitive Host Directory'], checkov: [], trivy: [] },
  docs: {
    why: "Bind-mounting `/`, /etc, /proc, /sys, /dev, /boot, /root, /var/lib/docker, /var/run, /run, /home or ~/.ssh (or a folder below them) gives the container the host's configuration, credentials, devices or other containers' data; writable, it can change them and escape (CIS Docker Benchmark 5.5). Read-only mounts are fine (/etc/localtime:/etc/localtime:ro, /proc:/host/proc:ro for monitoring agents) except for `/`, /root, /home, ~/.ssh and /var/lib/docker, where reading alone exposes credentials and other containers' data.",
    bad: 'services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc',
    good: 'services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc/ssl/certs:/etc/ssl/certs:ro',
    fix: 'Adds `:ro` (or `read_only: true` in long syntax) when the mount is writable; a read-only mount of a sensitive path still needs a human decision.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const service of model.services) {
      for (const volume of serviceVolumes(model, service)) {
        if (volume.kind !== 'bind' || !volume.source) continue;
        const prefix = sensitivePrefix(volume.source);
        if (!prefix) continue;
        const path = normaliseHostPath(volume.source);
        const readingLeaks = SECRET_EVEN_READ_ONLY.includes(prefix);
        if (volume.readOnly && !readingLeaks) continue;
        // The engine socket is docker-socket's finding.
        if (path.endsWith('.sock')) continue;
        const edit = volume.readOnly ? undefined : readOnlyEdit(model, volume);
        ctx.report({
          range: model.rangeOf(volume.node),
          service: service.name,
          message: `Service "${service.name}" mounts the host's ${volume.source}${prefix !== normaliseHostPath(volume.source) ? ` (under ${prefix})` : ''}${volume.readOnly ? ' read-only' : ', writable'}; mount only the specific files it needs${volume.readOnly ? '' : ', read-only'}`,
          // Read-only still leaks what matters for these paths: offered, but not applied by "fix all".
          fixes: edit ? [{ title: 'Mount it read-only', edits: [edit], preferred: !readingLeaks }] : [],
        });
      }
    }
  },
});
