import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
