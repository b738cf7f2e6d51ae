// The npm package as a user installs it: `npm pack`, then `npm install -g` of the tarball into an
// empty prefix, offline (the bundles need no runtime dependency), then the two bins.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BAD_DOCKERFILE, cleanEnv, packTarball, run, runOk, tempDir } from './helpers';

describe('npm package (npm pack, npm install -g)', function () {
  this.timeout(300_000);
  let prefix: string;
  let work: string;
  let bin: (name: string) => string;

  before(() => {
    const tarball = packTarball();
    prefix = tempDir('prefix');
    work = tempDir('npm-work');
    // --offline: the install must not need the registry, so the package has nothing to fetch.
    runOk('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: work,
      env: cleanEnv(),
    });
    bin = (name) => path.join(prefix, 'bin', name);
  });

  after(() => {
    fs.rmSync(prefix, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('ships the bundles, bins and docs, and no sources, tests or runtime dependencies', () => {
    const installed = path.join(prefix, 'lib/node_modules/shipshape');
    for (const file of [
      'dist/cli.js',
      'dist/cli-compose-validator.js',
      'dist/server.js',
      'bin/shipshape.js',
      'bin/shipshape-language-server.js',
      'README.md',
      'LICENSE',
    ])
      assert.ok(fs.existsSync(path.join(installed, file)), `${file} is missing from the package`);
    // Every file the CLI loads beside its bundle (shared chunks, each kind's, the extras), as packed.
    const cliFiles = fs.readdirSync(path.join(__dirname, '../../dist')).filter((file) => /^cli(-[\w-]+)?\.js$/.test(file));
    assert.ok(cliFiles.includes('cli-dockerfile.js') && cliFiles.includes('cli-compose.js'), cliFiles.join());
    for (const file of cliFiles)
      assert.ok(fs.existsSync(path.join(installed, 'dist', file)), `dist/${file} is missing from the package`);
    for (const absent of ['server/src', 'test', 'bench', '.ci', 'node_modules', 'esbuild.mjs'])
      assert.ok(!fs.existsSync(path.join(installed, absent)), `${absent} should not be in the package`);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.private, undefined);
    assert.deepEqual(Object.keys((manifest.dependencies as object | undefined) ?? {}), []);
  });

  it('shipshape lint fails on a bad Dockerfile and shows the finding', () => {
    fs.writeFileSync(path.join(work, 'Dockerfile'), BAD_DOCKERFILE);
    const result = run(bin('shipshape'), ['lint', 'Dockerfile'], { cwd: work, env: cleanEnv({ NO_COLOR: '1' }) });
    assert.equal(result.status, 1, result.output);
    assert.match(result.stdout, /Dockerfile:2:\d+ error .*\[copy-args-slash\]/);
    assert.match(result.stdout, /\[root-user\]/);
  });

  it('shipshape rules lists the catalogue', () => {
    const result = runOk(bin('shipshape'), ['rules'], { cwd: work, env: cleanEnv() });
    assert.match(result.stdout, /^privileged\s+error\s+compose/m);
    assert.match(result.stdout, /^root-user\s/m);
  });

  it('shipshape --version prints the package version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string })
      .version;
    assert.equal(runOk(bin('shipshape'), ['--version'], { cwd: work, env: cleanEnv() }).stdout.trim(), version);
  });

  it('prepare is a no-op without devDependencies (a checkout installed with --omit=dev)', () => {
    const checkout = tempDir('no-dev');
    try {
      fs.mkdirSync(path.join(checkout, 'scripts'));
      fs.copyFileSync(path.join(__dirname, '../../scripts/prepare.mjs'), path.join(checkout, 'scripts/prepare.mjs'));
      const result = runOk(process.execPath, ['scripts/prepare.mjs'], { cwd: checkout, env: cleanEnv({ NODE_PATH: '' }) });
      assert.match(result.stderr, /esbuild is not installed.*dist\/ was not built/);
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true });
    }
  });

  for (const args of [['--stdio'], []]) {
    it(`shipshape-language-server ${args.join(' ') || '(no flag: stdio)'} answers initialize`, async () => {
      const result = await initialize(bin('shipshape-language-server'), args, work);
      assert.ok(result.capabilities, JSON.stringify(result));
      assert.equal(result.serverInfo?.name, 'shipshape');
    });
  }
});

interface InitializeResult {
  capabilities?: Record<string, unknown>;
  serverInfo?: { name: string };
}

/** Sends one LSP initialize request over stdio (hand-framed: no client library from the repo). */
function initialize(command: string, args: string[], cwd: string): Promise<InitializeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no initialize answer in 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as {
          id?: number;
          result?: InitializeResult;
        };
        buffer = buffer.subarray(header + 4 + length);
        if (message.id !== 1) continue;
        clearTimeout(timer);
        child.stdin.end();
        child.kill();
        resolve(message.result ?? {});
        return;
      }
    });
    const request = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: `file://${cwd}`, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(request)}\r\n\r\n${request}`);
  });
}
