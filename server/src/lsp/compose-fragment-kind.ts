// An open YAML file not named like a Compose file (`common.yaml`) is still one when a Compose
// project reaches it through `include:` or `extends: file:` (issue #20): the project files of its
// folder or of up to three folders above (as the engine looks, compose/project/find.ts), or a
// `compose.projects` set of the config. Reads go through the session's guarded reader, so they stay
// in the root, see open buffers, and are recorded: an edit to the project file re-lints this one.
import type { FileKind } from '../engine';
import { isProjectFragment } from '../engine/compose/project/fragments';
import { relativeFrom } from '../engine/compose/project/paths';
import type { FileSession } from '../workspace/lint-session';
import { fsPathOf } from './document-kind';

export function composeFragmentKind(languageId: string, uri: string, session: () => FileSession): FileKind | undefined {
  if (languageId !== 'yaml') return undefined;
  const file = fsPathOf(uri);
  if (!file || !/\.ya?ml$/i.test(file)) return undefined;
  const opened = session();
  const relative = opened.relativePath;
  if (relative === undefined || relative.startsWith('../')) return undefined;
  const folder = relative.split('/');
  const self = folder.pop()!;
  const configured = (opened.config.compose?.projects ?? []).map((set) => set.map((path) => relativeFrom(folder, path)));
  return isProjectFragment(self, opened.readFile, folder, configured) ? 'compose' : undefined;
}
