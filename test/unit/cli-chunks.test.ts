// The CLI loads only the code a run uses (ADR 008): a Dockerfile lint never loads the Compose
// implementation and rules (nor the Compose schema validator), a Compose lint never loads the
// Dockerfile ones, and neither loads the formats and commands it does not use (nor, for a
// Dockerfile, yaml: dist/cli-yaml-package.js behind its stand-in). Runs the bin as
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
    for (const absent of ['cli-compose.js', 'cli-compose-validator.js', 'cli-extras.js', 'cli-yaml-package.js'])
      assert.ok(!files.includes(absent), `${absent} loaded: ${files.join()}`);
  });

  it('a Compose lint loads the Compose chunk and validator, not the Dockerfile one or the extras', () => {
    const { files, stdout } = loaded('lint', 'compose.yaml');
    assert.match(stdout, /\[privileged\]/);
    for (const present of ['cli.js', 'cli-compose.js', 'cli-compose-validator.js', 'cli-yaml-package.js'])
      assert.ok(files.includes(present), `${present} not loaded: ${files.join()}`);
    for (const absent of ['cli-dockerfile.js', 'cli-extras.js'])
      assert.ok(!files.includes(absent), `${absent} loaded: ${files.join()}`);
  });

  it('a folder of both kinds loads both; SARIF loads the extras and the rule docs of both kinds', () => {
    const both = loaded('lint', '.');
    for (const present of ['cli-dockerfile.js', 'cli-compose.js']) assert.ok(both.files.includes(present), both.files.join());
    assert.ok(!both.files.includes('cli-extras.js'), both.files.join());
    const sarif = loaded('lint', 'Dockerfile', '--format', 'sarif');
    for (const present of ['cli-extras.js', 'cli-dockerfile.js', 'cli-compose.js'])
      assert.ok(sarif.files.includes(present), `${present}: ${sarif.files.join()}`);
    const rules = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { help: { text: string } }[] } } }[] }).runs[0]!
      .tool.driver.rules;
    assert.ok(rules.length > 60 && rules.every((rule) => rule.help.text.length > 0));
  });

  it('`rules` lists every rule with its docs from the kind chunks', () => {
    const { files, stdout } = loaded('rules', '--format', 'markdown');
    assert.ok(files.includes('cli-extras.js'), files.join());
    assert.match(stdout, /privileged/);
    assert.match(stdout, /root-user/);
  });
});
