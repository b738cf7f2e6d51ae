// A folder walk finds Compose files by name, but Compose also loads files named anything
// (`common.yaml`, `monitoring.yaml`) when a Compose file includes or extends them (issue #20).
// The walk offers every other YAML file it would have listed as a candidate; a candidate becomes a
// Compose target only when a Compose file found in the same walk references it, or the `.env` of
// a walked folder names it in `COMPOSE_FILE`.
import * as path from 'node:path';
import { composeFileSet, mayReach } from '../engine/compose/project/find';
import { referencedFiles } from '../engine/compose/project/fragments';
import { tryReadProjectFile, type ProjectRoot } from '../workspace/file-access';
import { MAX_SIBLING_BYTES } from '../workspace/config-loader';
import type { Target } from './discover';

/** A YAML file the walk passed over (ignore files, symlink checks) that is not named like any kind. */
export function isFragmentCandidate(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * `found` in walk order: targets with a kind, and fragment candidates (no kind). Returns the
 * targets, with each candidate a Compose file of the walk references kept as a Compose target
 * where the walk found it. Reads go through the guarded reader, inside `root`.
 */
export function withComposeFragments(found: Target[], root: ProjectRoot): Target[] {
  const candidates = new Set(found.filter((t) => !t.kind).map((t) => t.path));
  if (candidates.size === 0) return found;
  const texts = new Map<string, string | undefined>();
  const readAbsolute = (file: string): string | undefined => {
    if (!root.contains(file)) return undefined;
    if (!texts.has(file)) texts.set(file, tryReadProjectFile(file, root, { maxBytes: MAX_SIBLING_BYTES }));
    return texts.get(file);
  };
  const referenced = new Set<string>();
  // The files `COMPOSE_FILE` names in a folder's `.env` are that folder's project, whatever their names.
  for (const folder of new Set(found.map((t) => path.dirname(t.path)))) {
    for (const file of composeFileSet('', (p) => readAbsolute(path.resolve(folder, p))) ?? []) {
      const absolute = path.resolve(folder, file);
      if (candidates.has(absolute)) referenced.add(absolute);
    }
  }
  for (const target of found) {
    if (target.kind !== 'compose') continue;
    const text = readAbsolute(target.path);
    // Only a file that says `include` or `extends` somewhere can reach another: the rest are not parsed again.
    if (text === undefined || !mayReach(text)) continue;
    const folder = path.dirname(target.path);
    const self = path.basename(target.path);
    const read = (projectPath: string) => (projectPath === self ? text : readAbsolute(path.resolve(folder, projectPath)));
    for (const file of referencedFiles(self, read)) {
      const absolute = path.resolve(folder, file);
      if (candidates.has(absolute)) referenced.add(absolute);
    }
  }
  return found.flatMap((t) => (t.kind ? [t] : referenced.has(t.path) ? [{ ...t, kind: 'compose' as const }] : []));
}
