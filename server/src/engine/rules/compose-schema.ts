import type { ErrorObject } from 'ajv';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import validateComposeSpec from '../compose/compose-validator.generated';
import { replaceScalarContent } from '../compose/edits';
import { closestName } from '../compose/key-names';
import { explainErrors } from '../compose/validator-errors';
import { mergedData } from '../compose/merged-data';
import { documentFacts } from '../compose/document-facts';
import type { ComposeModel } from '../compose/model';
import { escapePointerSegment, pointerSegments, unescapePointerSegment } from '../compose/json-pointer';
import { fieldOf, itemsOf, resolveAlias } from '../compose/reader';
import { quote, truncate } from '../quote';
import { defineRule } from '../rule';
import type { Fix, Range } from '../types';

/**
 * Validates against the official Compose Specification schema. The validator is compiled at build
 * time (scripts/generate-compose-validator.mjs): compiling the schema at start-up cost every
 * one-file lint more than the lint itself.
 */
function validate(value: unknown): ErrorObject[] {
  return validateComposeSpec(value) ? [] : explainErrors(validateComposeSpec.errors ?? [], value);
}

// Keys whose loss weakens the container's confinement: a typo in one of them is a security bug.
const PROTECTIVE_KEYS = new Set([
  'read_only',
  'privileged',
  'cap_drop',
  'cap_add',
  'security_opt',
  'user',
  'userns_mode',
  'pids_limit',
  'mem_limit',
  'tmpfs',
  'devices',
  'network_mode',
  'pid',
  'ipc',
  'uts',
  'cgroup',
  'sysctls',
  'ulimits',
  'host_ip',
  'secrets',
  'healthcheck',
  'logging',
]);

interface Located {
  /** The value at the path where it is written (through aliases and merge keys). */
  node: Node | null;
  /** The key of that value when its parent is a mapping. */
  key?: Node;
  /** The mapping the key is written in. */
  owner?: YAMLMap;
  /** Whether the whole path was found. */
  complete: boolean;
}

/** The YAML node an ajv instancePath (JSON pointer into the merged data) points at. */
function locate(model: ComposeModel, pointer: string): Located {
  const segments = pointerSegments(pointer);
  let node: Node | null = resolveAlias(model.doc, model.doc.contents as Node | null);
  let located: Located = { node, complete: true };
  for (const segment of segments) {
    if (isMap(node)) {
      const found = fieldOf(model, node, segment);
      if (!found) return { ...located, complete: false };
      node = found.value;
      located = { node, key: found.key, owner: found.owner, complete: true };
    } else if (isSeq(node)) {
      const item = itemsOf(model, node)[Number(segment)];
      if (!item) return { ...located, complete: false };
      node = item.node;
      located = { node, complete: true };
    } else return { ...located, complete: false };
  }
  return located;
}

function rangeOf(model: ComposeModel, node: Node | null | undefined): Range {
  return node?.range ? model.index.range(node.range[0], node.range[1]) : model.index.range(0, 0);
}

const SECTIONS: Record<string, string> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

/** Where a path points, in words: `service "web"`, `network "back"`, `the top level`. */
function owner(pointer: string): string {
  const [section, name] = pointer.split('/').slice(1);
  if (!section) return 'the top level';
  return name !== undefined && SECTIONS[section] ? `${SECTIONS[section]} ${quote(name)}` : `top-level ${quote(section)}`;
}

/** The key path below the owner, dotted (`deploy.resources.limits`), or '' at the owner itself. */
function field(pointer: string): string {
  const [section, , ...rest] = pointer.split('/').slice(1);
  if (!section) return '';
  const segments = SECTIONS[section] ? rest : pointer.split('/').slice(2);
  // `volumes/0/read_only` reads as "volumes item 1.read_only".
  return segments
    .map(unescapePointerSegment)
    .map((s, i) => (/^\d+$/.test(s) && i > 0 ? ` item ${Number(s) + 1}` : `${i > 0 ? '.' : ''}${s}`))
    .join('');
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeOfData(data: unknown): string {
  if (data === null || data === undefined) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'boolean') return 'a boolean';
  if (typeof data === 'number') return 'a number';
  return 'a string';
}

function orList(words: string[]): string {
  const unique = [...new Set(words)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** Whether an error is about a value that Compose interpolates before it validates. */
function isInterpolated(error: ErrorObject): boolean {
  return typeof error.data === 'string' && error.data.includes('$');
}

// Beyond this many aliases the document is not converted to plain data (yaml's own limit, below,
// bounds what each alias expands to): a bound against alias bombs, not a rule of Compose.
const MAX_ALIASES = 5000;
const MAX_ALIAS_EXPANSION = 1000;

/** Why the document cannot be validated as data, and where that shows; undefined when it can. */
interface Unconvertible {
  node: Node;
  reason: 'cycle' | 'collection-key' | 'too-many-aliases';
}

function unconvertible(doc: Document): Unconvertible | undefined {
  const { suspects, anchoredAncestors } = documentFacts(doc);
  let aliases = 0;
  // The aliases and alias or collection keys in the order a walk of the document meets them.
  for (const node of suspects) {
    // Compose keys are strings. A mapping or sequence used as a key (`? [a]`) is stringified by
    // the conversion, at a cost that grows with the square of its nesting.
    if (isPair(node)) {
      // An alias key stands for its anchor's value: a string there is a string key to Compose too.
      const key = isAlias(node.key) ? resolveAlias(doc, node.key) : node.key;
      if (isMap(key) || isSeq(key) || (isAlias(node.key) && !isScalar(key)))
        return { node: node.key as Node, reason: 'collection-key' };
    } else {
      aliases++;
      const target = resolveAlias(doc, node);
      // Only an anchored collection can hold an alias to itself.
      if (target && anchoredAncestors.get(node)?.includes(target)) return { node, reason: 'cycle' };
      if (aliases > MAX_ALIASES) return { node, reason: 'too-many-aliases' };
    }
  }
  return undefined;
}

/** The first alias of the document: where a limit on aliases is reported when yaml names none. */
function firstAlias(doc: Document): Node | undefined {
  // The document's facts number its aliases in visit order, first seen first.
  for (const alias of documentFacts(doc).aliasOrdinals.keys()) return alias;
  return undefined;
}

/** The data Compose validates (merge keys applied, as `docker compose config` does), or why there is none. */
function mergedValue(doc: Document): { value: unknown } | Unconvertible {
  if (doc.errors.length > 0) return { value: undefined };
  const refused = unconvertible(doc);
  if (refused) return refused;
  try {
    // maxAliasCount stops billion-laughs expansion (a ReferenceError) in milliseconds.
    return { value: mergedData(doc, MAX_ALIAS_EXPANSION) };
  } catch {
    const alias = firstAlias(doc);
    return alias ? { node: alias, reason: 'too-many-aliases' } : { value: undefined };
  }
}

/**
 * 5000 as "5,000". Not toLocaleString: its first call loads ICU's locale data, which at this
 * module's load cost every Compose lint about a tenth of Node's start-up.
 */
function withThousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

// A file the check cannot read as data says so, instead of passing unchecked: a typo that drops a
// protection must not hide behind an anchor used a thousand times.
const UNCONVERTIBLE: Record<Unconvertible['reason'], { message: string; severity?: 'info' }> = {
  cycle: {
    message: 'This alias sits inside the anchor it refers to, so the data never ends; Compose cannot load the file',
  },
  'collection-key': {
    message:
      'A mapping or list (written here or through an alias) is used as a key; Compose keys are strings, so Compose cannot load the file',
  },
  'too-many-aliases': {
    message: `Not checked against the Compose Specification: the file's anchors are used more than Shipshape expands (${withThousands(MAX_ALIASES)} aliases, or one alias standing for over ${withThousands(MAX_ALIAS_EXPANSION)} nodes, a bound against alias bombs), so unknown keys and wrong types are not reported in it`,
    severity: 'info',
  },
};

interface Problem {
  range: Range;
  message: string;
  fixes: Fix[];
}

function unknownKey(model: ComposeModel, error: ErrorObject): Problem | undefined {
  const name = String((error.params as { additionalProperty: string }).additionalProperty);
  const pointer = `${error.instancePath}/${escapePointerSegment(name)}`;
  const located = locate(model, pointer);
  if (!located.complete || !located.key) return undefined;
  const where = owner(error.instancePath);
  const inside = field(error.instancePath);
  const place = inside ? `${where} (under ${truncate(inside)})` : where;
  if (error.instancePath === '' && (fieldOf(model, located.node, 'image') || fieldOf(model, located.node, 'build'))) {
    return {
      range: rangeOf(model, located.key),
      message: `${quote(name)} looks like a service at the top level (Compose file format v1), which Compose v2 does not read; move it under "services:"`,
      fixes: [],
    };
  }
  const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  const suggestion = closestName(name, known);
  if (!suggestion) {
    return {
      range: rangeOf(model, located.key),
      message: `Unknown key ${quote(name)} in ${place}; Compose does not accept it (custom data goes under an "x-" key)`,
      fixes: [],
    };
  }
  // Renaming onto a key the mapping already has would make a duplicate key.
  const taken = located.owner ? fieldOf(model, located.owner, suggestion)?.owner === located.owner : false;
  const consequence = PROTECTIVE_KEYS.has(suggestion)
    ? 'the protection it sets is silently dropped'
    : 'the setting is silently dropped';
  return {
    range: rangeOf(model, located.key),
    message: taken
      ? `Unknown key ${quote(name)} in ${place}; "${suggestion}" is already set, so remove this one`
      : `Unknown key ${quote(name)} in ${place}; did you mean "${suggestion}"? (${consequence})`,
    fixes: taken
      ? []
      : [{ title: `Rename to ${suggestion}`, edits: [replaceScalarContent(model, located.key, suggestion)], preferred: true }],
  };
}

function valueProblem(model: ComposeModel, path: string, errors: ErrorObject[]): Problem | undefined {
  const located = locate(model, path);
  if (!located.complete) return undefined;
  const node = located.node;
  // A block collection spans many lines: its key is the smallest text that says where.
  const target =
    node && !isScalar(node) && !(node as { flow?: boolean }).flow && located.key ? located.key : (node ?? located.key);
  const name = field(path) || (path.split('/').pop() ?? '');
  const subject = path.split('/').length <= 2 ? `Top-level ${quote(name)}` : `${quote(name)} in ${owner(path)}`;
  const types = errors.filter((e) => e.keyword === 'type');
  if (types.length > 0) {
    const wanted = types.flatMap((e) => {
      const type = (e.params as { type: string | string[] }).type;
      return (Array.isArray(type) ? type : String(type).split(',')).map((t) => TYPE_NAMES[t] ?? t);
    });
    return {
      range: rangeOf(model, target),
      message: `${subject} must be ${orList(wanted)}, not ${typeOfData(types[0]!.data)}`,
      fixes: [],
    };
  }
  const enums = errors.filter((e) => e.keyword === 'enum');
  if (enums.length > 0) {
    const allowed = [...new Set(enums.flatMap((e) => (e.params as { allowedValues: unknown[] }).allowedValues.map(String)))];
    const written = String(enums[0]!.data);
    const suggestion = closestName(written, allowed);
    const fixes: Fix[] =
      suggestion && isScalar(node)
        ? [{ title: `Change to ${suggestion}`, edits: [replaceScalarContent(model, node, suggestion)], preferred: true }]
        : [];
    return {
      range: rangeOf(model, target),
      message: `${subject} is ${quote(written)}; ${suggestion ? `did you mean "${suggestion}"? ` : ''}Compose accepts ${orList(allowed.map((a) => `"${a}"`))}`,
      fixes,
    };
  }
  const required = errors.filter((e) => e.keyword === 'required');
  if (required.length > 0) {
    const missing = orList(required.map((e) => `"${(e.params as { missingProperty: string }).missingProperty}"`));
    return {
      range: rangeOf(model, located.key ?? node),
      message: `${subject} needs ${missing} (Compose Specification)`,
      fixes: [],
    };
  }
  const first = errors[0]!;
  return {
    range: rangeOf(model, target),
    message: `${subject} ${first.message ?? 'is not valid'} (Compose Specification)`,
    fixes: [],
  };
}

/**
 * One problem per place. With allErrors, a value that fails a oneOf reports every branch: a long
 * volume with a typo fails "must be string" as well as the real unknown key. A type error is
 * dropped when the same value has a more specific error (another keyword, or one deeper down),
 * since that branch is the one the author meant.
 */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  // An empty value (`services:` while typing, `environment:`) is left to the loaders, which read
  // most of them as "not set"; reporting it as a type error would be noise.
  const relevant = errors.filter(
    (e) =>
      !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword) && !isInterpolated(e) && !(e.keyword === 'type' && e.data === null),
  );
  // Paths with a non-type error, and every path with an error below it: one pass, not a search
  // of all errors per type error.
  const specific = new Set<string>();
  const hasDeeper = new Set<string>();
  for (const error of relevant) {
    if (error.keyword !== 'type') specific.add(error.instancePath);
    const path = error.instancePath;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1))
      hasDeeper.add(path.slice(0, slash));
    if (path !== '') hasDeeper.add('');
  }
  return relevant.filter(
    (error) => error.keyword !== 'type' || (!specific.has(error.instancePath) && !hasDeeper.has(error.instancePath)),
  );
}

export default defineRule({
  id: 'compose-schema',
  title: 'Not valid against the Compose Specification',
  category: 'correctness',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { checkov: [] },
  docs: {
    why: '`docker compose` refuses a file with an unknown key or a wrong type, and tools that read Compose files more loosely (podman-compose, older loaders, some hosting platforms) ignore what they do not know, so a typo in a security key (`read-only:` for `read_only:`, `privilegd:`, `cap-drop:`, `security-opt:`) silently drops the protection you meant to add. Files are validated against the official Compose Specification schema, after YAML merge keys are applied; values written with `${VAR}` interpolation are typed only after interpolation, so they are not reported. A file that cannot be read as data at all (an alias inside its own anchor, a mapping used as a key) is reported as such, and one whose anchors expand beyond what Shipshape expands (a bound against alias bombs) gets one info finding saying it was not checked, rather than passing unchecked.',
    bad: 'services:\n  api:\n    image: node:22-slim\n    read-only: true\n    cap-drop: [ALL]',
    good: 'services:\n  api:\n    image: node:22-slim\n    read_only: true\n    cap_drop: [ALL]',
    fix: 'Renames an unknown key when exactly one known key is close to it ("did you mean read_only?"), and corrects a misspelt value from a fixed list (`condition: service_healthy`).',
  },
  compose(ctx) {
    const { model } = ctx;
    // A file that does not parse is syntax-error's finding; schema errors on a recovered tree would be noise.
    if (model.problems.length > 0 || model.doc.contents === null || isAlias(model.doc.contents)) return;
    const merged = mergedValue(model.doc);
    if (!('value' in merged)) {
      const { message, severity } = UNCONVERTIBLE[merged.reason];
      return ctx.report({ range: rangeOf(model, merged.node), message, fixes: [], ...(severity ? { severity } : {}) });
    }
    const { value } = merged;
    if (value === undefined || value === null) return;
    const errors = collapse(validate(value));
    const problems: Problem[] = [];
    const byPath = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (error.keyword === 'additionalProperties') {
        const problem = unknownKey(model, error);
        if (problem) problems.push(problem);
        continue;
      }
      const group = byPath.get(error.instancePath);
      if (group) group.push(error);
      else byPath.set(error.instancePath, [error]);
    }
    for (const [path, group] of byPath) {
      const problem = valueProblem(model, path, group);
      if (problem) problems.push(problem);
    }
    const seen = new Set<string>();
    for (const problem of problems) {
      const key = `${problem.range.start.line}:${problem.range.start.character}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report(problem);
    }
  },
});
