import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  YAMLParseError,
} from 'yaml';
import { expandVariables, type Expansion } from '../interpolate';
import { TextIndex } from '../text';
import type { Range } from '../types';
import { DockerfileCache, resolveBuild, type FileReader, type ServiceBuild } from './build';
import { parseDotEnv } from './dotenv';
import { mergeEntries, standInOf } from './merge';
import { childOf, fieldOf, fieldsOf, keyName, scalarText, type ComposeDocument, type Field } from './reader';

// The reader's primitives, for code that imported them from here before the reader existed.
export { keyName, resolveAlias } from './reader';
export type { ServiceBuild } from './build';
import { blankRegions, excessiveNesting, MAX_NESTING_DEPTH } from './nesting';
import { documentFacts } from './document-facts';
import { quote, truncate } from '../quote';

/** A key of a service as Compose sees it: the reader's Field (value, pair, owner map, document). */
export type Entry = Field;

export interface ComposeService {
  name: string;
  key: Scalar;
  node: YAMLMap;
  /**
   * Effective keys after `<<` merges and same-file `extends` (merged with Compose's rules,
   * merge.ts). The same map as `written` when nothing is extended.
   */
  entries: Map<string, Entry>;
  /** The keys written for the service itself (after `<<` merges), before any `extends`. */
  written: ReadonlyMap<string, Entry>;
  get(key: string): Entry | undefined;
  /**
   * The service's `build:` (context, Dockerfile, target, args) with its Dockerfile parsed through
   * the lint's file reader, worked out on first use; undefined without a build.
   */
  readonly build: ServiceBuild | undefined;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface ComposeModel extends ComposeDocument {
  problems: ParseProblem[];
  services: ComposeService[];
  /** The top-level `services` mapping, when there is one. */
  servicesNode?: YAMLMap;
  /**
   * Interpolates `${VAR:-default}` with values from `.env` beside the file (never the process
   * environment). With `marker`, an unresolved variable leaves the marker in the value.
   */
  interpolate(value: string, marker?: string): Expansion;
  /** True when the file writes sequences in flow style (`[a, b]`) more often than block style. */
  prefersFlowSequences: boolean;
  /**
   * Where the file went past a limit that keeps linting linear and was checked only in part
   * ("file too complex"): reported by syntax-error; unlike `problems`, fixes stay available.
   */
  limits: ParseProblem[];
  /**
   * Services of a Compose project with a value that is a collection merged from two files: no fix
   * is offered on them, because an edit could span the files (project/view.ts sets it). Within
   * one file, only a fix computed on a merged collection is dropped (edits.ts).
   */
  mergedServices: Set<string>;
}

/**
 * Parses a Compose file. `readFile` is the lint's cross-file reader (relative path -> text): the
 * model reads each service's build Dockerfile through it, once, when a rule first asks.
 */
export function parseCompose(text: string, dotEnvText?: string, readFile?: FileReader): ComposeModel {
  const index = new TextIndex(text);
  // Entries nested too deep for the parser are left out (blanked in place, so offsets hold) and
  // reported; the rest of the file is parsed and linted as usual.
  const tooDeep = excessiveNesting(text);
  const rangeOf = (node: Node | Pair['key']): Range => {
    // A collection merged from a service and the one it extends is shown where the service writes it.
    const range = ((standInOf(node) ?? node) as Node | null)?.range;
    return range ? index.range(range[0], range[1]) : index.range(0, 0);
  };
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    // yaml's own uniqueKeys check compares each key with every earlier one (quadratic in a
    // mapping of thousands of services); the same check with a Set per mapping follows.
    doc = parseDocument(blankRegions(text, tooDeep), { prettyErrors: false, uniqueKeys: false });
    addDuplicateKeyErrors(doc);
  } catch (error) {
    // Whatever else the parser cannot handle is still a finding, never a silent empty result.
    doc = parseDocument('', { prettyErrors: false, uniqueKeys: true });
    problems.push({
      message: `The YAML parser gave up on this file, so nothing in it was checked: ${truncate(error instanceof Error ? error.message : String(error))}`,
      range: index.range(0, Math.min(1, text.length)),
    });
  }
  const env = parseDotEnv(dotEnvText ?? '');
  for (const error of doc.errors) {
    problems.push({
      message: firstLine(error.message),
      range: index.range(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    });
  }
  for (const region of tooDeep) {
    const first = index.position(region.start).line + 1;
    const last = index.position(Math.max(region.start, region.end - 1)).line + 1;
    problems.push({
      message: `Nested deeper than ${MAX_NESTING_DEPTH} levels: ${first === last ? `line ${first} is` : `lines ${first}-${last} are`} not parsed or checked`,
      range: index.range(region.at, region.at + 1),
    });
  }
  const model: ComposeModel = {
    path: '',
    text,
    index,
    doc,
    problems,
    services: [],
    interpolate: (value, marker) =>
      expandVariables(
        value,
        (name) => env.get(name),
        marker === undefined ? { dollarEscape: true } : { dollarEscape: true, unresolvedMarker: marker },
      ),
    rangeOf,
    prefersFlowSequences: false,
    limits: [],
    mergedServices: new Set(),
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return model;
  if (!isMap(root)) {
    problems.push({ message: 'A Compose file must be a mapping with a top-level "services" key', range: rangeOf(root) });
    return model;
  }
  const servicesNode = fieldOf(model, root, 'services')?.value ?? null;
  if (!isMap(servicesNode)) {
    const empty = servicesNode === null || (isScalar(servicesNode) && servicesNode.value === null);
    if (!empty)
      problems.push({ message: '"services" must be a mapping of service names to definitions', range: rangeOf(servicesNode) });
    return model;
  }
  model.servicesNode = servicesNode;

  const dockerfiles = new DockerfileCache(readFile);
  for (const [name, field] of fieldsOf(model, servicesNode)) {
    if (!isMap(field.value)) continue;
    // A copy: the reader caches its map per mapping, and `entries` starts as this one.
    model.services.push(makeService(name, field.key, field.value, new Map(fieldsOf(model, field.value)), dockerfiles));
  }
  applyExtends(model);
  model.prefersFlowSequences = countFlowSequences(servicesNode);
  return model;
}

/** yaml's DUPLICATE_KEY errors ("Map keys must be unique"), from the walk that finds the document's facts. */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const offsets = documentFacts(doc).duplicateKeyOffsets;
  for (const start of offsets.slice(0, MAX_REPORTED_DUPLICATES))
    doc.errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
}

// One finding per duplicate key up to this many; beyond it the file is garbage, and the list stays short.
const MAX_REPORTED_DUPLICATES = 1000;

function makeService(
  name: string,
  key: Scalar,
  node: YAMLMap,
  written: ReadonlyMap<string, Entry>,
  dockerfiles: DockerfileCache,
): ComposeService {
  return new Service(name, key, node, written, dockerfiles);
}

// A class rather than an object literal with a getter: V8 builds such a literal in old space, where
// a dead one keeps what it points to alive through young-generation collections (see
// ParsedDockerfile in dockerfile/model.ts).
class Service implements ComposeService {
  entries: Map<string, Entry>;
  private resolved = false;
  private resolvedBuild: ServiceBuild | undefined;

  constructor(
    readonly name: string,
    readonly key: Scalar,
    readonly node: YAMLMap,
    readonly written: ReadonlyMap<string, Entry>,
    private readonly dockerfiles: DockerfileCache,
  ) {
    this.entries = written as Map<string, Entry>;
  }

  // An arrow function, as the literal had: callers may pass it around without the service.
  readonly get = (k: string): Entry | undefined => this.entries.get(k);

  get build(): ServiceBuild | undefined {
    if (!this.resolved) {
      this.resolvedBuild = resolveBuild(this.entries.get('build'), this.dockerfiles);
      this.resolved = true;
    }
    return this.resolvedBuild;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

// Same-file `extends` chains longer than this are cut (with a finding): real files use one or two
// levels, and following every service's chain to its end is quadratic in a chain of thousands.
const MAX_EXTENDS_DEPTH = 32;

/** The service a same-file `extends` names (`extends: base`, `extends: {service: base}`); undefined for `file:`. */
function sameFileBase(service: ComposeService): string | undefined {
  const entry = service.written.get('extends');
  if (!entry) return undefined;
  if (isScalar(entry.value)) return keyName(entry.value);
  if (isMap(entry.value) && !childOf(entry, 'file')) return keyName(childOf(entry, 'service')?.value);
  return undefined;
}

interface Extended {
  entries: Map<string, Entry>;
  /** `extends` links folded into `entries`. */
  depth: number;
}

/**
 * Same-file `extends`, as compose-go's applyServiceExtends: the base (its own `extends` applied
 * first) merged under the service with Compose's merge (merge.ts), so a base's `cap_add: [SYS_ADMIN]`
 * and the service's `cap_add: [NET_ADMIN]` are both in force. A chain stops at a cycle, at an
 * unknown service or at `file:` (the project loader follows those), and is cut (with a limit
 * finding) after MAX_EXTENDS_DEPTH links.
 */
function applyExtends(model: ComposeModel): void {
  const byName = new Map(model.services.map((service) => [service.name, service]));
  // A service's chain followed to its end is the same for every service that reaches it: merged once.
  const done = new Map<ComposeService, Extended>();
  let firstCut: { service: ComposeService; entry: Entry } | undefined;
  let cut = 0;
  for (const service of model.services) {
    const chain = [service];
    const seen = new Set([service.name]);
    let reached: Extended | undefined;
    // Through a cycle or a cut, the result is this service's view only: not kept for the others.
    let partial = false;
    let cutAt: Entry | undefined;
    for (let current = service; ;) {
      const known = done.get(current);
      if (known && known.depth + chain.length - 1 <= MAX_EXTENDS_DEPTH) {
        reached = known;
        break;
      }
      const baseName = sameFileBase(current);
      if (baseName === undefined) break;
      if (seen.has(baseName)) {
        partial = true;
        break;
      }
      const base = byName.get(baseName);
      if (!base) break;
      if (chain.length > MAX_EXTENDS_DEPTH) {
        cutAt = current.written.get('extends');
        partial = true;
        break;
      }
      seen.add(baseName);
      chain.push(base);
      current = base;
    }
    const last = chain.length - 1;
    let result: Extended = reached ?? { entries: chain[last]!.written as Map<string, Entry>, depth: 0 };
    if (!reached && !partial) done.set(chain[last]!, result);
    for (let i = last - 1; i >= 0; i--) {
      const { entries } = mergeEntries(result.entries, chain[i]!.written);
      // compose-go drops `extends` from the merged service, as it is applied.
      entries.delete('extends');
      result = { entries, depth: result.depth + 1 };
      if (!partial) done.set(chain[i]!, result);
    }
    service.entries = result.entries;
    if (cutAt) {
      firstCut ??= { service, entry: cutAt };
      cut++;
    }
  }
  if (firstCut) {
    model.limits.push({
      message: `File too complex: ${cut} service${cut === 1 ? '' : 's'} (the first is ${quote(firstCut.service.name)}) extend a chain of more than ${MAX_EXTENDS_DEPTH} services; only the first ${MAX_EXTENDS_DEPTH} levels of each chain are linted`,
      range: model.rangeOf(firstCut.entry.key),
    });
  }
}

function countFlowSequences(services: YAMLMap): boolean {
  let flow = 0;
  let block = 0;
  // Loops rather than forEach: a callback made per collection was most of this walk's allocation.
  const visit = (node: unknown, depth: number) => {
    if (depth > 6) return;
    if (isSeq(node)) {
      if (node.flow) flow++;
      else block++;
      for (const item of node.items) visit(item, depth + 1);
    } else if (isMap(node)) {
      for (const pair of node.items) visit(pair.value, depth + 1);
    }
  };
  visit(services, 0);
  return flow > block;
}

/** The scalar's value as a string, interpolated; undefined for non-scalars. */
export function scalarString(model: ComposeDocument, node: Node | null | undefined): Expansion | undefined {
  return scalarText(model, node);
}

export interface SharedEntry {
  entry: Entry;
  /** Every service that has this value, more than one when it comes from a merged anchor. */
  services: ComposeService[];
}

/** A key's values across services, one per place it is written (anchors merged into several services count once). */
export function entriesOf(model: ComposeModel, key: string): SharedEntry[] {
  const byValue = new Map<unknown, SharedEntry>();
  for (const service of model.services) {
    const entry = service.get(key);
    if (!entry) continue;
    const identity = entry.value ?? entry.pair;
    const shared = byValue.get(identity);
    if (shared) shared.services.push(service);
    else byValue.set(identity, { entry, services: [service] });
  }
  return [...byValue.values()];
}

/** `Service "a"` or `Services "a", "b"`, for messages about a value shared through an anchor. */
export function servicesLabel(services: ComposeService[]): string {
  // An anchor merged into thousands of services names the first few, so a message stays short.
  const shown = services.slice(0, MAX_LISTED_SERVICES).map((s) => quote(s.name));
  const more = services.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  return services.length === 1 ? `Service ${names}` : `Services ${names}`;
}

const MAX_LISTED_SERVICES = 5;
