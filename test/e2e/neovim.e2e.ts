// The README's Neovim recipes in a second real editor: headless Neovim's built-in LSP client runs
// each block as users paste it, against the package's bin, with files in two git repositories.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editorRecipe } from '../editor-recipes';

const ROOT = path.join(__dirname, '../..');

interface Report {
  files: Record<string, { codes: string[]; attached: number }>;
  clients: { name: string; root: string | null }[];
}

function runRecipe(recipe: 'neovim-0.7' | 'neovim-0.11', dir: string): void {
  const a = path.join(dir, 'repo-a');
  const b = path.join(dir, 'repo-b');
  for (const repo of [a, b]) fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  const files: Record<string, string> = {
    [path.join(a, 'Dockerfile')]: 'FROM node:latest\nCMD ["node", "server.js"]\n',
    [path.join(a, 'deploy/compose.yaml')]:
      'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n',
    [path.join(a, 'values.yaml')]: 'replicas: 2\n',
    [path.join(b, 'Containerfile')]: 'FROM alpine:3.21\nUSER root\nCMD ["sh"]\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  // The recipe runs the bin by name, as after `npm install -g`.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'shipshape-language-server'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin/shipshape-language-server.js')}" "$@"\n`,
    { mode: 0o755 },
  );
  const recipeFile = path.join(dir, `${recipe}.lua`);
  fs.writeFileSync(recipeFile, editorRecipe(recipe));
  const out = path.join(dir, `${recipe}.json`);
  const linted = [path.join(a, 'Dockerfile'), path.join(a, 'deploy/compose.yaml'), path.join(b, 'Containerfile')];
  const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test/e2e/neovim.lua')}`], {
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      SHIPSHAPE_RECIPE: recipeFile,
      SHIPSHAPE_FILES: Object.keys(files).join('\n'),
      SHIPSHAPE_EXPECT: linted.join('\n'),
      SHIPSHAPE_OUT: out,
      SHIPSHAPE_SHIM: recipe === 'neovim-0.11' ? '1' : '',
    },
  });
  assert.ok(fs.existsSync(out), `${recipe}: Neovim wrote no report: ${result.stderr}${result.stdout}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
  const codes = (file: string) => [...new Set(report.files[file]!.codes)].sort();
  assert.ok(codes(path.join(a, 'Dockerfile')).includes('root-user'), `${recipe}: ${JSON.stringify(report)}`);
  assert.ok(codes(path.join(a, 'deploy/compose.yaml')).includes('privileged'), `${recipe}: ${JSON.stringify(report)}`);
  assert.ok(codes(path.join(b, 'Containerfile')).includes('root-user'), `${recipe}: ${JSON.stringify(report)}`);
  // A YAML file that is not a Compose file gets no server.
  assert.equal(report.files[path.join(a, 'values.yaml')]!.attached, 0, `${recipe}: values.yaml got a client`);
  // One server per repository: the Dockerfile and the Compose file of repo-a share one.
  const shipshape = report.clients.filter((c) => c.name === 'shipshape');
  assert.deepEqual(
    shipshape.map((c) => c.root).sort(),
    [a, b].sort(),
    `${recipe}: expected one client per root, got ${JSON.stringify(report.clients)}`,
  );
}

function run(): void {
  const which = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('neovim is missing: run test/e2e/setup.sh');
  for (const recipe of ['neovim-0.7', 'neovim-0.11'] as const) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-nvim-')));
    try {
      runRecipe(recipe, dir);
      console.log(
        `e2e: Neovim ran the README's ${recipe} recipe: one server per repository, diagnostics for Dockerfile, Compose and Containerfile`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

run();
