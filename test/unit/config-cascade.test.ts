// Config cascade: a nested .shipshape.yaml builds on its parent folders' configs unless it says
// `root: true`, and `extends:` takes a relative path. The bounds of the lookup still hold: nothing
// above the project root, nothing outside it through `extends:` or a symlink.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { isIgnoredPath, mergeConfig } from '../../server/src/engine';
import { overrideApplies } from '../../server/src/engine/config';
import { main, type Io } from '../../server/src/cli/main';
import { parseConfigText } from '../../server/src/workspace/config-cascade';
import { configRelativePath, findConfigFile, loadConfigFile } from '../../server/src/workspace/config-loader';
import { ProjectRoot } from '../../server/src/workspace/file-access';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cascade-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The config a file gets, as the CLI and the server look it up. */
function effective(project: string, file: string) {
  const root = new ProjectRoot(project);
  const configFile = findConfigFile(path.dirname(path.join(project, file)), root);
  assert.ok(configFile, `no config for ${file}`);
  const loaded = loadConfigFile(configFile, root);
  return { loaded, config: mergeConfig(loaded.config), relative: configRelativePath(path.join(project, file), loaded.dir) };
}

function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, cwd };
  const code = main(args, io) as number;
  return { code, stdout, stderr };
}

describe('config cascade', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = tree(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('a nested config extends its parent: rules merge per id, the nearer file wins', () => {
    const project = make({
      '.git/HEAD': '',
      '.shipshape.yaml': 'extends: strict\nrules:\n  root-user: error\n  cap-drop-all: off\ntrustedRegistries: [ghcr.io/acme]\n',
      'team/.shipshape.yaml': 'rules:\n  cap-drop-all: warning\ntrustedRegistries: [registry.team.example]\n',
    });
    const { config, loaded } = effective(project, 'team/app/Dockerfile');
    assert.equal(config.extends, 'strict');
    assert.equal(config.rules['root-user'], 'error');
    assert.equal(config.rules['cap-drop-all'], 'warning');
    assert.deepEqual(config.trustedRegistries, ['ghcr.io/acme', 'registry.team.example']);
    assert.deepEqual(loaded.sources, [path.join(project, '.shipshape.yaml'), path.join(project, 'team/.shipshape.yaml')]);
    assert.equal(loaded.path, path.join(project, 'team/.shipshape.yaml'));
  });

  it('root: true stops the cascade', () => {
    const project = make({
      '.git/HEAD': '',
      '.shipshape.yaml': 'rules:\n  root-user: error\n',
      'team/.shipshape.yaml': 'root: true\nrules:\n  cap-drop-all: off\n',
    });
    const { config, loaded } = effective(project, 'team/Dockerfile');
    assert.equal(config.rules['root-user'], undefined);
    assert.equal(config.rules['cap-drop-all'], 'off');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.sources, [path.join(project, 'team/.shipshape.yaml')]);
  });

  it('stops at the project root and at a nested repository', () => {
    const outer = make({
      '.shipshape.yaml': 'rules:\n  root-user: off\n',
      'checkout/.git/HEAD': '',
      'checkout/sub/.shipshape.yaml': 'rules:\n  cap-drop-all: off\n',
      'checkout/vendored/.git/HEAD': '',
      'checkout/vendored/.shipshape.yaml': 'rules:\n  privileged: off\n',
    });
    const project = path.join(outer, 'checkout');
    // The project is the checkout: the config above it never joins the cascade.
    const { config } = effective(project, 'sub/Dockerfile');
    assert.equal(config.rules['root-user'], undefined);
    assert.equal(config.rules['cap-drop-all'], 'off');
    // A nested repository's config is its own root.
    const nested = effective(project, 'vendored/Dockerfile');
    assert.deepEqual(nested.loaded.sources, [path.join(project, 'vendored/.shipshape.yaml')]);
  });

  it('extends takes a path relative to the config, under the file own settings', () => {
    const project = make({
      '.git/HEAD': '',
      'policy/base.yaml': 'extends: strict\nrules:\n  root-user: error\n  privileged: warning\nignore: ["generated/**"]\n',
      'svc/.shipshape.yaml': 'extends: ../policy/base.yaml\nrules:\n  privileged: error\n',
    });
    const { config, loaded, relative } = effective(project, 'svc/Dockerfile');
    assert.deepEqual(loaded.problems, []);
    assert.equal(config.extends, 'strict');
    assert.equal(config.rules['root-user'], 'error');
    assert.equal(config.rules.privileged, 'error');
    // base.yaml's glob stays relative to base.yaml's folder.
    assert.equal(loaded.dir, project);
    assert.equal(relative, 'svc/Dockerfile');
    assert.ok(isIgnoredPath(config, 'policy/generated/x/Dockerfile'));
    assert.ok(!isIgnoredPath(config, 'svc/generated/Dockerfile'));
  });

  it('rebases a nested config globs so parent and child globs both mean what they say', () => {
    const project = make({
      '.git/HEAD': '',
      '.shipshape.yaml': 'ignore: ["team/vendor/**"]\n',
      'team/.shipshape.yaml':
        'ignore: ["tmp/**"]\noverrides:\n  - rules: { privileged: off }\n    files: ["deploy/**"]\n    reason: "cAdvisor (SEC-1)"\n',
    });
    const { config, relative } = effective(project, 'team/deploy/compose.yaml');
    assert.equal(relative, 'team/deploy/compose.yaml');
    assert.ok(isIgnoredPath(config, 'team/vendor/Dockerfile'));
    assert.ok(isIgnoredPath(config, 'team/tmp/Dockerfile'));
    assert.ok(!isIgnoredPath(config, 'tmp/Dockerfile'));
    assert.equal(config.overrides.length, 1);
    assert.ok(overrideApplies(config.overrides[0]!, { path: relative }));
    assert.ok(!overrideApplies(config.overrides[0]!, { path: 'deploy/compose.yaml' }));
  });

  it('escapes glob characters in folder names when rebasing', () => {
    const project = make({
      '.git/HEAD': '',
      '.shipshape.yaml': 'rules: {}\n',
      'a[1]/.shipshape.yaml': 'ignore: ["x/**"]\n',
    });
    const { config } = effective(project, 'a[1]/Dockerfile');
    assert.ok(isIgnoredPath(config, 'a[1]/x/Dockerfile'));
    assert.ok(!isIgnoredPath(config, 'a1/x/Dockerfile'));
  });

  it('refuses an extends path outside the project, a symlink out of it, and a loop', () => {
    const outside = make({ 'evil.yaml': 'rules:\n  privileged: off\n' });
    const project = make({
      '.git/HEAD': '',
      'a/.shipshape.yaml': `extends: ../../${path.basename(outside)}/evil.yaml\n`,
      'b/.shipshape.yaml': 'extends: ./link.yaml\n',
      'c/.shipshape.yaml': 'extends: ./one.yaml\n',
      'c/one.yaml': 'extends: ./two.yaml\n',
      'c/two.yaml': 'extends: ./one.yaml\nrules:\n  root-user: error\n',
    });
    fs.symlinkSync(path.join(outside, 'evil.yaml'), path.join(project, 'b/link.yaml'));
    for (const folder of ['a', 'b']) {
      const { config, loaded } = effective(project, `${folder}/Dockerfile`);
      assert.equal(config.rules.privileged, undefined, folder);
      assert.equal(loaded.problems.length, 1, JSON.stringify(loaded.problems));
      assert.match(loaded.problems[0]!.message, /outside the project/);
    }
    const loop = effective(project, 'c/Dockerfile');
    assert.equal(loop.config.rules['root-user'], 'error');
    assert.ok(
      loop.loaded.problems.some((p) => /a loop/.test(p.message)),
      JSON.stringify(loop.loaded.problems),
    );
  });

  it('parses root and extends: wrong values are problems, not silent defaults', () => {
    assert.deepEqual(parseConfigText('root: true\nextends: ../x.yaml\n').problems, []);
    assert.match(parseConfigText('root: yes please\n').problems[0]!.message, /"root" must be true or false/);
    assert.match(parseConfigText('extends: strcit\n').problems[0]!.message, /relative path/);
    assert.match(parseConfigText('extends: /etc/shipshape.yaml\n').problems[0]!.message, /not an absolute one/);
    assert.equal(parseConfigText('extends: strict\n').config.extends, 'strict');
  });

  it('the JSON schema accepts root and a path in extends, and still rejects a misspelled preset', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/shipshape.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const text of ['root: true\n', 'extends: ../policy/base.yaml\n', 'extends: strict\nroot: false\n'])
      assert.ok(validate(parse(text)), `${text}: ${JSON.stringify(validate.errors)}`);
    for (const text of ['extends: strcit\n', 'root: "yes"\n']) assert.ok(!validate(parse(text)), text);
  });

  it('the CLI reports a parent problem once, at the parent file, and applies the cascade', () => {
    const project = make({
      '.git/HEAD': '',
      '.shipshape.yaml': 'rules:\n  no-such-rule: off\n  privileged: off\n',
      'a/.shipshape.yaml': 'rules: {}\n',
      'b/.shipshape.yaml': 'rules: {}\n',
      'a/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      'b/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    });
    const result = cli(project, 'lint', '--format', 'compact', '.');
    assert.equal(result.code, 2, result.stderr);
    const problems = result.stderr.split('\n').filter((line) => line.includes('no-such-rule'));
    assert.deepEqual(problems, ['.shipshape.yaml:2:3 error Unknown rule "no-such-rule" [config]']);
    assert.doesNotMatch(result.stdout, /\[privileged\]/);
  });
});
