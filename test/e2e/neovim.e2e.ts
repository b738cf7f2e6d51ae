// The bundled server in a second real editor: headless Neovim's built-in LSP client.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

function run(): void {
  const which = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) throw new Error('neovim is missing: run test/e2e/setup.sh');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-nvim-'));
  try {
    const cases: [string, string, string[]][] = [
      ['Dockerfile', 'FROM node:latest\nCMD ["node", "server.js"]\n', ['root-user', 'unpinned-image']],
      [
        'compose.yaml',
        'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n',
        ['privileged'],
      ],
    ];
    for (const [name, text, expected] of cases) {
      const file = path.join(dir, name);
      const out = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, text);
      const result = spawnSync(
        'nvim',
        ['--headless', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test/e2e/neovim.lua')}`, file],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, SHIPSHAPE_SERVER: path.join(ROOT, 'dist/server.js'), SHIPSHAPE_OUT: out },
        },
      );
      assert.ok(fs.existsSync(out), `Neovim wrote no diagnostics for ${name}: ${result.stderr}`);
      const diagnostics = JSON.parse(fs.readFileSync(out, 'utf8')) as { code: string; lnum: number; source: string }[];
      assert.deepEqual(diagnostics.map((d) => d.code).sort(), expected, `${name}: ${JSON.stringify(diagnostics)}`);
      assert.ok(diagnostics.every((d) => d.source === 'shipshape'));
    }
    console.log('e2e: Neovim received the expected diagnostics for a Dockerfile and a compose.yaml');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run();
