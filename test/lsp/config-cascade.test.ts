// The config cascade in the language server: a document gets its folder's config on top of its
// parents' (the lookup and reads the CLI uses), and `root:` / a path in `extends:` are no config
// errors in the open .shipshape.yaml.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './lsp-client';

describe('language server: config cascade', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  const uriOf = (name: string) => `file://${path.join(dir, name)}`;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-cascade-')));
    write('.git/HEAD', '');
    // The organisation's policy at the root; a team folder adds to it; another team opts out.
    write('.shipshape.yaml', 'rules:\n  privileged: off\n');
    write('team/.shipshape.yaml', 'extends: ../policy/base.yaml\n');
    write('policy/base.yaml', 'rules:\n  cap-drop-all: off\n');
    write('solo/.shipshape.yaml', 'root: true\n');
    client = new TestClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const compose =
    'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    read_only: true\n    security_opt: [no-new-privileges:true]\n';
  const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((d) => String(d.code)).sort();

  it('a nested config builds on the root config and on the file it extends', async () => {
    const uri = uriOf('team/compose.yaml');
    await client.open(uri, 'dockercompose', compose);
    const found = codes(await client.waitForDiagnostics(uri));
    assert.ok(!found.includes('privileged'), `root policy lost: ${found.join(', ')}`);
    assert.ok(!found.includes('cap-drop-all'), `extends ignored: ${found.join(', ')}`);
  });

  it('root: true keeps the parent config out', async () => {
    const uri = uriOf('solo/compose.yaml');
    await client.open(uri, 'dockercompose', compose);
    assert.ok(codes(await client.waitForDiagnostics(uri)).includes('privileged'));
  });

  it('root and a path in extends are no config errors in the open config', async () => {
    const uri = uriOf('solo/.shipshape.yaml');
    await client.open(uri, 'yaml', 'root: true\nextends: ../policy/base.yaml\nrules:\n  root-user: loud\n');
    assert.deepEqual(
      (await client.waitForDiagnostics(uri)).map((d) => [d.code, d.range.start.line]),
      [['config', 3]],
    );
  });
});
