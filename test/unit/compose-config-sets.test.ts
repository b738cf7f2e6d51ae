// `.shipshape.yaml` `compose.projects` (issue #20): Compose files named there are loaded together
// as one project, like `docker compose -f a.yaml -f b.yaml`, so a service written in both is judged
// once, merged, and reported in the file that defines it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { lint, mergeConfig, parseConfig } from '../../server/src/engine';

const BASE = 'services:\n  web:\n    image: nginx:1.27\n';
const PROD = 'services:\n  web:\n    privileged: true\n    ports:\n      - "8080:80"\n';

function lintIn(files: Record<string, string>, file: string, projects?: string[][]) {
  const folder = path.posix.dirname(file);
  const readFile = (reference: string) => files[path.posix.normalize(path.posix.join(folder, reference))];
  const config = mergeConfig(projects ? { compose: { projects } } : {});
  return lint({ text: files[file]!, kind: 'compose', path: file, readFile }, config)
    .findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`)
    .sort();
}

describe('config: compose.projects (issue #20)', () => {
  it('parses file sets and reports what it cannot use', () => {
    assert.deepEqual(parseConfig('compose:\n  projects:\n    - [compose.yaml, compose.prod.yaml]\n').config.compose, {
      projects: [['compose.yaml', 'compose.prod.yaml']],
    });
    const bad = parseConfig(
      'compose:\n  projects:\n    - [/etc/compose.yaml]\n    - []\n    - compose.yaml\n    - [compose.yaml, notes.txt]\n  files: []\n',
    );
    assert.deepEqual(bad.config.compose, { projects: [] });
    assert.deepEqual(
      bad.problems.map((p) => `${p.range.start.line + 1}: ${p.message}`),
      [
        '3: "compose.projects" entry "/etc/compose.yaml" must be relative to this file (Compose files outside the project are not read)',
        '4: Each Compose project is a non-empty list of file paths, in -f order',
        '5: Each Compose project is a non-empty list of file paths, in -f order',
        '6: "compose.projects" entry "notes.txt" must be a .yaml or .yml file',
        '7: Unknown key "compose.files"',
      ],
    );
    assert.equal(parseConfig('compose: [a.yaml]\n').problems[0]?.message, '"compose" must be a mapping (projects)');
  });

  it('a set is one project: the service is judged merged, its hardening finding once, where it is defined', () => {
    const files = { 'compose.yaml': BASE, 'compose.prod.yaml': PROD };
    // Alone, each file defines web: its hardening finding is reported twice.
    assert.deepEqual(lintIn(files, 'compose.prod.yaml'), ['2:service-hardening', '3:privileged', '5:port-all-interfaces']);
    const projects = [['compose.yaml', 'compose.prod.yaml']];
    assert.deepEqual(lintIn(files, 'compose.prod.yaml', projects), ['3:privileged', '5:port-all-interfaces']);
    assert.deepEqual(lintIn(files, 'compose.yaml', projects), ['2:service-hardening', '3:eol-base-image']);
  });

  it('paths are relative to the config folder, whichever folder the linted file is in', () => {
    const files = { 'deploy/compose.yaml': BASE, 'deploy/prod/web.yaml': PROD };
    const projects = [['deploy/compose.yaml', 'deploy/prod/web.yaml']];
    assert.deepEqual(lintIn(files, 'deploy/prod/web.yaml', projects), ['3:privileged', '5:port-all-interfaces']);
    assert.deepEqual(lintIn(files, 'deploy/compose.yaml', projects), ['2:service-hardening', '3:eol-base-image']);
  });

  describe('through the CLI', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-sets-'));
      fs.mkdirSync(path.join(dir, '.git'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function hardeningFindings(): Promise<string[]> {
      let stdout = '';
      await main(['lint', '--format', 'json', '.'], {
        stdout: (text) => void (stdout += text),
        stderr: () => undefined,
        isTTY: false,
        env: {},
        cwd: dir,
        readStdin: () => '',
      });
      return (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[])
        .flatMap((r) =>
          r.messages.filter((m) => m.ruleId === 'service-hardening').map((m) => `${path.relative(dir, r.filePath)}:${m.line}`),
        )
        .sort();
    }

    it('a nested config names its sets relative to its own folder', async () => {
      fs.writeFileSync(path.join(dir, '.shipshape.yaml'), 'rules: {}\n');
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'app/compose.yaml'), BASE);
      fs.writeFileSync(path.join(dir, 'app/compose.prod.yaml'), PROD);
      assert.deepEqual(await hardeningFindings(), ['app/compose.prod.yaml:2', 'app/compose.yaml:2']);
      fs.writeFileSync(path.join(dir, 'app/.shipshape.yaml'), 'compose:\n  projects:\n    - [compose.yaml, compose.prod.yaml]\n');
      assert.deepEqual(await hardeningFindings(), ['app/compose.yaml:2']);
    });
  });
});
