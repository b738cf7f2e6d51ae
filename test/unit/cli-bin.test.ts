// bin/shipshape.js as users start it: the short cuts it takes for start-up time (the version
// without the bundle, reports written without Node's stream modules) must not change what it says.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';
import { LINT_OPTIONS } from '../../server/src/cli/main';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/shipshape.js');
const CLI = path.join(ROOT, 'dist/cli.js');
// Node 22+ keeps its own compile cache (load-bundle.js); the entries are ours on Node 20 and 21.
const NODE_KEEPS_ITS_OWN_CACHE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** The entries of the bin's compile cache under an XDG cache home. */
const cacheEntries = (cacheHome: string) => fs.readdirSync(path.join(cacheHome, 'shipshape/compile-cache'));

function node(args: string[], options: { input?: string; shell?: string; cacheHome?: string } = {}) {
  const env = {
    ...process.env,
    NO_COLOR: '1',
    ...(options.cacheHome
      ? { XDG_CACHE_HOME: options.cacheHome, NODE_DISABLE_COMPILE_CACHE: '' }
      : { NODE_DISABLE_COMPILE_CACHE: '1' }),
  };
  const result = options.shell
    ? spawnSync('sh', ['-c', options.shell], { cwd: ROOT, encoding: 'utf8', env })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env, input: options.input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/shipshape.js', () => {
  before(() => ensureFreshDist());

  it('prints the version the bundle prints, from package.json, for --version and -v', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      assert.deepEqual(node([BIN, flag]), { status: 0, stdout: `${version}\n`, stderr: '' });
      assert.deepEqual(node([CLI, flag]), { status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it("keeps the report whole when yaml's debugging switches are set in the environment", () => {
    // yaml prints every token (LOG_TOKENS) and document (LOG_STREAM) to stdout when asked to; the
    // bundles take those reads out (esbuild.mjs), or a JSON report would not parse.
    const env = { ...process.env, NO_COLOR: '1', NODE_DISABLE_COMPILE_CACHE: '1', LOG_TOKENS: '1', LOG_STREAM: '1' };
    const run = spawnSync(process.execPath, [BIN, 'lint', 'examples/compose.yaml', '--format', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
    });
    assert.equal(run.status, 0, run.stderr);
    const [report] = JSON.parse(run.stdout) as { messages: unknown[] }[];
    assert.ok(report!.messages.length > 0);
    for (const bundle of fs.readdirSync(path.join(ROOT, 'dist')).filter((file) => file.endsWith('.js')))
      assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8'), /env\.LOG_(TOKENS|STREAM)/, bundle);
  });

  it('writes a report larger than a pipe holds, whole, to a pipe and to a file', () => {
    // Many findings: the JSON report is far over the 64 KB a Linux pipe buffers.
    const text = Array.from({ length: 400 }, (_, i) => `FROM alpine:latest AS s${i}\nRUN sudo apt-get install curl\n`).join('');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-'));
    try {
      const input = path.join(work, 'Dockerfile');
      const output = path.join(work, 'report.json');
      fs.writeFileSync(input, text);
      const piped = node([BIN, 'lint', input, '--format', 'json', '--fail-on', 'none']);
      assert.equal(piped.status, 0, piped.stderr);
      assert.ok(piped.stdout.length > 256 * 1024, `report is ${piped.stdout.length} bytes`);
      assert.equal((JSON.parse(piped.stdout) as { messages: unknown[] }[])[0]!.messages.length > 1000, true);
      const toFile = node([], {
        shell: `"${process.execPath}" "${BIN}" lint "${input}" --format json --fail-on none > "${output}"`,
      });
      assert.equal(toFile.status, 0, toFile.stderr);
      assert.equal(fs.readFileSync(output, 'utf8'), piped.stdout);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("keeps the compiled code of a Compose lint apart from a Dockerfile lint's, with the same reports", function () {
    if (NODE_KEEPS_ITS_OWN_CACHE) this.skip();
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-cache-'));
    try {
      const lint = (file: string, cached: boolean) =>
        node([BIN, 'lint', file, '--format', 'json', '--fail-on', 'none'], cached ? { cacheHome } : {});
      for (const file of ['examples/Dockerfile', 'examples/compose.yaml', 'examples/Dockerfile', 'examples/compose.yaml'])
        assert.equal(lint(file, true).stdout, lint(file, false).stdout, file);
      const entries = cacheEntries(cacheHome);
      const names = entries.map((entry) => /^(.*?)-[0-9a-z]+-v\d/.exec(entry)?.[1]);
      for (const name of ['cli-lint', 'cli-lint-compose', 'cli-dockerfile-lint', 'cli-compose-lint-compose'])
        assert.ok(names.includes(name), `${name}: ${names.join()}`);
      // Each kind's implementation and rules are loaded only by a lint of that kind (ADR 008).
      assert.ok(!names.includes('cli-compose-lint') && !names.includes('cli-compose-validator-lint'), names.join());
      // Except the Dockerfile file for the model of the Dockerfile a service builds (examples/compose.yaml has one).
      assert.ok(names.includes('cli-dockerfile-lint-compose'), names.join());
    } finally {
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it('keeps the compiled code of a folder lint apart from a one-file lint', function () {
    if (NODE_KEEPS_ITS_OWN_CACHE) this.skip();
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-cache-'));
    const variants = () =>
      new Set(
        cacheEntries(cacheHome)
          .map((entry) => /^cli-(lint(?:-compose|-tree)?)-[0-9a-z]+-v\d/.exec(entry)?.[1])
          .filter((name) => name !== undefined),
      );
    try {
      // An entry holds what the run that wrote it compiled: a folder's run compiles both kinds and
      // the walk, which a one-file run would then deserialise on every start (bin/shipshape.js).
      assert.equal(node([BIN, 'lint', 'examples', '--fail-on', 'none'], { cacheHome }).status, 0);
      assert.deepEqual([...variants()], ['lint-tree']);
      // `json` is the value of --format, not a path; examples/Dockerfile is one file.
      const oneFile = node([BIN, 'lint', '--format', 'json', 'examples/Dockerfile', '--fail-on', 'none'], { cacheHome });
      assert.equal(oneFile.status, 0, oneFile.stderr);
      assert.deepEqual([...variants()].sort(), ['lint', 'lint-tree']);
    } finally {
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it('runs a bundle that is not ASCII with its text intact through the compile cache', function () {
    if (NODE_KEEPS_ITS_OWN_CACHE) this.skip();
    // load-bundle.js reads ASCII files as one-byte text; any other file must still decode as UTF-8.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-'));
    try {
      const bundle = path.join(work, 'bundle.js');
      fs.writeFileSync(bundle, "module.exports = { text: 'caf\u00e9 \u2713', ascii: require('./chunk.js').text };\n");
      fs.writeFileSync(path.join(work, 'chunk.js'), "exports.text = 'plain';\n");
      const script = `const { loadBundle } = require(${JSON.stringify(path.join(ROOT, 'bin/load-bundle.js'))});
        const { text, ascii } = loadBundle(${JSON.stringify(bundle)}, 'test');
        process.stdout.write(JSON.stringify([text, ascii]));`;
      for (let run = 0; run < 2; run++) {
        const result = node(['-e', script], { cacheHome: work });
        assert.equal(result.stdout, JSON.stringify(['caf\u00e9 \u2713', 'plain']), result.stderr);
      }
      assert.ok(cacheEntries(work).some((entry) => entry.startsWith('bundle-test-')));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('stops quietly when the reader closes the pipe early (lint | head)', function () {
    if (process.platform === 'win32') this.skip();
    const text = Array.from({ length: 400 }, (_, i) => `FROM alpine:latest AS s${i}\n`).join('');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bin-'));
    try {
      fs.writeFileSync(path.join(work, 'Dockerfile'), text);
      const result = node([], {
        // The exit status of the CLI, not of head: written to the outer stdout (3) from inside the pipeline.
        shell: `exec 3>&1; { "${process.execPath}" "${BIN}" lint "${path.join(work, 'Dockerfile')}" --fail-on none; echo "status $?" >&3; } | head -c 10 >/dev/null`,
      });
      assert.equal(result.stdout, 'status 0\n');
      assert.equal(result.stderr, '', 'no stack trace for a closed pipe');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('knows every lint option that takes a value, long and short, as cli/main.ts declares them', () => {
    // The bin tells paths from option values before the bundle loads: an option missing from its
    // list would make the value count as a path (a wrong cache variant: speed, never results).
    const source = fs.readFileSync(BIN, 'utf8');
    const list = /const LINT_VALUE_OPTIONS = new Set\(\[([^\]]*)\]\)/.exec(source)?.[1];
    assert.ok(list, 'LINT_VALUE_OPTIONS not found in bin/shipshape.js');
    const inBin = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!).sort();
    const declared = Object.entries(LINT_OPTIONS as Record<string, { type: string; short?: string }>)
      .filter(([, option]) => option.type === 'string')
      .flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])])
      .sort();
    assert.deepEqual(inBin, declared);
  });
});
