import { serviceVolumes } from '../compose/volumes';
import { defineRule } from '../rule';

// Container engine API sockets: whoever can write to one controls every container and the host.
const SOCKETS = [
  'docker.sock',
  'containerd.sock',
  'podman.sock',
  'crio.sock',
  'cri-dockerd.sock',
  'dockershim.sock',
  'buildkitd.sock',
];

export default defineRule({
  id: 'docker-socket',
  title: 'Container engine socket mounted',
  category: 'security',
  severity: 'error',
  refs: { cis: '5.31', cwe: 'CWE-250', kics: ['Docker Socket Mounted In Container'], checkov: [], trivy: [] },
  docs: {
    why: "The Docker (or containerd, Podman, CRI-O) socket is the engine's root API: a process that can reach it can start a privileged container that mounts the host's filesystem, so mounting it is root on the host, read-only or not (`:ro` only stops deleting the socket file). Use a socket proxy that allows only the calls the service needs (for example tecnativa/docker-socket-proxy), or rootless Docker.",
    bad: 'services:\n  traefik:\n    image: traefik:v3.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro',
    good: 'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.3\n    environment: [CONTAINERS=1]\n  traefik:\n    image: traefik:v3.2\n    environment: [DOCKER_HOST=tcp://socket-proxy:2375]',
    fix: 'None automatic: put a filtering socket proxy in between, or drop the mount.',
  },
  compose(ctx) {
    for (const service of ctx.model.services) {
      for (const volume of serviceVolumes(ctx.model, service)) {
        if (volume.kind !== 'bind' || !volume.source) continue;
        const name = volume.source.split(/[\\/]/).pop() ?? '';
        if (!SOCKETS.includes(name)) continue;
        ctx.report({
          range: ctx.model.rangeOf(volume.node),
          service: service.name,
          message: `Service "${service.name}" mounts the container engine socket ${volume.source}${volume.readOnly ? ' (read-only does not help: the API still accepts every call)' : ''}: that is root on the host; use a filtering socket proxy instead`,
        });
      }
    }
  },
});
