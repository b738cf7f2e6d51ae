// The README's eglot recipe in real Emacs (batch, Debian's emacs-nox with elpa-eglot): a Dockerfile
// and a Compose file get Shipshape's diagnostics; a YAML file that is not Compose gets none.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editorRecipe } from '../editor-recipes';

const ROOT = path.join(__dirname, '../..');

interface Report {
  files: { file: string; mode: string; managed: boolean; messages: string[] }[];
  servers: number;
}

function run(): void {
  if (spawnSync('emacs', ['--version']).status !== 0) throw new Error('emacs is missing: run test/e2e/setup.sh');
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-emacs-')));
  try {
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    // eglot's project is the version-control root.
    spawnSync('git', ['init', '-q'], { cwd: repo });
    const files: Record<string, string> = {
      Dockerfile: 'FROM node:latest\nCMD ["node", "server.js"]\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      'values.yaml': 'replicas: 2\n',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(repo, name), text);
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'shipshape-language-server'),
      `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin/shipshape-language-server.js')}" "$@"\n`,
      { mode: 0o755 },
    );
    const recipe = path.join(dir, 'recipe.el');
    fs.writeFileSync(recipe, editorRecipe('emacs'));
    const out = path.join(dir, 'report.json');
    const result = spawnSync('emacs', ['--batch', '-l', path.join(ROOT, 'test/e2e/emacs.el')], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        HOME: dir,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        SHIPSHAPE_RECIPE: recipe,
        SHIPSHAPE_FILES: Object.keys(files)
          .map((name) => path.join(repo, name))
          .join('\n'),
        SHIPSHAPE_EXPECT: ['Dockerfile', 'compose.yaml'].map((name) => path.join(repo, name)).join('\n'),
        SHIPSHAPE_OUT: out,
      },
    });
    assert.ok(fs.existsSync(out), `Emacs wrote no report: ${result.stderr}${result.stdout}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    const of = (name: string) => report.files.find((f) => f.file === path.join(repo, name))!;
    const detail = JSON.stringify(report);
    assert.equal(of('Dockerfile').mode, 'dockerfile-mode', detail);
    assert.ok(
      of('Dockerfile').messages.some((m) => m.includes('[root-user]')),
      detail,
    );
    assert.equal(of('compose.yaml').mode, 'yaml-mode', detail);
    assert.ok(
      of('compose.yaml').messages.some((m) => m.includes('[privileged]')),
      detail,
    );
    assert.ok(
      !of('compose.yaml').messages.some((m) => m.includes('[syntax-error]')),
      `Compose linted as a Dockerfile: ${detail}`,
    );
    // eglot hands every yaml-mode buffer of the project to the running server; it lints only Compose names.
    assert.deepEqual(of('values.yaml').messages, [], detail);
    assert.equal(report.servers, 1, `one project: ${detail}`);
    console.log(
      "e2e: Emacs (eglot) ran the README's recipe: diagnostics for a Dockerfile and a Compose file, none for values.yaml",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run();
