// `shipshape lint <folder>` and Compose fragments with names of their own (issue #20): a file a
// Compose file of the walk includes or extends is linted as Compose, on its own lines, once; other
// YAML files, and fragments outside the walked folder or ignored by git, are left alone.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

interface JsonResult {
  filePath: string;
  kind: string;
  messages: { ruleId: string; line: number }[];
}

async function lintJson(cwd: string, ...args: string[]): Promise<JsonResult[]> {
  let stdout = '';
  let stderr = '';
  const code = await main(['lint', '--format', 'json', ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    env: { NO_COLOR: '1' },
    cwd,
    readStdin: () => '',
  });
  assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
  const results = JSON.parse(stdout) as JsonResult[];
  for (const result of results) result.filePath = path.relative(cwd, result.filePath).split(path.sep).join('/');
  return results;
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

const findings = (results: JsonResult[], file: string) =>
  results
    .find((r) => r.filePath === file)
    ?.messages.filter((m) => m.ruleId !== 'service-hardening' && m.ruleId !== 'eol-base-image')
    .map((m) => `${m.line}:${m.ruleId}`)
    .sort();

describe('CLI: Compose fragments named otherwise (issue #20)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-fragments-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints an extends file and an include as Compose, on their own lines, once', async () => {
    write(dir, {
      'compose.yaml':
        'include:\n  - monitoring.yaml\nservices:\n  app:\n    image: nginx:1.27\n    extends:\n      file: common.yaml\n      service: base\n',
      'common.yaml': 'services:\n  base:\n    privileged: true\n    cap_add: [SYS_ADMIN]\n',
      'monitoring.yaml':
        'services:\n  exporter:\n    image: prom/node-exporter:v1.8.0\n    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      'notes.yaml': 'privileged: true\n',
      'lib/unrelated.yml': 'services:\n  x:\n    privileged: true\n',
    });
    const results = await lintJson(dir, '.');
    assert.deepEqual(
      results.map((r) => `${r.filePath} ${r.kind}`),
      ['common.yaml compose', 'compose.yaml compose', 'monitoring.yaml compose'],
    );
    assert.deepEqual(findings(results, 'common.yaml'), ['3:privileged', '4:dangerous-capability']);
    assert.deepEqual(findings(results, 'monitoring.yaml'), ['4:host-namespace', '6:docker-socket']);
    assert.deepEqual(findings(results, 'compose.yaml'), []);
    const all = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.ruleId}`));
    assert.equal(new Set(all).size, all.length, 'each finding once');
  });

  it('follows fragments of fragments, and leaves out ignored ones and ones outside the walked folder', async () => {
    write(dir, {
      'app/compose.yaml':
        'include:\n  - stack/db.yml\nservices:\n  web:\n    extends: { file: ../shared/base.yaml, service: base }\n    image: app:1\n',
      'app/stack/db.yml': 'services:\n  db:\n    extends: { file: db-base.yaml, service: db }\n    image: postgres:17\n',
      'app/stack/db-base.yaml': 'services:\n  db:\n    privileged: true\n',
      'app/.gitignore': 'generated.yaml\n',
      'app/generated.yaml': 'services:\n  gen:\n    privileged: true\n',
      'shared/base.yaml': 'services:\n  base:\n    privileged: true\n',
    });
    fs.appendFileSync(path.join(dir, 'app/compose.yaml'), '  gen:\n    extends: { file: generated.yaml, service: gen }\n');
    fs.mkdirSync(path.join(dir, '.git'));
    const results = await lintJson(dir, 'app');
    assert.deepEqual(
      results.map((r) => r.filePath),
      ['app/compose.yaml', 'app/stack/db-base.yaml', 'app/stack/db.yml'],
    );
    assert.deepEqual(findings(results, 'app/stack/db-base.yaml'), ['3:privileged']);
  });

  it("lints the files the folder's .env names in COMPOSE_FILE as one project, whatever their names", async () => {
    write(dir, {
      '.env': 'COMPOSE_FILE=compose.yaml:deploy/prod.yml\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'deploy/prod.yml': 'services:\n  web:\n    cap_add: [SYS_ADMIN]\n',
      'deploy/notes.yml': 'services:\n  x:\n    privileged: true\n',
    });
    const results = await lintJson(dir, '.');
    assert.deepEqual(
      results.map((r) => `${r.filePath} ${r.kind}`),
      ['compose.yaml compose', 'deploy/prod.yml compose'],
    );
    assert.deepEqual(findings(results, 'deploy/prod.yml'), ['3:dangerous-capability']);
    // One service across both files: its hardening finding once, in the file that defines it.
    const hardening = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'service-hardening').map(() => r.filePath));
    assert.deepEqual(hardening, ['compose.yaml']);
  });

  it('a fragment no Compose file references stays out, and naming a folder twice lists a fragment once', async () => {
    write(dir, {
      'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n    extends: { file: common.yaml, service: base }\n',
      'common.yaml': 'services:\n  base:\n    privileged: true\n',
      'other/common.yaml': 'services:\n  base:\n    privileged: true\n',
    });
    const results = await lintJson(dir, '.', '.');
    assert.deepEqual(
      results.map((r) => r.filePath),
      ['common.yaml', 'compose.yaml'],
    );
  });
});
