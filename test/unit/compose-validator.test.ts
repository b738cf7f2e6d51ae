// The Compose schema validator is generated at build time; it must match the schema it came from.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import validateGenerated from '../../server/src/engine/compose/compose-validator.generated';
import { explainErrors } from '../../server/src/engine/compose/validator-errors';

const ROOT = path.join(__dirname, '../..');

interface Generator {
  OUTPUT: string;
  AJV_OPTIONS: Record<string, unknown>;
  composeSpec(): Record<string, unknown>;
  composeSchema(): Record<string, unknown>;
  generatedSource(): string;
}

describe('generated Compose schema validator', function () {
  this.timeout(60_000);
  let generator: Generator;

  before(async () => {
    generator = (await import(path.join(ROOT, 'scripts/generate-compose-validator.mjs'))) as Generator;
  });

  it('is up to date with compose-spec.json (npm run generate:compose-validator)', () => {
    assert.equal(fs.readFileSync(generator.OUTPUT, 'utf8'), generator.generatedSource());
  });

  it('is what the engine uses: nothing under server/src compiles a schema at run time', () => {
    const sources = fs
      .readdirSync(path.join(ROOT, 'server/src'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'));
    const compiling = sources.filter((name) =>
      /new Ajv\b|\.compile\(/.test(fs.readFileSync(path.join(ROOT, 'server/src', name), 'utf8')),
    );
    assert.deepEqual(compiling, []);
  });

  /** Every Compose fixture of the rule tests, parsed as compose-schema validates it. */
  let parsed: { name: string; data: unknown }[] | undefined;
  function fixtures(): { name: string; data: unknown }[] {
    if (parsed) return parsed;
    const names = fs
      .readdirSync(path.join(ROOT, 'test/rules'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name) && !name.includes('.fixed.'));
    const out: { name: string; data: unknown }[] = [];
    for (const name of names) {
      try {
        out.push({
          name,
          data: parse(fs.readFileSync(path.join(ROOT, 'test/rules', name), 'utf8'), {
            merge: true,
            maxAliasCount: 100,
            logLevel: 'error',
          }),
        });
      } catch {
        continue;
      }
    }
    assert.ok(out.length > 50, `${out.length} fixtures`);
    parsed = out;
    return out;
  }

  function errorsOf(validate: (data: unknown) => boolean, data: unknown): ErrorObject[] {
    return validate(data) ? [] : ((validate as unknown as { errors: ErrorObject[] }).errors ?? []);
  }

  // The published spec, annotations and all: the generator leaves the annotations out.
  it('reports what the published schema compiled at run time reports, on every Compose fixture', () => {
    const compiled = new Ajv(generator.AJV_OPTIONS).compile(generator.composeSpec());
    const summary = (errors: ErrorObject[]) =>
      errors.map((e) => `${e.instancePath} ${e.schemaPath} ${e.keyword} ${JSON.stringify(e.params)}`);
    let invalid = 0;
    for (const { name, data } of fixtures()) {
      const expected = summary(errorsOf(compiled, data));
      assert.deepEqual(summary(errorsOf(validateGenerated, data)), expected, name);
      if (expected.length > 0) invalid++;
    }
    assert.ok(invalid > 10, `${invalid} fixtures with errors`);
  });

  it('gives compose-schema the data, parent schema and message that ajv reports with verbose and messages on', () => {
    const verbose = new Ajv({ ...generator.AJV_OPTIONS, verbose: true, messages: true }).compile(generator.composeSpec());
    const keywords = new Set<string>();
    let unknownKeys = 0;
    for (const { name, data } of fixtures()) {
      const expected = errorsOf(verbose, data);
      const actual = explainErrors(errorsOf(validateGenerated, data), data);
      assert.equal(actual.length, expected.length, name);
      actual.forEach((error, i) => {
        const want = expected[i]!;
        const where = `${name} ${want.instancePath} ${want.schemaPath}`;
        assert.deepEqual(error.data, want.data, where);
        assert.equal(error.message, want.message, where);
        if (error.keyword === 'additionalProperties') {
          // The spec's root names its meta-schema, which composeSpec() drops for ajv.
          const parent = { ...(error.parentSchema as Record<string, unknown>) };
          delete parent['$schema'];
          assert.deepEqual(parent, want.parentSchema, where);
          unknownKeys++;
        }
        keywords.add(error.keyword);
      });
    }
    assert.ok(unknownKeys > 20, `${unknownKeys} unknown keys`);
    // Each keyword of the spec that can fail has its message checked here: a new one in an updated
    // spec needs a fixture (and possibly a wording in validator-errors.ts).
    const failing = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (['properties', 'patternProperties', 'definitions'].includes(key)) Object.values(value as object).forEach(walk);
        else {
          if (!['items', '$ref', '$id', 'description', 'title', 'deprecated', 'default'].includes(key)) failing.add(key);
          if (key !== 'enum' && key !== 'required') walk(value);
        }
      }
    };
    walk(generator.composeSpec());
    assert.deepEqual([...failing].filter((k) => !keywords.has(k)).sort(), []);
  });
});
