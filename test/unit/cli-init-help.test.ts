// CLI details a new user meets first: `init --help`, the schema line `init` writes, and a missing
// file that must not end in "No problems found".
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type Io } from '../../server/src/cli/main';
import { INITIAL_CONFIG, SCHEMA_URL } from '../../server/src/cli/init-command';
import { parseConfigText } from '../../server/src/workspace/config-cascade';

const ROOT = path.join(__dirname, '../..');

function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, cwd };
  const code = main(args, io) as number;
  return { code, stdout, stderr };
}

describe('CLI first steps', () => {
  let dir: string;
  beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-init-')))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const flag of ['--help', '-h']) {
    it(`init ${flag} prints help and writes nothing`, () => {
      const result = cli(dir, 'init', flag);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Usage: shipshape init \[--force\]/);
      assert.match(result.stdout, /--force/);
      assert.ok(!fs.existsSync(path.join(dir, '.shipshape.yaml')));
    });
  }

  it('init with an unknown option says so, with the usage', () => {
    const result = cli(dir, 'init', '--yes');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unexpected --yes[\s\S]*Usage: shipshape init/);
  });

  it('init writes a yaml-language-server schema line whose URL is the raw JSON schema of this repository', () => {
    assert.equal(cli(dir, 'init').code, 0);
    const text = fs.readFileSync(path.join(dir, '.shipshape.yaml'), 'utf8');
    const first = text.split('\n')[0]!;
    assert.equal(first, `# yaml-language-server: $schema=${SCHEMA_URL}`);
    // A raw file URL (JSON), not a github.com page (HTML); it names the schema file in the repository.
    const match = /^https:\/\/raw\.githubusercontent\.com\/shipshape-dev\/shipshape\/main\/(.+)$/.exec(SCHEMA_URL);
    assert.ok(match, SCHEMA_URL);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, match[1]!), 'utf8')) as { $schema: string; $id: string };
    assert.match(schema.$schema, /json-schema\.org/);
    assert.equal(schema.$id, SCHEMA_URL);
    const repository = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } })
      .repository.url;
    assert.ok(SCHEMA_URL.includes(new URL(repository).pathname.replace(/\.git$/, '')), repository);
    // And the file it writes is a valid config.
    assert.deepEqual(parseConfigText(INITIAL_CONFIG).problems, []);
  });

  it('lint of a missing file prints the error, exits 2, and never says "No problems found"', () => {
    const result = cli(dir, 'lint', 'missing.yaml');
    assert.equal(result.code, 2);
    assert.match(result.stdout + result.stderr, /missing\.yaml: error No such file or directory/);
    assert.doesNotMatch(result.stdout + result.stderr, /No problems found/);
    assert.match(result.stdout, /1 file could not be linted/);
  });
});
