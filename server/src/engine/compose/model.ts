import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
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
import { childOf, fieldOf, fieldsOf, keyName, scalarText, type ComposeDocument, type Field } from './reader';

// The reader's primitives, for code that imported them from here before the reader existed.
export { keyName, resolveAlias } from './reader';
export type { ServiceBuild } from './build';
import { blankRegions, excessiveNesting, MAX_NESTING_DEPTH } from './nesting';
import { quote, truncate } from '../quote';

/** A key of a service as Compose sees it: the reader's Field (value, pair, owner map, document). */
export type Entry = Field;

export interface ComposeService {
  name: string;
  key: Scalar;
  node: YAMLMap;
  /** Effective keys after `<<` merges and same-file `extends`. */
  entries: Map<string, Entry>;
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
    const range = (node as Node | null)?.range;
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
  const byName = new Map<string, YAMLMap>();
  for (const [name, field] of fieldsOf(model, servicesNode)) {
    if (!isMap(field.value)) continue;
    byName.set(name, field.value);
    model.services.push(makeService(name, field.key, field.value, new Map(fieldsOf(model, field.value)), dockerfiles));
  }
  let firstCut: { service: ComposeService; entry: Entry } | undefined;
  let cut = 0;
  for (const service of model.services) {
    const entry = applyExtends(model, service, byName);
    if (!entry) continue;
    firstCut ??= { service, entry };
    cut++;
  }
  if (firstCut) {
    model.limits.push({
      message: `File too complex: ${cut} service${cut === 1 ? '' : 's'} (the first is ${quote(firstCut.service.name)}) extend a chain of more than ${MAX_EXTENDS_DEPTH} services; only the first ${MAX_EXTENDS_DEPTH} levels of each chain are linted`,
      range: rangeOf(firstCut.entry.key),
    });
  }
  model.prefersFlowSequences = countFlowSequences(servicesNode);
  return model;
}

/** yaml's DUPLICATE_KEY errors ("Map keys must be unique"), found in one pass with a Set per mapping. */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const duplicates: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        // Scalars are equal by value, as in yaml's check; any other key only to itself.
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) {
          const start = key?.range?.[0] ?? 0;
          duplicates.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(identity);
      }
    },
  });
  if (duplicates.length > 0) doc.errors.push(...duplicates.slice(0, MAX_REPORTED_DUPLICATES));
}

// One finding per duplicate key up to this many; beyond it the file is garbage, and the list stays short.
const MAX_REPORTED_DUPLICATES = 1000;

function makeService(
  name: string,
  key: Scalar,
  node: YAMLMap,
  entries: Map<string, Entry>,
  dockerfiles: DockerfileCache,
): ComposeService {
  let build: ServiceBuild | undefined;
  let resolved = false;
  return {
    name,
    key,
    node,
    entries,
    get: (k) => entries.get(k),
    get build() {
      if (!resolved) {
        build = resolveBuild(entries.get('build'), dockerfiles);
        resolved = true;
      }
      return build;
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

// Same-file `extends` chains longer than this are cut (with a finding): real files use one or two
// levels, and following every service's chain to its end is quadratic in a chain of thousands.
const MAX_EXTENDS_DEPTH = 32;

/**
 * Same-file `extends` (`extends: base` or `extends: {service: base}` without `file`). Returns the
 * `extends` entry where the chain was cut at MAX_EXTENDS_DEPTH, if it was.
 */
function applyExtends(model: ComposeModel, service: ComposeService, byName: Map<string, YAMLMap>): Entry | undefined {
  const seen = new Set([service.name]);
  let current = service.entries.get('extends');
  for (let depth = 0; current; depth++) {
    const value = current.value;
    let baseName: string | undefined;
    if (isScalar(value)) baseName = keyName(value);
    else if (isMap(value) && !childOf(current, 'file')) baseName = keyName(childOf(current, 'service')?.value);
    const base = baseName !== undefined && !seen.has(baseName) ? byName.get(baseName) : undefined;
    if (!base) return undefined;
    if (depth >= MAX_EXTENDS_DEPTH) return current;
    seen.add(baseName!);
    const baseEntries = fieldsOf(model, base);
    for (const [key, entry] of baseEntries) {
      if (key !== 'extends' && !service.entries.has(key)) service.entries.set(key, entry);
    }
    current = baseEntries.get('extends');
  }
  return undefined;
}

function countFlowSequences(services: YAMLMap): boolean {
  let flow = 0;
  let block = 0;
  const visit = (node: unknown, depth: number) => {
    if (depth > 6) return;
    if (isSeq(node)) {
      if (node.flow) flow++;
      else block++;
      node.items.forEach((item) => visit(item, depth + 1));
    } else if (isMap(node)) {
      node.items.forEach((pair) => visit(pair.value, depth + 1));
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
