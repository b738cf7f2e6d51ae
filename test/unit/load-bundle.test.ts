// bin/load-bundle.js: the CLI's compiled code kept between runs. A cache must never change what
// runs: the same report with and without it, a rebuilt bundle never served old code, and no entry
// read from a folder that someone else could write.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';

const ROOT = path.join(__dirname, '../..');
const LOADER = path.join(ROOT, 'bin/load-bundle.js');
const BIN = path.join(ROOT, 'bin/shipshape.js');
// Node 22.1+ caches through module.enableCompileCache; the vm.Script path is what older Node runs.
const builtIn =
  typeof (createRequire(__filename)('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function node(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function entries(cacheHome: string): string[] {
  const dir = path.join(cacheHome, 'shipshape/compile-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('bin/load-bundle.js (compile cache)', () => {
  let work: string;
  let bundle: string;
  const load = (cacheHome: string, extra: NodeJS.ProcessEnv = {}) =>
    node(
      [
        '-e',
        `process.stdout.write(String(require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)}, 'test').answer()))`,
      ],
      { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '', ...extra },
    );

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-load-bundle-'));
    bundle = path.join(work, 'bundle.js');
    fs.writeFileSync(bundle, 'exports.answer = () => require("node:path").basename(__filename) + ":" + 42;\n');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('runs the bundle as require would, with __filename and require, and keeps one entry', () => {
    const cacheHome = path.join(work, 'cache');
    assert.equal(load(cacheHome).stdout, 'bundle.js:42');
    if (builtIn) return;
    const [entry] = entries(cacheHome);
    assert.match(entry ?? '', /^bundle-test-[0-9a-z]+-v\d+\.\d+\.\d+-.*\.v8$/);
    const written = fs.statSync(path.join(cacheHome, 'shipshape/compile-cache', entry!)).mtimeMs;
    assert.equal(load(cacheHome).stdout, 'bundle.js:42');
    // Read, not written again: the entry was accepted.
    assert.deepEqual(entries(cacheHome), [entry]);
    assert.equal(fs.statSync(path.join(cacheHome, 'shipshape/compile-cache', entry!)).mtimeMs, written);
  });

  it('never serves code compiled from an earlier bundle of the same length', () => {
    const cacheHome = path.join(work, 'cache');
    assert.equal(load(cacheHome).stdout, 'bundle.js:42');
    // Same length, different code: V8 alone would accept the old entry.
    fs.writeFileSync(bundle, 'exports.answer = () => require("node:path").basename(__filename) + ":" + 43;\n');
    assert.equal(load(cacheHome).stdout, 'bundle.js:43');
    if (!builtIn) assert.equal(entries(cacheHome).length, 1, 'the old entry is removed');
  });

  it('reads and writes nothing in a cache folder that others can write', function () {
    if (process.platform === 'win32' || builtIn) this.skip();
    const cacheHome = path.join(work, 'shared');
    fs.mkdirSync(path.join(cacheHome, 'shipshape/compile-cache'), { recursive: true });
    fs.chmodSync(path.join(cacheHome, 'shipshape/compile-cache'), 0o777);
    assert.equal(load(cacheHome).stdout, 'bundle.js:42');
    assert.deepEqual(entries(cacheHome), []);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    const cacheHome = path.join(work, 'cache');
    assert.equal(load(cacheHome, { NODE_DISABLE_COMPILE_CACHE: '1' }).stdout, 'bundle.js:42');
    assert.deepEqual(entries(cacheHome), []);
  });

  describe('the CLI', () => {
    before(() => ensureFreshDist());

    it('reports the same findings cold, from the cache, and without it (Dockerfile and Compose)', () => {
      const cacheHome = path.join(work, 'cache');
      const args = [BIN, 'lint', '--format', 'json', '--fail-on', 'none', 'examples'];
      // Findings on every line of the report, cold and warm: the validator chunk runs from the cache too.
      const without = node(args, { NODE_DISABLE_COMPILE_CACHE: '1' });
      const cold = node(args, { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' });
      const warm = node(args, { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' });
      assert.equal(without.status, 0, without.stderr);
      const kinds = (JSON.parse(without.stdout) as { filePath: string }[]).map((f) => path.basename(f.filePath));
      assert.ok(kinds.includes('Dockerfile') && kinds.includes('compose.yaml'), kinds.join());
      assert.equal(cold.stdout, without.stdout);
      assert.equal(warm.stdout, without.stdout);
      // One per file the run loaded: the bundle, the chunks it shares with the kinds' files, each
      // kind's file and the Compose validator, loaded beside it on the first file of their kind;
      // not the commands and formats a lint does not use (cli-extras.js).
      if (!builtIn) {
        const loaded = entries(cacheHome).map((entry) => entry.split('-lint-')[0]!);
        for (const file of ['cli', 'cli-dockerfile', 'cli-compose', 'cli-compose-validator'])
          assert.ok(loaded.includes(file), `${file}: ${loaded.join()}`);
        for (const file of loaded) assert.ok(fs.existsSync(path.join(ROOT, 'dist', `${file}.js`)), file);
        assert.ok(!loaded.includes('cli-extras'), loaded.join());
        assert.equal(new Set(loaded).size, loaded.length, 'one entry per file');
      }
    });
  });
});
