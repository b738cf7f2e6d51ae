// The generated Compose validator is built without ajv's verbose errors and messages, which were
// most of its code (scripts/generate-compose-validator.mjs). compose-schema reads the failing data,
// the schema around an unknown key and, for a few keywords, ajv's wording: they are rebuilt here
// for the errors of one file, which are few, instead of being written into every error site.
import type { ErrorObject } from 'ajv';
import { escapePointerSegment, pointerSegments, unescapePointerSegment } from './json-pointer';

type Schema = { [keyword: string]: unknown };

let spec: Schema | undefined;

// Read only to explain errors, which most files have none of: a Compose lint without schema errors
// neither parses the spec's 75 KB nor keeps it on the heap.
function composeSpec(): Schema {
  if (!spec) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('./compose-spec.json') as Schema;
    // The CLI's build makes a JSON file an ES module, which require() returns as its namespace.
    spec = 'definitions' in loaded ? loaded : (loaded['default'] as Schema);
  }
  return spec;
}

// How ajv writes a key into a schemaPath (a URI fragment of a JSON pointer).
function escapeFragment(segment: string): string {
  return encodeURIComponent(escapePointerSegment(segment));
}

/** What `keys` lead to from `root`, one property after another; undefined where one is missing. */
function follow(root: unknown, keys: string[]): unknown {
  let current = root;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The value an instancePath points at, read as ajv read it. */
export function valueAt(value: unknown, instancePath: string): unknown {
  return follow(value, pointerSegments(instancePath));
}

/** A schema that applies at a place in the data, with its schemaPath as ajv reports it there. */
interface Applied {
  schema: Schema;
  /** The path from the root or from the definition of the last $ref, as with `inlineRefs: false`. */
  path: string;
}

function resolveRef(ref: string): Schema | undefined {
  // A $ref is a URI fragment: its percent-escapes are decoded before the pointer's own (RFC 6901).
  const node = follow(
    composeSpec(),
    ref
      .split('/')
      .slice(1)
      .map((segment) => unescapePointerSegment(decodeURIComponent(segment))),
  );
  return node !== null && typeof node === 'object' ? (node as Schema) : undefined;
}

/** A schema and every schema it applies through $ref and its oneOf/anyOf/allOf branches. */
function expand(applied: Applied, out: Applied[], depth = 0): void {
  out.push(applied);
  // The spec's definitions do not refer to themselves without data in between; this only bounds a
  // spec that would.
  if (depth > 32) return;
  const ref = applied.schema['$ref'];
  if (typeof ref === 'string') {
    const target = resolveRef(ref);
    if (target) expand({ schema: target, path: '#' }, out, depth + 1);
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = applied.schema[keyword];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch: unknown, i) => {
      if (branch !== null && typeof branch === 'object')
        expand({ schema: branch as Schema, path: `${applied.path}/${keyword}/${i}` }, out, depth + 1);
    });
  }
}

// The spec has five patterns; a file with many unknown keys asks about them once per key.
const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

/** The schemas that apply to a key or item of data validated by `applied`. */
function childrenOf(applied: Applied, segment: string): Applied[] {
  const { schema, path } = applied;
  const children: Applied[] = [];
  const at = (sub: unknown, subPath: string) => {
    if (sub !== null && typeof sub === 'object') children.push({ schema: sub as Schema, path: subPath });
  };
  let matched = false;
  const properties = schema['properties'] as Schema | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) {
    at(properties[segment], `${path}/properties/${escapeFragment(segment)}`);
    matched = true;
  }
  const patterns = schema['patternProperties'] as Schema | undefined;
  for (const pattern of Object.keys(patterns ?? {})) {
    if (compiled(pattern).test(segment)) {
      at(patterns![pattern], `${path}/patternProperties/${escapeFragment(pattern)}`);
      matched = true;
    }
  }
  if (!matched) at(schema['additionalProperties'], `${path}/additionalProperties`);
  const items = schema['items'];
  if (/^\d+$/.test(segment)) {
    if (Array.isArray(items)) at(items[Number(segment)], `${path}/items/${segment}`);
    else at(items, `${path}/items`);
  }
  return children;
}

/**
 * The schema an error's schemaPath names, found among the schemas that apply where the error is
 * (its instancePath): the schemaPath alone is ambiguous, being relative to the last $ref.
 */
export function schemaAt(instancePath: string, schemaPath: string): Schema | undefined {
  let applied: Applied[] = [];
  expand({ schema: composeSpec(), path: '#' }, applied);
  for (const segment of pointerSegments(instancePath)) {
    const next: Applied[] = [];
    for (const parent of applied) for (const child of childrenOf(parent, segment)) expand(child, next);
    applied = next;
  }
  return applied.find((a) => a.path === schemaPath)?.schema;
}

function parentPath(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

// ajv's wording for the keywords of the spec that compose-schema shows as they are; the unit test
// checks them against ajv's own messages.
const MESSAGES: Record<string, (params: Record<string, unknown>) => string> = {
  type: (p) => `must be ${String(p['type'])}`,
  enum: () => 'must be equal to one of the allowed values',
  required: (p) => `must have required property '${String(p['missingProperty'])}'`,
  additionalProperties: () => 'must NOT have additional properties',
  oneOf: () => 'must match exactly one schema in oneOf',
  minimum: (p) => `must be ${String(p['comparison'])} ${String(p['limit'])}`,
  maximum: (p) => `must be ${String(p['comparison'])} ${String(p['limit'])}`,
  pattern: (p) => `must match pattern "${String(p['pattern'])}"`,
  uniqueItems: (p) => `must NOT have duplicate items (items ## ${String(p['j'])} and ${String(p['i'])} are identical)`,
};

/**
 * Gives the errors of one validation of `value` the data, parent schema and message ajv's verbose
 * mode gave them (in place: the validator makes new error objects on every call).
 */
export function explainErrors(errors: ErrorObject[], value: unknown): ErrorObject[] {
  // The unknown keys of one mapping share their place and parent schema: a file with thousands of
  // them walks each place once.
  const data = new Map<string, unknown>();
  const parents = new Map<string, Schema | undefined>();
  for (const error of errors) {
    const { instancePath, schemaPath } = error;
    if (!data.has(instancePath)) data.set(instancePath, valueAt(value, instancePath));
    error.data = data.get(instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = `${instancePath} ${schemaPath}`;
      if (!parents.has(key)) parents.set(key, schemaAt(instancePath, parentPath(schemaPath)));
      error.parentSchema = parents.get(key);
    }
    error.message = MESSAGES[error.keyword]?.(error.params as Record<string, unknown>);
  }
  return errors;
}
