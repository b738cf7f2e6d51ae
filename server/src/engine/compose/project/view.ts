// One file of a project as the rules see it: its own parse (text, suppressions, syntax errors),
// with the project's merged services. A rule reads a service's values wherever they are written
// and computes ranges as usual; a node written in another file of the project has the range
// ELSEWHERE, and lint() keeps only this file's findings. So a value is reported once, in the file
// that writes it, and a finding about a service as a whole (its key) in the file that defines it.
import type { Node, Pair } from 'yaml';
import { DockerfileCache, resolveBuild, type ServiceBuild } from '../build';
import type { ComposeModel, ComposeService } from '../model';
import { ELSEWHERE } from './homes';
import { folderOf, resolveFrom } from './paths';
import type { ComposeProject, ProjectReader, ProjectService } from './project';

export interface ProjectView {
  model: ComposeModel;
}

export function projectView(project: ComposeProject, path: string, read: ProjectReader): ProjectView | undefined {
  const linted = project.documents.get(path);
  if (!linted) return undefined;
  const { model } = linted;
  const ownRange = model.rangeOf.bind(model);
  const rangeOf = (node: Node | Pair['key']): ReturnType<ComposeModel['rangeOf']> => {
    const home = project.homes.get(node);
    if (home && home.document !== path) return ELSEWHERE;
    return ownRange((home?.standIn ?? node) as Node);
  };
  // Every file's reads of a range go through the one answer: a field read in another file's
  // document may hold a pair written here (merged maps), and the reverse.
  for (const document of project.documents.values()) document.model.rangeOf = rangeOf;
  const caches = new Map<string, DockerfileCache>();
  const cacheFor = (folder: string) => {
    let cache = caches.get(folder);
    if (!cache) caches.set(folder, (cache = new DockerfileCache((p) => read(resolveFrom(folder, p)))));
    return cache;
  };
  const documentPath = new Map([...project.documents.values()].map((d) => [d.model, d.path]));
  model.services = project.services.map((service) =>
    asComposeService(service, (field) => cacheFor(folderOf(documentPath.get(field as ComposeModel) ?? path))),
  );
  for (const problem of project.problems)
    if (problem.document === path) model.limits.push({ message: problem.message, range: problem.range });
  model.mergedServices = new Set(project.services.filter((s) => s.merged).map((s) => s.name));
  return { model };
}

function asComposeService(service: ProjectService, cacheOf: (document: unknown) => DockerfileCache): ComposeService {
  // Unmerged, the service is its file's own (with the build that file worked out).
  if (service.entries === service.service.entries) return service.service;
  const { entries } = service;
  let build: ServiceBuild | undefined;
  let resolved = false;
  return {
    name: service.name,
    key: service.service.key,
    node: service.service.node,
    entries,
    written: service.service.written,
    get: (k) => entries.get(k),
    get build() {
      if (!resolved) {
        const entry = entries.get('build');
        // The context is relative to the file that writes the build.
        build = entry ? resolveBuild(entry, cacheOf(entry.document)) : undefined;
        resolved = true;
      }
      return build;
    },
  };
}
