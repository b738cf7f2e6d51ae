// service-hardening (ADR 005): the contract around the fixtures in test/rules/service-hardening/.
// At default settings a Compose service draws at most one hardening finding; the three rules keep
// their ids for configuration, suppression comments, SARIF and the editor's suppress actions.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import {
  applyEdits,
  applyFixes,
  detectKind,
  lint,
  mergeConfig,
  preferredFixGroups,
  type Finding,
  type PartialConfig,
} from '../../server/src/engine';
import { suppressFileEdit, suppressLineEdit } from '../../server/src/lsp/suppress-actions';

const PARTS = ['cap-drop-all', 'no-new-privileges', 'read-only-rootfs'];
const HARDENING = ['service-hardening', ...PARTS];

const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    ports:',
  '      - "8080:80"',
  '  db:',
  '    image: postgres:17',
  '    cap_drop: [ALL]',
  '  done:',
  '    image: nginx:1.27',
  '    cap_drop: [ALL]',
  '    read_only: true',
  '    security_opt: [no-new-privileges:true]',
  '',
].join('\n');

function findings(text: string, config: PartialConfig = {}): Finding[] {
  return lint({ text, kind: 'compose', path: 'compose.yaml' }, mergeConfig(config)).findings;
}

function open(list: Finding[], ids = HARDENING): Finding[] {
  return list.filter((f) => ids.includes(f.ruleId) && !f.suppressed);
}

describe('service-hardening', () => {
  it('at default settings: one finding per service that names every missing setting and its rule id', () => {
    const found = open(findings(COMPOSE));
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.service]),
      [
        ['service-hardening', 'web'],
        ['service-hardening', 'db'],
      ],
    );
    const web = found[0]!;
    assert.equal(web.severity, 'info');
    for (const text of ['cap_drop: [ALL]', 'no-new-privileges:true', 'read_only: true', ...PARTS])
      assert.ok(web.message.includes(text), `message names ${text}: ${web.message}`);
    assert.ok(!found[1]!.message.includes('cap_drop'), 'db already drops its capabilities');
    // One preferred fix adding all three, changing behaviour like the rules' own; each also alone.
    const [all, ...alone] = web.fixes;
    assert.equal(all!.preferred, true);
    assert.equal(all!.changesBehaviour, true);
    assert.deepEqual(
      alone.map((f) => [f.title, f.preferred, f.changesBehaviour]),
      [
        ['Add cap_drop: [ALL]', false, true],
        ['Add no-new-privileges:true', false, true],
        ['Add read_only: true', false, true],
      ],
    );
  });

  it('strict, or a severity the user sets, gives the rules their own findings and leaves the rest combined', () => {
    const strict = open(findings(COMPOSE, { extends: 'strict' }));
    assert.deepEqual(strict.map((f) => f.ruleId).sort(), [
      'cap-drop-all',
      'no-new-privileges',
      'no-new-privileges',
      'read-only-rootfs',
      'read-only-rootfs',
    ]);
    const configured = open(findings(COMPOSE, { rules: { 'read-only-rootfs': 'warning' } }));
    assert.deepEqual(
      configured.map((f) => [f.ruleId, f.service, f.severity]),
      [
        ['read-only-rootfs', 'web', 'warning'],
        ['service-hardening', 'web', 'info'],
        ['read-only-rootfs', 'db', 'warning'],
        ['service-hardening', 'db', 'info'],
      ],
    );
    assert.ok(!configured.some((f) => f.ruleId === 'service-hardening' && f.message.includes('read_only')));
    assert.deepEqual(
      open(findings(COMPOSE, { rules: { 'service-hardening': 'warning' } })).map((f) => f.severity),
      ['warning', 'warning'],
    );
    assert.deepEqual(open(findings(COMPOSE, { rules: { 'service-hardening': 'off' } })), []);
  });

  it('an override turning a part off for one service keeps its reason, as a suppressed finding of that rule', () => {
    const list = findings(COMPOSE, {
      overrides: [{ services: ['db'], rules: { 'read-only-rootfs': 'off', 'no-new-privileges': 'off' }, reason: 'postgres' }],
    });
    assert.deepEqual(
      open(list).map((f) => f.service),
      ['web'],
      'db has nothing left',
    );
    assert.deepEqual(
      list.filter((f) => f.suppressed).map((f) => [f.ruleId, f.service, f.suppressed!.justification]),
      [
        ['no-new-privileges', 'db', 'postgres'],
        ['read-only-rootfs', 'db', 'postgres'],
      ],
    );
  });

  it('"suppress for this line" on the combined finding silences it, and the comment counts as used', () => {
    const web = open(findings(COMPOSE)).find((f) => f.service === 'web')!;
    const edit = suppressLineEdit(COMPOSE, 'compose', web);
    assert.match(edit.newText, /^ {2}# shipshape-ignore service-hardening -- /);
    const after = findings(applyEdits(COMPOSE, [edit]));
    assert.equal(open(after).filter((f) => f.service === 'web').length, 0);
    assert.equal(after.find((f) => f.ruleId === 'service-hardening' && f.service === 'web')?.suppressed?.kind, 'inline');
    assert.equal(after.filter((f) => f.ruleId === 'unused-suppression').length, 0);
  });

  it('a file-wide suppression of one part id removes that part from every service', () => {
    const text = applyEdits(COMPOSE, [suppressFileEdit(COMPOSE, 'compose', 'no-new-privileges')]);
    const found = open(findings(text));
    assert.deepEqual(
      found.map((f) => f.service),
      ['web', 'db'],
    );
    for (const f of found) assert.ok(!f.message.includes('no-new-privileges'), f.message);
    // db is left with read_only only: reported in read-only-rootfs's own words.
    assert.match(found[1]!.message, /has a writable root filesystem; add read_only: true/);
    assert.equal(findings(text).filter((f) => f.ruleId === 'unused-suppression').length, 0);
  });

  it('the combined fix applies in one pass with the other fixes and leaves nothing to harden', () => {
    const once = applyFixes(COMPOSE, preferredFixGroups(findings(COMPOSE), { unsafe: true }));
    assert.equal(once.skipped, 0);
    const after = findings(once.text);
    assert.deepEqual(open(after), []);
    assert.deepEqual(
      after.filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'compose-schema'),
      [],
    );
  });

  it('SARIF and JSON carry the combined finding under its own documented id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-hardening-'));
    try {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
      const run = (format: string) => {
        let stdout = '';
        main(['lint', '--format', format, 'compose.yaml'], {
          stdout: (t) => (stdout += t),
          stderr: () => undefined,
          isTTY: false,
          env: {},
          cwd: dir,
          readStdin: () => '',
        });
        return JSON.parse(stdout);
      };
      const sarif = run('sarif');
      const sarifRun = sarif.runs[0];
      const results = sarifRun.results.filter((r: { ruleId: string }) => HARDENING.includes(r.ruleId));
      assert.deepEqual(
        results.map((r: { ruleId: string }) => r.ruleId),
        ['service-hardening', 'service-hardening'],
      );
      const rule = sarifRun.tool.driver.rules.find((r: { id: string }) => r.id === 'service-hardening');
      assert.ok(rule, 'the rule is described in the driver');
      assert.ok(JSON.stringify(rule).includes('service-hardening.md'), 'with its docs page');
      const json = run('json');
      const messages = json[0].messages.filter((m: { ruleId: string }) => HARDENING.includes(m.ruleId));
      assert.equal(messages.length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const REAL = path.resolve(__dirname, '../../../shared/corpus/real/compose');
  (fs.existsSync(REAL) ? it : it.skip)(
    'on the real Compose corpus: at most one hardening finding per service at default settings',
    () => {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (detectKind(entry.name) === 'compose') files.push(full);
        }
      };
      walk(REAL);
      assert.ok(files.length > 0);
      let services = 0;
      for (const file of files) {
        const readFile = (relative: string) => {
          const target = path.join(path.dirname(file), relative);
          return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
        };
        const list = lint({ text: fs.readFileSync(file, 'utf8'), kind: 'compose', path: file, readFile }).findings;
        const perService = new Map<string, number>();
        for (const f of open(list)) perService.set(f.service!, (perService.get(f.service!) ?? 0) + 1);
        for (const [service, count] of perService) assert.equal(count, 1, `${file}: ${service} has ${count} hardening findings`);
        assert.deepEqual(open(list, PARTS), [], `${file}: a part reported on its own at default settings`);
        services += perService.size;
      }
      assert.ok(services > 100, `only ${services} services checked`);
    },
  );
});
