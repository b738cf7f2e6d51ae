// An open YAML file not named like a Compose file (`common.yaml`) is still one when a Compose
// project reaches it through `include:` or `extends: file:` (issue #20): the project files of its
// folder or of up to three folders above (as the engine looks, compose/project/find.ts), or a
// `compose.projects` set of the config. Reads go through the session's guarded reader, so they stay
// in the root, see open buffers, and are recorded: an edit to the project file re-lints this one.
import type { FileKind } from '../engine';
import { isProjectFragment } from '../engine/compose/project/fragments';
import { relativeFrom } from '../engine/compose/project/paths';
import type { ProjectReader } from '../engine/compose/project/project';
import type { FileSession } from '../workspace/lint-session';
import { fsPathOf } from './document-kind';

/** Whether a project loads `self` (a file name; `here` its folder, `configured` the config's sets). */
export type FragmentSearch = (self: string, read: ProjectReader, here: readonly string[], configured: string[][]) => boolean;

interface Checked {
  /** The folder and configured sets the search ran with. */
  key: string;
  /** Every file the search read (by path relative to the document) and the text it saw; not the document itself. */
  reads: Map<string, string | undefined>;
  fragment: boolean;
}

// Open YAML documents remembered; one per document being typed in is all that is needed.
const REMEMBERED = 32;

/**
 * The last answer per document, and the texts of the files it was worked out from. A search
 * parses every project file it reaches; typing in a plain YAML file (a CI workflow) would do that
 * on each keystroke. The answer does not depend on the document's own text (only other files
 * reach it), so it stands while each file the search read reads the same.
 */
export class FragmentCache {
  private readonly checked = new Map<string, Checked>();

  constructor(private readonly search: FragmentSearch = isProjectFragment) {}

  isFragment(uri: string, self: string, read: ProjectReader, here: readonly string[], configured: string[][]): boolean {
    const key = JSON.stringify([here, configured]);
    const last = this.checked.get(uri);
    if (last && last.key === key && [...last.reads].every(([path, text]) => read(path) === text)) return last.fragment;
    const reads = new Map<string, string | undefined>();
    const recording: ProjectReader = (path) => {
      const text = read(path);
      if (path !== self) reads.set(path, text);
      return text;
    };
    const fragment = this.search(self, recording, here, configured);
    this.checked.delete(uri);
    this.checked.set(uri, { key, reads, fragment });
    if (this.checked.size > REMEMBERED) this.checked.delete(this.checked.keys().next().value!);
    return fragment;
  }

  forget(uri: string): void {
    this.checked.delete(uri);
  }
}

const shared = new FragmentCache();

export function composeFragmentKind(
  languageId: string,
  uri: string,
  session: () => FileSession,
  cache: FragmentCache = shared,
): FileKind | undefined {
  if (languageId !== 'yaml') return undefined;
  const file = fsPathOf(uri);
  if (!file || !/\.ya?ml$/i.test(file)) return undefined;
  const opened = session();
  const relative = opened.relativePath;
  if (relative === undefined || relative.startsWith('../')) return undefined;
  const folder = relative.split('/');
  const self = folder.pop()!;
  const configured = (opened.config.compose?.projects ?? []).map((set) => set.map((path) => relativeFrom(folder, path)));
  return cache.isFragment(uri, self, opened.readFile, folder, configured) ? 'compose' : undefined;
}

/** Forgets a closed document's answer. */
export function forgetFragment(uri: string): void {
  shared.forget(uri);
}
