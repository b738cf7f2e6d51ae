// A Compose project as `docker compose` loads it: its files (a base and an override, or a set the
// config names), what they `include:`, and the files their services `extends:`. Services written
// in several places are merged with Compose's rules (merge.ts), every value still pointing at the
// file and node it is written in. Pure: files come through the lint's reader, which keeps reads
// inside the project root; a reference it cannot read is a problem at the reference.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ComposeModel, ComposeService, Entry } from '../model';
import { childOf, fieldText, itemsOf, scalarText } from '../reader';
import type { Range } from '../../types';
import { quote } from '../../quote';
import { NodeHomes } from './homes';
import { mergeEntries, withoutResets, type MergeResult } from '../merge';
import { canonicalPath, folderOf, isAbsolutePath, resolveFrom } from './paths';

/** Reads a project file by its project path; undefined when missing, outside the root or unreadable. */
export type ProjectReader = (path: string) => string | undefined;

/** Parses one project file: its text, the `.env` text its interpolation uses, and its project path. */
export type DocumentParser = (text: string, dotEnv: string | undefined, path: string) => ComposeModel;

export interface ProjectDocument {
  path: string;
  model: ComposeModel;
  /** How the project reaches it: a file of the project, an `include:`, or an `extends: file:`. */
  via: 'file' | 'include' | 'extends';
}

export interface ProjectService {
  name: string;
  /** The file that defines the service (the first that names it); its key and map are the service's. */
  defining: ProjectDocument;
  service: ComposeService;
  entries: Map<string, Entry>;
  /** Some value is a collection merged from two files: fixes on it would span files. */
  merged: boolean;
}

export interface ProjectProblem {
  /** Project path of the file the problem is reported in (where the reference is written). */
  document: string;
  range: Range;
  message: string;
}

export interface ComposeProject {
  documents: Map<string, ProjectDocument>;
  services: ProjectService[];
  problems: ProjectProblem[];
  homes: NodeHomes;
}

// A project of more files than this is cut there (with a problem): real ones have a handful.
const MAX_DOCUMENTS = 64;
// `extends` across files deeper than this is cut (with a problem), as a cycle would be.
const MAX_EXTENDS_DEPTH = 16;

const servicesByName = new WeakMap<ComposeModel, Map<string, ComposeService>>();

/** A model's service by name; a map per model, because a chain through n services would otherwise search the list n times. */
function serviceNamed(model: ComposeModel, name: string): ComposeService | undefined {
  let byName = servicesByName.get(model);
  if (!byName) {
    byName = new Map();
    // The first of duplicate names, as the list search found.
    for (const service of model.services) if (!byName.has(service.name)) byName.set(service.name, service);
    servicesByName.set(model, byName);
  }
  return byName.get(name);
}

interface Unit {
  /** The project directory: relative paths in its files resolve from here. */
  folder: string;
  dotEnv: string | undefined;
}

class Loader {
  readonly documents = new Map<string, ProjectDocument>();
  readonly problems: ProjectProblem[] = [];
  readonly homes = new NodeHomes();
  private cut = false;
  private readonly missing = new Set<string>();

  constructor(
    private readonly read: ProjectReader,
    private readonly parse: DocumentParser,
    private readonly here: readonly string[],
  ) {}

  problem(at: { document: string; node: Node | null | undefined } | undefined, message: string): void {
    if (!at) return;
    const document = this.documents.get(at.document);
    if (!document) return;
    this.problems.push({ document: at.document, range: document.model.rangeOf(at.node as Node), message });
  }

  /** The parsed file, or undefined (with a problem at `from`) when it cannot be read. */
  open(
    written: string,
    unit: Unit,
    via: ProjectDocument['via'],
    from?: { document: string; node: Node | null },
  ): ProjectDocument | undefined {
    const path = canonicalPath(written, this.here);
    const known = this.documents.get(path);
    if (known) return known;
    if (this.documents.size >= MAX_DOCUMENTS) {
      if (!this.cut)
        this.problem(
          from,
          `Project too large: more than ${MAX_DOCUMENTS} Compose files; ${quote(path)} and the files after it are not checked`,
        );
      this.cut = true;
      return undefined;
    }
    const text = this.read(path);
    if (text === undefined) {
      // One finding per missing file, at its first reference: twenty services extending one absent file are one problem.
      if (this.missing.has(path)) return undefined;
      this.missing.add(path);
      this.problem(
        from,
        `${quote(path)} cannot be read (missing, outside the project, or unreadable), so what it defines is not checked`,
      );
      return undefined;
    }
    const model = this.parse(text, unit.dotEnv, path);
    const document: ProjectDocument = { path, model, via };
    this.documents.set(path, document);
    this.homes.adopt(model.doc, path);
    return document;
  }

  /** The services of one set of files merged in order (a project's files, or one `include:`), with their includes. */
  loadUnit(
    paths: string[],
    unit: Unit,
    via: ProjectDocument['via'],
    from: { document: string; node: Node | null } | undefined,
    stack: string[],
  ): ProjectService[] {
    const services = new Map<string, ProjectService>();
    const included: ProjectService[] = [];
    for (const path of paths) {
      if (stack.includes(canonicalPath(path, this.here))) {
        this.problem(
          from,
          `Include cycle: ${[...stack, path].map((p) => quote(p)).join(' includes ')}; the cycle is not followed`,
        );
        continue;
      }
      const document = this.open(path, unit, via, from);
      if (!document) continue;
      for (const service of this.includes(document, unit, [...stack, document.path])) included.push(service);
      for (const own of document.model.services) {
        const { entries, merged } = this.extended(document, own, unit, []);
        const known = services.get(own.name);
        if (!known) {
          services.set(own.name, {
            name: own.name,
            defining: document,
            service: own,
            entries: withoutResets(entries),
            merged,
          });
          continue;
        }
        known.merged ||= merged;
        const result = mergeEntries(known.entries, entries);
        known.entries = result.entries;
        known.merged ||= result.merged;
      }
    }
    const result = [...services.values()];
    for (const service of included) {
      // Compose refuses a project whose include defines a service the including files also define.
      if (services.has(service.name)) continue;
      result.push(service);
    }
    return result;
  }

  /** `include:` of a file: each entry's files loaded as their own unit (project directory, env file). */
  private includes(document: ProjectDocument, unit: Unit, stack: string[]): ProjectService[] {
    const { model } = document;
    const include = fieldOfRoot(model, 'include');
    if (!include) return [];
    const services: ProjectService[] = [];
    for (const item of itemsOf(model, include.value)) {
      const from = { document: document.path, node: item.written };
      let paths: string[] = [];
      let projectDirectory: string | undefined;
      let envFiles: string[] | undefined;
      if (isScalar(item.node)) {
        const path = knownText(model, item.node);
        if (path !== undefined) paths = [path];
      } else if (isMap(item.node)) {
        const entry = { key: include.key, value: item.node, pair: include.pair, owner: include.owner, document: model };
        const pathField = childOf(entry, 'path');
        paths = stringsOf(model, pathField?.value);
        const directory = childOf(entry, 'project_directory');
        projectDirectory = directory ? knownText(model, directory.value) : undefined;
        const env = childOf(entry, 'env_file');
        if (env) envFiles = stringsOf(model, env.value);
      }
      const resolved = paths.filter((p) => !isAbsolutePath(p)).map((p) => resolveFrom(unit.folder, p));
      if (resolved.length === 0) continue;
      const folder =
        projectDirectory !== undefined && !isAbsolutePath(projectDirectory)
          ? resolveFrom(unit.folder, projectDirectory)
          : folderOf(resolved[0]!);
      // The included files interpolate with their env files (or the `.env` of their project
      // directory); values the including project already has win, as in compose-go.
      const envTexts = (envFiles ?? ['.env'])
        .filter((p) => !isAbsolutePath(p))
        .map((p) => this.read(resolveFrom(envFiles ? unit.folder : folder, p)) ?? '');
      const dotEnv = [...envTexts, unit.dotEnv ?? ''].join('\n');
      for (const service of this.loadUnit(resolved, { folder, dotEnv }, 'include', from, stack)) services.push(service);
    }
    return services;
  }

  /**
   * A service's keys after `extends` (relative to the file that says it), chains followed through
   * files and within them, each link merged with Compose's rules (merge.ts); `merged` when some
   * value is a collection from two places. A chain that stays in one file is the model's own.
   */
  extended(document: ProjectDocument, service: ComposeService, unit: Unit, chain: string[]): MergeResult {
    // A same-file merge stays in one file: its fixes are judged edit by edit (edits.ts).
    const own: MergeResult = { entries: service.entries, merged: false };
    const extendsEntry = service.written.get('extends');
    if (!extendsEntry) return own;
    const fileField = childOf(extendsEntry, 'file');
    const here = `${document.path}#${service.name}`;
    let base: { document: ProjectDocument; service: ComposeService } | undefined;
    if (fileField) {
      const file = fieldText(fileField);
      const name = fieldText(childOf(extendsEntry, 'service'));
      // A file or service set by a variable with no known value is not guessed at.
      if (!file || file.unresolved || !name || name.unresolved || isAbsolutePath(file.value)) return own;
      const path = canonicalPath(resolveFrom(folderOf(document.path), file.value), this.here);
      const link = `${path}#${name.value}`;
      const from = { document: document.path, node: fileField.value };
      if (chain.includes(link) || link === here) {
        this.problem(
          from,
          `extends cycle: ${[...chain, here, link].map((l) => quote(l.replace('#', ' service '))).join(' -> ')}; Compose refuses it`,
        );
        return own;
      }
      if (chain.length >= MAX_EXTENDS_DEPTH) {
        this.problem(from, `extends chain longer than ${MAX_EXTENDS_DEPTH} files; the rest is not checked`);
        return own;
      }
      const opened = this.open(path, unit, 'extends', from);
      if (!opened) return own;
      const baseService = serviceNamed(opened.model, name.value);
      if (!baseService) {
        this.problem(
          { document: document.path, node: childOf(extendsEntry, 'service')?.value },
          `No service ${quote(name.value)} in ${quote(path)}`,
        );
        return own;
      }
      base = { document: opened, service: baseService };
    } else {
      const value = extendsEntry.value;
      const baseName = isScalar(value) ? fieldText(extendsEntry)?.value : fieldText(childOf(extendsEntry, 'service'))?.value;
      const baseService = baseName === undefined ? undefined : serviceNamed(document.model, baseName);
      // The model stops same-file cycles and cuts long chains; here they only stop the walk.
      if (!baseService || chain.includes(here) || chain.length >= MAX_EXTENDS_DEPTH) return own;
      base = { document, service: baseService };
    }
    const inherited = this.extended(base.document, base.service, unit, [...chain, here]);
    // A same-file base whose chain reaches no other file: the model merged it already.
    if (!fileField && inherited.entries === base.service.entries) return own;
    const result = mergeEntries(inherited.entries, service.written);
    // compose-go drops `extends` from the merged service, as it is applied.
    result.entries.delete('extends');
    return { entries: result.entries, merged: result.merged || inherited.merged };
  }
}

function fieldOfRoot(model: ComposeModel, key: string): Entry | undefined {
  const root = model.doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair || !isScalar(pair.key)) return undefined;
  return { key: pair.key, value: pair.value as Node | null, pair, owner: root, document: model };
}

function knownText(model: ComposeModel, node: Node | null | undefined): string | undefined {
  const text = scalarText(model, node);
  return text && !text.unresolved && text.value !== '' ? text.value : undefined;
}

function stringsOf(model: ComposeModel, node: Node | null | undefined): string[] {
  if (isSeq(node)) return itemsOf(model, node).flatMap((item) => knownText(model, item.node) ?? []);
  const one = knownText(model, node);
  return one === undefined ? [] : [one];
}

/**
 * Loads the project whose files are `files` (project paths, in `-f` order). The project directory
 * is the first file's folder, and its `.env` there feeds interpolation. `here` is the linted file's
 * folder as path segments, so a file reached from a parent folder keeps one name.
 */
export function loadProject(
  files: string[],
  read: ProjectReader,
  parse: DocumentParser,
  here: readonly string[] = [],
): ComposeProject {
  const loader = new Loader(read, parse, here);
  const folder = folderOf(files[0] ?? '');
  const unit: Unit = { folder, dotEnv: read(resolveFrom(folder, '.env')) };
  const services = loader.loadUnit(files, unit, 'file', undefined, []);
  return { documents: loader.documents, services, problems: loader.problems, homes: loader.homes };
}
