// The service key names the near-miss checks use are a list of their own (service-keys.ts), so
// that a Compose lint without schema errors does not load the spec: the list must be the spec's,
// and the spec must stay unloaded until an error is explained.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICE_KEY_NAMES } from '../../server/src/engine/compose/service-keys';

const ROOT = path.join(__dirname, '../..');
const SPEC = path.join(ROOT, 'server/src/engine/compose/compose-spec.json');

describe('Compose service key names', function () {
  this.timeout(60_000);

  it('are the keys compose-spec.json allows in a service, in its order', () => {
    const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8')) as {
      definitions: { service: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(
      [...SERVICE_KEY_NAMES],
      Object.keys(spec.definitions.service.properties),
      'server/src/engine/compose/service-keys.ts must list the keys of definitions.service.properties',
    );
  });

  it('let a lint without schema errors run without loading the spec, which an error then loads', () => {
    // A process of its own: the test run has loaded the spec long before.
    const script = `
      const { lint } = require(${JSON.stringify(path.join(ROOT, 'server/src/engine/lint.ts'))});
      const loaded = () => Object.keys(require.cache).some((file) => file.endsWith('compose-spec.json'));
      const run = (text) => lint({ kind: 'compose', text, path: '/p/compose.yaml' }).findings.map((f) => f.ruleId);
      const clean = run('services:\\n  web:\\n    image: nginx:1.27\\n    privileged: true\\n');
      const before = loaded();
      const broken = run('services:\\n  web:\\n    image: nginx:1.27\\n    read-only: true\\n');
      console.log(JSON.stringify({ clean, before, broken, after: loaded() }));
    `;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { clean: string[]; before: boolean; broken: string[]; after: boolean };
    // The hardening rules ran, whose fixes check the service's keys against the list for misspellings.
    assert.deepEqual(result.clean, ['service-hardening', 'eol-base-image', 'privileged']);
    assert.equal(result.before, false);
    assert.ok(result.broken.includes('compose-schema'), result.broken.join());
    assert.equal(result.after, true);
  });
});
