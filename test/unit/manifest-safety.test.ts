// What package.json promises about safety: a workspace cannot turn on network lookups, and
// `npm run fuzz` runs the property tests (not, through .mocharc's spec, the whole suite again).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('package.json safety promises', () => {
  it('network settings are user or machine settings that a workspace cannot override', () => {
    const network = Object.entries(manifest.contributes.configuration.properties).filter(([key]) =>
      key.startsWith('shipshape.network.'),
    );
    assert.ok(network.length >= 2);
    for (const [key, setting] of network) {
      // `machine-overridable` (and window, resource) let a workspace's .vscode/settings.json set it.
      assert.ok(setting.scope === 'machine' || setting.scope === 'application', `${key}: ${setting.scope}`);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    }
  });

  it('npm run fuzz runs only the property tests', () => {
    const script = manifest.scripts.fuzz!;
    assert.match(script, /--no-config/, "without it, .mocharc's spec adds every test file");
    const files = [...script.matchAll(/(test\/\S+?\.test\.ts)'?/g)].map((m) => m[1]!);
    assert.deepEqual(files, ['test/robustness/engine-fuzz.test.ts', 'test/robustness/*property*.test.ts']);
    const properties = fs.readdirSync(path.join(ROOT, 'test/robustness')).filter((f) => /property.*\.test\.ts$/.test(f));
    assert.ok(properties.length > 0, 'the pattern names at least one file');
  });
});
