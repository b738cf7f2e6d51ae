// The Compose schema validator is generated at build time; it must match the schema it came from.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import validateGenerated from '../../server/src/engine/compose/compose-validator.generated';

const ROOT = path.join(__dirname, '../..');

interface Generator {
  OUTPUT: string;
  AJV_OPTIONS: Record<string, unknown>;
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

  it('reports what the schema compiled at run time reports, on every Compose fixture', () => {
    const compiled = new Ajv(generator.AJV_OPTIONS).compile(generator.composeSchema());
    const fixtures = fs
      .readdirSync(path.join(ROOT, 'test/rules'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.ya?ml$/.test(name) && !name.includes('.fixed.'));
    let checked = 0;
    for (const name of fixtures) {
      let data: unknown;
      try {
        data = parse(fs.readFileSync(path.join(ROOT, 'test/rules', name), 'utf8'), { merge: true, maxAliasCount: 100 });
      } catch {
        continue;
      }
      const summary = (errors: typeof compiled.errors) =>
        (errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);
      const expected = compiled(data) ? [] : summary(compiled.errors);
      const actual = validateGenerated(data) ? [] : summary(validateGenerated.errors);
      assert.deepEqual(actual, expected, name);
      checked++;
    }
    assert.ok(checked > 50, `checked ${checked} fixtures`);
  });
});
