// Which project a Compose file is linted in. A file joins the first candidate project that loads
// it: a set named in the config, then the files of its own folder (the set `COMPOSE_FILE` names
// in the folder's `.env`, then the default files: a base and its override), then those of up to
// three folders above (a fragment that one of them includes or extends), then the file as its own
// project (its includes and extends files). A file that reaches no other file is linted alone.
import { parseDotEnv } from '../dotenv';
import { DEFAULT_FILE_NAMES, isDefaultFileName, isOverrideFileName, OVERRIDE_FILE_NAMES } from './file-names';
import { baseNameOf, isAbsolutePath, resolveFrom } from './paths';
import { loadProject, type ComposeProject, type DocumentParser, type ProjectReader } from './project';

const PARENT_FOLDERS = ['', '..', '../..', '../../..'];

function firstExisting(folder: string, names: readonly string[], read: ProjectReader): string | undefined {
  for (const name of names) {
    const path = resolveFrom(folder, name);
    if (read(path) !== undefined) return path;
  }
  return undefined;
}

/** The default files Compose loads in a folder: the first default name there, and the first override. */
function defaultFiles(folder: string, read: ProjectReader): string[] | undefined {
  const base = firstExisting(folder, DEFAULT_FILE_NAMES, read);
  if (!base) return undefined;
  const override = firstExisting(folder, OVERRIDE_FILE_NAMES, read);
  return override ? [base, override] : [base];
}

/**
 * The files `COMPOSE_FILE` names in the `.env` of `folder`, as project paths: Compose run there
 * without `-f` loads that list instead of its default files. Only the project's `.env` is read,
 * never the process environment (the CLI runs in CI with any environment). The list is split at
 * `COMPOSE_PATH_SEPARATOR` when the `.env` sets it, else at `:` and `;` (the separator of the OS
 * Compose runs on, which the engine cannot know). Undefined when unset, or when an entry is a
 * variable or an absolute path: a set that is only partly known is not guessed at.
 */
export function composeFileSet(folder: string, read: ProjectReader): string[] | undefined {
  const text = read(resolveFrom(folder, '.env'));
  if (text === undefined) return undefined;
  const values = parseDotEnv(text);
  const list = values.get('COMPOSE_FILE');
  if (!list) return undefined;
  const separator = values.get('COMPOSE_PATH_SEPARATOR');
  const entries = (separator ? list.split(separator) : list.split(':').flatMap((part) => part.split(';')))
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0 || entries.some((e) => e.includes('$') || isAbsolutePath(e))) return undefined;
  return entries.map((entry) => resolveFrom(folder, entry));
}

/** The projects that could load `self`, most specific first (before the file as its own project). */
function candidateProjects(self: string, read: ProjectReader, configured: string[][]): string[][] {
  const base = baseNameOf(self);
  const candidates: string[][] = [];
  for (const set of configured) if (set.length > 0) candidates.push(set);
  const fromEnv = composeFileSet('', read);
  if (fromEnv) candidates.push(fromEnv);
  if (isDefaultFileName(base)) {
    const override = firstExisting('', OVERRIDE_FILE_NAMES, read);
    candidates.push(override ? [self, override] : [self]);
  } else if (isOverrideFileName(base)) {
    const main = firstExisting('', DEFAULT_FILE_NAMES, read);
    if (main) candidates.push([main, self]);
  } else {
    for (const folder of PARENT_FOLDERS) {
      const set = folder === '' ? undefined : composeFileSet(folder, read);
      if (set) candidates.push(set);
      const files = defaultFiles(folder, read);
      if (files) candidates.push(files);
    }
  }
  return candidates;
}

const ESCAPE_THAT_SPELLS = /\\[xuU\r\n]/;

/**
 * Whether a Compose text can load another file: only `include:` and `extends:` do, and a key can
 * be spelt without its letters only in a double-quoted scalar: a letter as an escape (`"\x69nclude"`,
 * `\u0069`, `\U00000069`) or the key split by an escaped line break (`"inc\` then `lude"` on the next
 * line). No other escape makes a letter; a backslash as such (a quoted `\"` in a command) is common
 * and made large files parse twice.
 */
export function mayReach(text: string | undefined): boolean {
  return text !== undefined && (text.includes('include') || text.includes('extends') || ESCAPE_THAT_SPELLS.test(text));
}

function loading(
  candidates: string[][],
  self: string,
  read: ProjectReader,
  parse: DocumentParser,
  here: readonly string[],
): ComposeProject | undefined {
  const selfName = baseNameOf(self);
  for (const files of candidates) {
    // The file alone, when it can load nothing, is a project of one file and no problems, which
    // findProject discards: loading it (parse, node homes, merged services) cost a tenth of every
    // keystroke's lint.
    if (files.length === 1 && files[0] === self && !mayReach(read(self))) continue;
    // Files that neither include nor extend anything load only themselves: when `self` is not one
    // of them, the set cannot reach it, and parsing it for every sibling was most of a corpus run.
    if (!files.some((file) => baseNameOf(file) === selfName) && !files.some((file) => mayReach(read(file)))) continue;
    const project = loadProject(files, read, parse, here);
    if (project.documents.has(self)) return project;
  }
  return undefined;
}

/**
 * The project `self` (a file in the linted folder, by name) belongs to, or undefined when it is
 * only itself. `configured` are the config's file sets as project paths; `here` the linted
 * file's folder as path segments (so `../sub/x.yaml` from the parent is `x.yaml`).
 */
export function findProject(
  self: string,
  read: ProjectReader,
  parse: DocumentParser,
  configured: string[][] = [],
  here: readonly string[] = [],
): ComposeProject | undefined {
  // Last, the file as its own project (`docker compose -f file`): its includes and extends files.
  const project = loading([...candidateProjects(self, read, configured), [self]], self, read, parse, here);
  return project && (project.documents.size > 1 || project.problems.length > 0) ? project : undefined;
}

/** The project of other files that loads `self` (a fragment they include or extend), if one does. */
export function findLoadingProject(
  self: string,
  read: ProjectReader,
  parse: DocumentParser,
  configured: string[][] = [],
  here: readonly string[] = [],
): ComposeProject | undefined {
  const candidates = candidateProjects(self, read, configured).filter((files) => files.some((file) => file !== self));
  return loading(candidates, self, read, parse, here);
}
