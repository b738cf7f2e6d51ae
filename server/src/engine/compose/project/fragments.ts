// Compose files that are not named like one: fragments a project pulls in through `include:` and
// `extends: file:` (`common.yaml`, `monitoring.yaml`). Compose loads them whatever their names, so
// the CLI lints them when it walks a folder and the editor treats an open one as Compose.
import { parseCompose } from '../model';
import { findLoadingProject } from './find';
import { loadProject, type DocumentParser, type ProjectReader } from './project';

const parseDocument: DocumentParser = (text, dotEnv) => parseCompose(text, dotEnv);

/**
 * The project paths (relative to `self`'s folder) of the files `self` includes or extends, and
 * theirs in turn; missing ones left out. `self` is a Compose file read through `read`.
 */
export function referencedFiles(self: string, read: ProjectReader): string[] {
  const project = loadProject([self], read, parseDocument);
  return [...project.documents.keys()].filter((path) => path !== self);
}

/**
 * Whether a project Shipshape would lint `self` in loads it: a configured file set, or the default
 * files of its folder or of up to three folders above (as find.ts looks). `here` is `self`'s folder
 * as path segments; `configured` the config's file sets relative to `self`'s folder.
 */
export function isProjectFragment(
  self: string,
  read: ProjectReader,
  here: readonly string[] = [],
  configured: string[][] = [],
): boolean {
  return findLoadingProject(self, read, parseDocument, configured, here) !== undefined;
}
