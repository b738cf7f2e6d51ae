// The CLI loads only the code a run uses (ADR 008): a Dockerfile lint never loads the Compose
// implementation and rules (nor the Compose schema validator), a Compose lint never loads the
// Dockerfile ones (nor dockerfile-ast, unless a service builds a Dockerfile), and neither loads the
// formats and commands it does not use (nor, for a Dockerfile, yaml: dist/cli-yaml-package.js
// behind its stand-in). Runs the bin as
// users do, with a preload that lists the files of dist/ the process required (the compile
// cache is off, so that the loader requires each file rather than compiling it through vm).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureFreshDist } from '../setup/fresh-dist';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/shipshape.js');

describe('CLI chunks: what a run loads', () => {
  let work: string;
  let preload: string;

  before(() => {
    ensureFreshDist();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-chunks-'));
    preload = path.join(work, 'list-loaded.js');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => {
        const dist = ${JSON.stringify(path.join(ROOT, 'dist') + path.sep)};
        const files = Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => f.slice(dist.length));
        require('node:fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(files));
      });`,
    );
    fs.writeFileSync(path.join(work, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\n');
    fs.writeFileSync(path.join(work, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    fs.mkdirSync(path.join(work, 'built'));
    fs.writeFileSync(path.join(work, 'built/Dockerfile'), 'FROM alpine:3.20\nMAINTAINER someone\n');
    fs.writeFileSync(path.join(work, 'built/compose.yaml'), 'services:\n  app:\n    build: .\n');
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  function loaded(...args: string[]): { files: string[]; stdout: string } {
    const list = path.join(work, 'loaded.json');
    const result = spawnSync(process.execPath, ['-r', preload, BIN, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1', LOADED_LIST: list, NO_COLOR: '1' },
    });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    return { files: JSON.parse(fs.readFileSync(list, 'utf8')) as string[], stdout: result.stdout };
  }

  it("a Dockerfile lint loads the Dockerfile chunk, not the Compose ones, the extras or yaml's code", () => {
    const { files, stdout } = loaded('lint', 'Dockerfile');
    assert.match(stdout, /\[root-user\]/);
    assert.ok(files.includes('cli.js') && files.includes('cli-dockerfile.js'), files.join());
    for (const absent of [
      'cli-compose.js',
      'cli-compose-validator.js',
      'cli-extras.js',
      'cli-yaml-package.js',
      'cli-rule-docs.js',
    ])
      assert.ok(!files.includes(absent), `${absent} loaded: ${files.join()}`);
  });

  it('a Compose lint loads the Compose chunk and validator, not the Dockerfile one or the extras', () => {
    const { files, stdout } = loaded('lint', 'compose.yaml');
    assert.match(stdout, /\[privileged\]/);
    for (const present of ['cli.js', 'cli-compose.js', 'cli-compose-validator.js', 'cli-yaml-package.js'])
      assert.ok(files.includes(present), `${present} not loaded: ${files.join()}`);
    for (const absent of ['cli-dockerfile.js', 'cli-extras.js', 'cli-rule-docs.js'])
      assert.ok(!files.includes(absent), `${absent} loaded: ${files.join()}`);
  });

  /** The files of dist/ with dockerfile-ast's code: by their source maps, or by its parser's name for those built without one. */
  function withDockerfileAst(files: string[]): string[] {
    return files.filter((file) => {
      const map = path.join(ROOT, 'dist', `${file}.map`);
      if (!fs.existsSync(map)) return fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8').includes('DockerfileParser');
      return (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources.some((source) =>
        /[\\/]node_modules[\\/]dockerfile-ast[\\/]/.test(source),
      );
    });
  }

  it('a Compose lint loads dockerfile-ast only when a service builds a Dockerfile', () => {
    const plain = loaded('lint', 'compose.yaml');
    assert.deepEqual(withDockerfileAst(plain.files), [], plain.files.join());
    const built = loaded('lint', 'built/compose.yaml');
    // root-user reads the Dockerfile the service builds (no USER: it runs as root).
    assert.match(built.stdout, /its Dockerfile \(Dockerfile\) runs as root.*\[root-user\]/);
    assert.notDeepEqual(withDockerfileAst(built.files), [], built.files.join());
    // The rules that check Dockerfiles only are built as functions (esbuild.mjs) that a Dockerfile
    // lint runs (maintainer-deprecated is one).
    assert.match(loaded('lint', 'built/Dockerfile').stdout, /\[maintainer-deprecated\]/);
  });

  it("the kind chunks hold the rules' checks and dist/cli-rule-docs.js their docs", () => {
    const dist = path.join(ROOT, 'dist');
    // A sentence of apk-no-cache's docs, and of its message.
    const why = 'which then ships in the image layer';
    assert.ok(fs.readFileSync(path.join(dist, 'cli-rule-docs.js'), 'utf8').includes(why));
    const chunks = fs.readdirSync(dist).filter((file) => /^cli(-(?!rule-docs)[\w-]+)?\.js$/.test(file));
    for (const file of chunks) assert.ok(!fs.readFileSync(path.join(dist, file), 'utf8').includes(why), file);
    assert.ok(
      chunks.some((file) => fs.readFileSync(path.join(dist, file), 'utf8').includes('leaves its package index in the image')),
    );
  });

  it('a folder of both kinds loads both; SARIF loads the extras and the rule docs, not the other kind', () => {
    const both = loaded('lint', '.');
    for (const present of ['cli-dockerfile.js', 'cli-compose.js']) assert.ok(both.files.includes(present), both.files.join());
    assert.ok(!both.files.includes('cli-extras.js'), both.files.join());
    const sarif = loaded('lint', 'Dockerfile', '--format', 'sarif');
    for (const present of ['cli-extras.js', 'cli-dockerfile.js', 'cli-rule-docs.js'])
      assert.ok(sarif.files.includes(present), `${present}: ${sarif.files.join()}`);
    assert.ok(!sarif.files.includes('cli-compose.js'), sarif.files.join());
    const rules = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { help: { text: string } }[] } } }[] }).runs[0]!
      .tool.driver.rules;
    assert.ok(rules.length > 60 && rules.every((rule) => rule.help.text.length > 0));
  });

  it('`rules` lists every rule without their docs; `rules --format json` reads them from dist/cli-rule-docs.js', () => {
    const { files, stdout } = loaded('rules', '--format', 'markdown');
    assert.ok(files.includes('cli-extras.js') && !files.includes('cli-rule-docs.js'), files.join());
    assert.match(stdout, /privileged/);
    assert.match(stdout, /root-user/);
    const json = loaded('rules', '--format', 'json');
    assert.ok(json.files.includes('cli-rule-docs.js') && !json.files.includes('cli-dockerfile.js'), json.files.join());
    const rules = JSON.parse(json.stdout) as { id: string; docs: { why: string; fix: string } }[];
    assert.ok(rules.length > 60 && rules.every((rule) => rule.docs.why.length > 0 && rule.docs.fix.length > 0));
  });
});
