import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import composeSpec from '../compose/compose-spec.json';
import { resolveAlias, type ComposeModel } from '../compose/model';
import { defineRule } from '../rule';
import type { Fix, Range } from '../types';
import { editDistance } from './syntax-error';

let validator: ValidateFunction | undefined;
function validate(value: unknown): ErrorObject[] {
  // Compiled once per process; the schema is the official one, shipped unmodified.
  if (!validator) {
    // The spec names its meta-schema by an https URL ajv does not register; it is draft-07 either way.
    const schema: Record<string, unknown> = { ...(composeSpec as Record<string, unknown>) };
    delete schema.$schema;
    validator = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, validateSchema: false }).compile(
      schema,
    );
  }
  return validator(value) ? [] : (validator.errors ?? []);
}

/** The node at a JSON pointer in the document as written (merged keys may not exist there). */
function nodeAt(model: ComposeModel, pointer: string): { node: Node | null; key?: Node; depth: number } {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Node | null = model.doc.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      key = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      key = undefined;
      node = item;
    } else break;
    depth++;
  }
  return key ? { node, key, depth } : { node, depth };
}

function rangeOf(model: ComposeModel, node: Node | null | undefined): Range {
  return node?.range ? model.index.range(node.range[0], node.range[1]) : model.index.range(0, 0);
}

/** Where a path points, in words: `service "web"`, `network "back"`, `the top level`. */
function describe(pointer: string): string {
  const [section, name, ...rest] = pointer.split('/').slice(1);
  if (!section) return 'the top level';
  const singular: Record<string, string> = {
    services: 'service',
    networks: 'network',
    volumes: 'volume',
    secrets: 'secret',
    configs: 'config',
  };
  const owner = name !== undefined && singular[section] ? `${singular[section]} "${name}"` : `"${section}"`;
  return rest.length > 0 ? `${owner} (${rest.join('.')})` : owner;
}

function closestKey(unknown: string, known: string[]): string | undefined {
  const normalised = unknown.replace(/-/g, '_').toLowerCase();
  const exact = known.find((k) => k === normalised);
  if (exact) return exact;
  const close = known.filter((k) => editDistance(normalised, k) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

const MAX_ALIASES = 500;

/**
 * Whether converting to plain data is safe: no alias inside the node it refers to (a cycle, which
 * Compose rejects and which makes the yaml package's toJS run for minutes) and a bounded number of
 * aliases (billion-laughs expansion).
 */
function safeToConvert(doc: Document): boolean {
  let aliases = 0;
  let safe = true;
  visit(doc, {
    Alias(_, alias, path) {
      aliases++;
      const target = resolveAlias(doc, alias);
      if (aliases > MAX_ALIASES || (target && path.includes(target as never))) {
        safe = false;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/** The data Compose validates: merge keys applied, as `docker compose config` does. */
function mergedValue(text: string): unknown {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (!safeToConvert(doc)) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined; // alias expansion limits: nothing sensible to validate
  }
}

export default defineRule({
  id: 'compose-schema',
  title: 'Not valid against the Compose Specification',
  category: 'correctness',
  severity: 'error',
  refs: { checkov: [] },
  docs: {
    why: 'Compose ignores or rejects keys it does not know, so a typo in a security key (`read-only:` for `read_only:`, `privilegd:`, `cap-drop:`, `security-opt:`) silently drops the protection you meant to add, and a wrong type fails `docker compose up`. Files are validated against the official Compose Specification schema (with `${VAR}` interpolation allowed wherever a value is expected).',
    bad: 'services:\n  api:\n    image: node:22-slim\n    read-only: true\n    cap-drop: [ALL]',
    good: 'services:\n  api:\n    image: node:22-slim\n    read_only: true\n    cap_drop: [ALL]',
    fix: 'Renames an unknown key when exactly one known key is close to it ("Did you mean read_only?").',
  },
  compose(ctx) {
    const { model } = ctx;
    if (model.problems.length > 0 || model.doc.contents === null) return;
    const value = mergedValue(model.text);
    if (value === undefined || value === null) return;
    const seen = new Set<string>();
    for (const error of validate(value)) {
      // A value written as ${VAR} (or with ${VAR:-default}) is typed only after interpolation.
      if (typeof error.data === 'string' && error.data.includes('$')) continue;
      // oneOf/anyOf failures repeat the specific errors below them.
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
      if (error.keyword === 'additionalProperties') {
        const name = String((error.params as { additionalProperty: string }).additionalProperty);
        const pointer = `${error.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (seen.has(pointer)) continue;
        seen.add(pointer);
        const located = nodeAt(model, pointer);
        const where = describe(error.instancePath);
        const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {});
        const suggestion = closestKey(name, known);
        const keyNode = located.key;
        const fixes: Fix[] =
          suggestion && keyNode && located.depth === pointer.split('/').length - 1
            ? [
                {
                  title: `Rename to ${suggestion}`,
                  edits: [{ range: rangeOf(model, keyNode), newText: suggestion }],
                  preferred: true,
                },
              ]
            : [];
        const looksLikeV1Service =
          error.instancePath === '' &&
          isMap(located.node) &&
          located.node.items.some((p) => isScalar(p.key) && ['image', 'build'].includes(String(p.key.value)));
        ctx.report({
          range: rangeOf(model, keyNode ?? located.node),
          message: looksLikeV1Service
            ? `"${name}" looks like a service at the top level (Compose file format v1), which Compose v2 does not read; move it under "services:"`
            : suggestion
              ? `Unknown key "${name}" in ${where}; did you mean "${suggestion}"? Compose does not apply "${name}", so the setting is silently lost`
              : `Unknown key "${name}" in ${where}; Compose does not apply it`,
          fixes,
        });
        continue;
      }
      if (seen.has(error.instancePath)) continue;
      seen.add(error.instancePath);
      const located = nodeAt(model, error.instancePath);
      ctx.report({
        range: rangeOf(model, located.node),
        message: `${describe(error.instancePath)}: ${error.message ?? 'is not valid'} (Compose Specification)`,
      });
    }
  },
});
