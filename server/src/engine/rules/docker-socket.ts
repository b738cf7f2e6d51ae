import { entriesOf, scalarString, servicesLabel } from '../compose/model';
import { groupByNode, itemRange, parseComposeBool } from '../compose/fields';
import { hostPathOf, serviceVolumes, shownHostPath, UNRESOLVED } from '../compose/volumes';
import { defineRule } from '../rule';

// Container engine API endpoints: whoever can write to one controls every container and the host.
// docker.sock.raw is Docker Desktop's host-side socket; docker_engine is the Windows named pipe.
const SOCKETS = new Set([
  'docker.sock',
  'docker.sock.raw',
  'docker_engine',
  'containerd.sock',
  'podman.sock',
  'crio.sock',
  'cri-dockerd.sock',
  'dockershim.sock',
  'buildkitd.sock',
]);

function socketName(path: string): string | undefined {
  const name = path.split(/[\\/]/).pop() ?? '';
  return !name.includes(UNRESOLVED) && SOCKETS.has(name) ? name : undefined;
}

export default defineRule({
  id: 'docker-socket',
  title: 'Container engine socket mounted',
  category: 'security',
  severity: 'error',
  refs: { cis: '5.31', cwe: 'CWE-250', kics: ['Docker Socket Mounted In Container'], checkov: [], trivy: [] },
  docs: {
    why: "The Docker (or containerd, Podman, CRI-O) socket is the engine's root API: a process that can reach it can start a privileged container that mounts the host's filesystem, so mounting it is root on the host, read-only or not (`:ro` only stops replacing the socket file; every API call still works). `use_api_socket: true` mounts it too, and so does a mount whose source is set by a variable (`${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock`) when its target is the engine socket's path: the image expects the socket there. Long-syntax volumes without `type:` are judged by their `source`. Put a socket proxy that allows only the calls the service needs in between (for example tecnativa/docker-socket-proxy), or use rootless Docker.",
    bad: 'services:\n  traefik:\n    image: traefik:v3.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro',
    good: 'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.3\n    environment: [CONTAINERS=1]\n    # shipshape-ignore docker-socket -- the proxy answers container reads only\n    volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]\n  traefik:\n    image: traefik:v3.2\n    environment: [DOCKER_HOST=tcp://socket-proxy:2375]',
    fix: 'None automatic: put a filtering socket proxy in between (suppress the finding on the proxy itself with a reason), or drop the mount.',
  },
  compose(ctx) {
    const { model } = ctx;
    for (const { value: volume, services } of groupByNode(model, (service) => serviceVolumes(model, service))) {
      const path = hostPathOf(volume);
      // `${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z`: the source is (partly) a variable, but a
      // socket mounted where the engine socket lives is the engine socket (the image expects one there).
      const throughVariable =
        volume.source?.includes(UNRESOLVED) && volume.kind !== 'npipe' && volume.target && socketName(volume.target);
      if (throughVariable) {
        ctx.report({
          range: itemRange(model, volume.node),
          service: services[0]!.name,
          message: `${servicesLabel(services)} ${services.length > 1 ? 'mount' : 'mounts'} ${shownHostPath(volume, volume.source!)}, a host path set by a variable, at the container engine socket's path ${volume.target}; that is root on the host. Put a filtering socket proxy in between, or remove the mount`,
        });
        continue;
      }
      const socket = path && socketName(path);
      if (!path || !socket) continue;
      const shown = shownHostPath(volume, path);
      const via = volume.boundDevice ? ` (through the named volume "${volume.source}")` : '';
      ctx.report({
        range: itemRange(model, volume.node),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'mount' : 'mounts'} the container engine socket ${shown}${via}${volume.readOnly ? ' read-only, which does not help: the API still accepts every call' : ''}; that is root on the host. Put a filtering socket proxy in between, or remove the mount`,
      });
    }
    // Docker Compose 2.35+ `use_api_socket: true` bind-mounts the engine socket (and registry credentials).
    for (const { entry, services } of entriesOf(model, 'use_api_socket')) {
      const value = scalarString(model, entry.value);
      if (!value || value.unresolved || parseComposeBool(value.value) !== true) continue;
      ctx.report({
        range: model.rangeOf(entry.value!),
        service: services[0]!.name,
        message: `${servicesLabel(services)} ${services.length > 1 ? 'get' : 'gets'} the Docker API socket (use_api_socket: true); that is root on the host. Remove it unless the service must drive Docker, and then prefer a filtering socket proxy`,
      });
    }
  },
});
