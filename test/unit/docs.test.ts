import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { RULES } from '../../server/src/engine';
import { renderDocs, withRulesTable } from '../../scripts/render-docs';

const root = path.join(__dirname, '../..');

describe('generated docs', () => {
  it('docs/rules matches rule metadata (run `npm run docs` to refresh)', () => {
    const files = renderDocs();
    for (const [file, content] of files) {
      const full = path.join(root, file);
      assert.ok(fs.existsSync(full), `${file} is missing`);
      assert.equal(fs.readFileSync(full, 'utf8'), content, `${file} is stale`);
    }
    const onDisk = fs.readdirSync(path.join(root, 'docs/rules')).map((n) => `docs/rules/${n}`);
    assert.ok(files.has('schemas/shipshape.schema.json'));
    assert.deepEqual(
      onDisk.filter((f) => !files.has(f)),
      [],
      'docs/rules has pages for rules that do not exist',
    );
  });

  it('the README rules table matches rule metadata', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(withRulesTable(readme), readme, 'README rules table is stale');
  });

  it('every rule has complete metadata', () => {
    for (const rule of RULES) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/, rule.id);
      for (const field of ['why', 'bad', 'good', 'fix'] as const)
        assert.ok(rule.docs[field].trim().length > 10, `${rule.id}.docs.${field}`);
      assert.ok(rule.targets.length > 0, `${rule.id} checks nothing`);
    }
  });
});

describe('config JSON schema', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/shipshape.schema.json'), 'utf8'));
  // ajv validates what the YAML extension will validate in the editor.
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('accepts the documented example config', () => {
    const example = {
      extends: 'recommended',
      rules: { 'cap-drop-all': 'off', 'root-user': 'error' },
      trustedRegistries: ['ghcr.io/acme'],
      trustedImages: ['acme/base-*'],
      nonRootImages: ['ghcr.io/acme/runtime-*'],
      defaultUser: '10001:10001',
      ignore: ['vendor/**'],
      overrides: [{ rules: { privileged: 'off' }, services: ['cadvisor'], files: ['deploy/**'], reason: 'reads host cgroups' }],
    };
    assert.ok(validate(example), JSON.stringify(validate.errors));
  });

  it('rejects unknown keys, unknown rules, bad severities and reasonless overrides', () => {
    for (const bad of [
      { bogus: 1 },
      { rules: { 'no-such-rule': 'off' } },
      { rules: { 'root-user': 'loud' } },
      { overrides: [{ rules: {} }] },
    ]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
    }
  });
});
