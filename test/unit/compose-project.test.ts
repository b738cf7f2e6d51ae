// The Compose project loader and merge (engine/compose/project): which files a project has, and
// what each merged service ends up with, checked against the Compose specification's merge rules.
import { strict as assert } from 'node:assert';
import { isMap, isScalar, isSeq, parse as parseYaml, type Node } from 'yaml';
import { appendSeqItem, isOnMergedNode } from '../../server/src/engine/compose/edits';
import { parseCompose } from '../../server/src/engine/compose/model';
import { placeComposeReport } from '../../server/src/engine/compose/project/lint-model';
import { composeFileSet, findProject, mayReach } from '../../server/src/engine/compose/project/find';
import { loadProject, type ComposeProject } from '../../server/src/engine/compose/project/project';
import { normalizePath } from '../../server/src/engine/compose/project/paths';

function reader(files: Record<string, string>) {
  return (path: string) => files[path];
}

const parse = (text: string, dotEnv: string | undefined) => parseCompose(text, dotEnv);

function service(project: ComposeProject, name: string) {
  const found = project.services.find((s) => s.name === name);
  assert.ok(found, `no service ${name}`);
  return found;
}

function scalar(node: Node | null | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

function items(node: Node | null | undefined): unknown[] {
  assert.ok(isSeq(node), 'not a sequence');
  return node.items.map((item) => scalar(item as Node) ?? (isMap(item) ? 'map' : item));
}

function whereWritten(project: ComposeProject, node: unknown): string | undefined {
  return project.homes.get(node)?.document;
}

describe('Compose project: files', () => {
  it('normalizes project paths', () => {
    assert.equal(normalizePath('./a/../b/c.yaml'), 'b/c.yaml');
    assert.equal(normalizePath('../x/./y.yaml'), '../x/y.yaml');
    assert.equal(normalizePath('sub\\common.yaml'), 'sub/common.yaml');
  });

  it('loads the override file beside the default file, and the base for the override', () => {
    const files = {
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': 'services:\n  web:\n    privileged: true\n',
    };
    for (const self of ['compose.yaml', 'compose.override.yaml']) {
      const project = findProject(self, reader(files), parse);
      assert.ok(project);
      assert.deepEqual([...project.documents.keys()], ['compose.yaml', 'compose.override.yaml']);
      const web = service(project, 'web');
      assert.equal(web.defining.path, 'compose.yaml');
      assert.equal(scalar(web.entries.get('image')?.value), 'nginx:1.27');
      assert.equal(whereWritten(project, web.entries.get('privileged')?.value), 'compose.override.yaml');
    }
  });

  it("reads COMPOSE_FILE from the project's .env: its separator, and no guess at a partly known list", () => {
    const set = (env: string, folder = '') => composeFileSet(folder, reader({ [folder ? `${folder}/.env` : '.env']: env }));
    assert.deepEqual(set('COMPOSE_FILE=compose.yaml:compose.prod.yaml\n'), ['compose.yaml', 'compose.prod.yaml']);
    assert.deepEqual(set('COMPOSE_FILE="a.yaml;b/c.yaml"\n'), ['a.yaml', 'b/c.yaml']);
    assert.deepEqual(set('COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE=a.yaml,../b.yaml\n', 'sub'), ['sub/a.yaml', 'b.yaml']);
    assert.equal(set('COMPOSE_FILE=compose.yaml:${EXTRA}\n'), undefined);
    assert.equal(set('COMPOSE_FILE=compose.yaml:/etc/compose.yaml\n'), undefined);
    assert.equal(set('OTHER=1\n'), undefined);
    assert.equal(composeFileSet('', reader({})), undefined);
    const files = {
      '.env': 'COMPOSE_FILE=compose.yaml:prod.yml\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'compose.override.yaml': 'services:\n  web:\n    privileged: true\n',
      'prod.yml': 'services:\n  web:\n    read_only: true\n',
    };
    assert.deepEqual([...findProject('compose.yaml', reader(files), parse)!.documents.keys()], ['compose.yaml', 'prod.yml']);
    assert.deepEqual([...findProject('prod.yml', reader(files), parse)!.documents.keys()], ['compose.yaml', 'prod.yml']);
  });

  it('a key spelt with an escape (\\x69nclude) still loads its file: the cheap pre-checks do not skip it', () => {
    const files = {
      'compose.yaml': '"\\x69nclude": [frag.yaml]\nservices:\n  web:\n    image: nginx:1.27\n',
      'frag.yaml': 'services:\n  db:\n    image: postgres:17\n',
    };
    assert.deepEqual([...findProject('frag.yaml', reader(files), parse)!.documents.keys()], ['compose.yaml', 'frag.yaml']);
    assert.deepEqual([...findProject('compose.yaml', reader(files), parse)!.documents.keys()], ['compose.yaml', 'frag.yaml']);
  });

  it('the pre-check lets through every escape that can spell a key, and not a quoted quote', () => {
    const frag = 'services:\n  db:\n    image: postgres:17\n';
    const spellings = [
      '"\\u0069nclude": [frag.yaml]\n',
      '"\\U00000069nclude": [frag.yaml]\n',
      '? "inc\\\n  lude"\n: [frag.yaml]\n',
      '? "inc\\\r\n  lude"\r\n: [frag.yaml]\r\n',
    ];
    for (const spelt of spellings) {
      assert.deepEqual(parseYaml(spelt), { include: ['frag.yaml'] }, 'the spelling is the include key');
      assert.equal(mayReach(spelt), true, JSON.stringify(spelt));
      const files = { 'compose.yaml': `${spelt}services:\n  web:\n    image: nginx:1.27\n`, 'frag.yaml': frag };
      assert.deepEqual([...findProject('frag.yaml', reader(files), parse)!.documents.keys()], ['compose.yaml', 'frag.yaml']);
    }
    const quoting = 'services:\n  web:\n    image: nginx:1.27\n    command: "sh -c \\"echo \\\\\\"hi\\\\\\"\\"\\t\\"\n';
    assert.equal(mayReach(quoting), false);
  });

  it('a file no project reaches is alone', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'other.yaml': 'services: {}\n' };
    assert.equal(findProject('other.yaml', reader(files), parse), undefined);
    assert.equal(findProject('compose.yaml', reader(files), parse), undefined);
  });

  it('finds a fragment that a parent folder includes or extends, under one name', () => {
    // Linting sub/common.yaml: the reader resolves from sub/, where the parent is `..`.
    const files = {
      '../compose.yaml':
        'include:\n  - sub/monitoring.yaml\nservices:\n  app:\n    extends:\n      file: sub/common.yaml\n      service: base\n',
      'monitoring.yaml': 'services:\n  exporter:\n    network_mode: host\n',
      'common.yaml': 'services:\n  base:\n    image: alpine:3.20\n',
    };
    for (const self of ['common.yaml', 'monitoring.yaml']) {
      const project = findProject(self, reader(files), parse, [], ['repo', 'sub']);
      assert.ok(project, self);
      assert.deepEqual([...project.documents.keys()].sort(), ['../compose.yaml', 'common.yaml', 'monitoring.yaml']);
    }
    // Without knowing the folder's name, `../sub/common.yaml` cannot be told to be this file.
    assert.equal(findProject('common.yaml', reader(files), parse), undefined);
  });
});

describe('Compose project: include and extends', () => {
  it('include short and long form, with project_directory and env_file', () => {
    const files = {
      'compose.yaml':
        'include:\n  - monitoring.yaml\n  - path: [db/compose.yaml, db/extra.yaml]\n    project_directory: db\n    env_file: db/db.env\nservices:\n  web:\n    image: nginx:${TAG}\n',
      '.env': 'TAG=1.27\n',
      'monitoring.yaml': 'services:\n  exporter:\n    image: prom/node-exporter:${TAG}\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG}\n',
      'db/extra.yaml': 'services:\n  db:\n    ports: ["5432:5432"]\n',
      'db/db.env': 'PG=17\n',
    };
    const project = loadProject(['compose.yaml'], reader(files), parse);
    assert.deepEqual(project.services.map((s) => s.name).sort(), ['db', 'exporter', 'web']);
    const db = service(project, 'db');
    const image = db.entries.get('image')!;
    assert.equal(image.document.interpolate(String(scalar(image.value))).value, 'postgres:17');
    assert.equal(whereWritten(project, db.entries.get('ports')?.value), 'db/extra.yaml');
    const exporter = service(project, 'exporter').entries.get('image')!;
    assert.equal(exporter.document.interpolate(String(scalar(exporter.value))).value, 'prom/node-exporter:1.27');
    assert.deepEqual(project.problems, []);
  });

  it('a missing include is one problem at the reference, and the rest loads', () => {
    const files = { 'compose.yaml': 'include:\n  - gone.yaml\nservices:\n  web:\n    image: nginx:1.27\n' };
    const project = loadProject(['compose.yaml'], reader(files), parse);
    assert.equal(project.problems.length, 1);
    assert.match(project.problems[0]!.message, /"gone\.yaml" cannot be read/);
    assert.equal(project.problems[0]!.range.start.line, 1);
    assert.deepEqual(
      project.services.map((s) => s.name),
      ['web'],
    );
  });

  it('extends file: relative to the file that says it, chains followed, local values win', () => {
    const files = {
      'compose.yaml': 'services:\n  app:\n    extends:\n      file: lib/common.yaml\n      service: mid\n    image: app:1\n',
      'lib/common.yaml':
        'services:\n  mid:\n    extends:\n      file: base/base.yaml\n      service: base\n    cap_add: [NET_ADMIN]\n',
      'lib/base/base.yaml': 'services:\n  base:\n    image: base:1\n    privileged: true\n    cap_add: [SYS_ADMIN]\n',
    };
    const project = loadProject(['compose.yaml'], reader(files), parse);
    assert.deepEqual(project.problems, []);
    const app = service(project, 'app');
    assert.equal(scalar(app.entries.get('image')?.value), 'app:1');
    assert.equal(whereWritten(project, app.entries.get('privileged')?.value), 'lib/base/base.yaml');
    assert.deepEqual(items(app.entries.get('cap_add')?.value), ['SYS_ADMIN', 'NET_ADMIN']);
    assert.equal(app.entries.has('extends'), false);
  });

  it('an extends cycle is reported and not followed forever', () => {
    const files = {
      'compose.yaml': 'services:\n  a:\n    extends: { file: b.yaml, service: b }\n',
      'b.yaml': 'services:\n  b:\n    extends: { file: compose.yaml, service: a }\n    image: x:1\n',
    };
    const project = loadProject(['compose.yaml'], reader(files), parse);
    assert.equal(project.problems.length, 1);
    assert.match(project.problems[0]!.message, /extends cycle/);
    assert.equal(project.problems[0]!.document, 'b.yaml');
  });
});

describe('Compose project: merge rules', () => {
  const base =
    'services:\n  web:\n    image: nginx:1.27\n    command: [a, b]\n    ports: ["8080:80", "443:443"]\n    volumes: ["data:/data", "./conf:/etc/nginx:ro"]\n    environment:\n      A: "1"\n      B: "2"\n    cap_add: [NET_ADMIN]\n    healthcheck:\n      test: [CMD, a]\n      interval: 10s\n';
  function merged(override: string) {
    const project = loadProject(
      ['compose.yaml', 'compose.override.yaml'],
      reader({ 'compose.yaml': base, 'compose.override.yaml': override }),
      parse,
    );
    return service(project, 'web').entries;
  }

  it('sequences append; command and healthcheck.test are replaced; maps merge key by key', () => {
    const entries = merged(
      'services:\n  web:\n    command: [c]\n    cap_add: [SYS_TIME, NET_ADMIN]\n    environment:\n      B: "3"\n      C: "4"\n    healthcheck:\n      test: [CMD, b]\n',
    );
    assert.deepEqual(items(entries.get('command')?.value), ['c']);
    assert.deepEqual(items(entries.get('cap_add')?.value), ['NET_ADMIN', 'SYS_TIME']);
    const environment = entries.get('environment')!.value;
    assert.ok(isMap(environment));
    assert.deepEqual(
      environment.items.map((p) => [scalar(p.key as Node), scalar(p.value as Node)]),
      [
        ['A', '1'],
        ['B', '3'],
        ['C', '4'],
      ],
    );
    const healthcheck = entries.get('healthcheck')!.value;
    assert.ok(isMap(healthcheck));
    const test = healthcheck.items.find((p) => scalar(p.key as Node) === 'test')!;
    assert.deepEqual(items(test.value as Node), ['CMD', 'b']);
    assert.equal(healthcheck.items.length, 2);
  });

  it('ports are unique by their fields, volumes by target', () => {
    const entries = merged('services:\n  web:\n    ports: ["8080:80", "127.0.0.1:9000:9000"]\n    volumes: ["other:/data"]\n');
    assert.deepEqual(items(entries.get('ports')?.value), ['8080:80', '443:443', '127.0.0.1:9000:9000']);
    assert.deepEqual(items(entries.get('volumes')?.value), ['other:/data', './conf:/etc/nginx:ro']);
  });

  it('!reset removes a value, !override replaces it', () => {
    const entries = merged(
      'services:\n  web:\n    ports: !override ["8443:443"]\n    cap_add: !reset []\n    environment:\n      A: !reset null\n',
    );
    assert.deepEqual(items(entries.get('ports')?.value), ['8443:443']);
    assert.equal(entries.has('cap_add'), false);
    const environment = entries.get('environment')!.value;
    assert.ok(isMap(environment));
    assert.deepEqual(
      environment.items.map((p) => scalar(p.key as Node)),
      ['B'],
    );
  });

  it('environment written as a list in one file and a map in the other merges by name (compose-go mergeEnvironment)', () => {
    const entries = merged('services:\n  web:\n    environment:\n      - B=3\n      - C=4\n      - D\n');
    const environment = entries.get('environment')!.value;
    assert.ok(isMap(environment));
    assert.deepEqual(
      environment.items.map((p) => [scalar(p.key as Node), scalar(p.value as Node) ?? null]),
      [
        ['A', '1'],
        ['B', '3'],
        ['C', '4'],
        ['D', null],
      ],
    );
    const project = loadProject(
      ['compose.yaml', 'compose.override.yaml'],
      reader({
        'compose.yaml': 'services:\n  web:\n    environment:\n      - A=1\n      - B=2\n',
        'compose.override.yaml': 'services:\n  web:\n    environment:\n      B: "3"\n',
      }),
      parse,
    );
    const mixed = service(project, 'web').entries.get('environment')!.value;
    assert.ok(isMap(mixed));
    const [a, b] = mixed.items;
    assert.deepEqual([scalar(a!.key as Node), scalar(a!.value as Node)], ['A', '1']);
    // A list item stands where it is written; the override's pair is its own.
    assert.equal(whereWritten(project, a!.key), 'compose.yaml');
    assert.equal(whereWritten(project, b!.value), 'compose.override.yaml');
    assert.equal(scalar(b!.value as Node), '3');
  });

  it('a logging driver change drops the base options; the same driver, or none named, merges them (compose-go mergeLogging)', () => {
    const logging = (base: string, override: string) => {
      const project = loadProject(
        ['compose.yaml', 'compose.override.yaml'],
        reader({
          'compose.yaml': `services:\n  web:\n    logging:\n${base}`,
          'compose.override.yaml': `services:\n  web:\n    logging:\n${override}`,
        }),
        parse,
      );
      const value = service(project, 'web').entries.get('logging')!.value;
      assert.ok(isMap(value));
      return Object.fromEntries(
        value.items.map((p) => [
          scalar(p.key as Node),
          isMap(p.value) ? p.value.items.map((o) => scalar(o.key as Node)) : scalar(p.value as Node),
        ]),
      );
    };
    const syslog = '      driver: syslog\n      options:\n        syslog-address: "tcp://logs:514"\n';
    assert.deepEqual(logging(syslog, '      driver: json-file\n      options:\n        max-size: 10m\n'), {
      driver: 'json-file',
      options: ['max-size'],
    });
    assert.deepEqual(logging(syslog, '      driver: none\n'), { driver: 'none' });
    assert.deepEqual(logging(syslog, '      options:\n        tag: web\n'), {
      driver: 'syslog',
      options: ['syslog-address', 'tag'],
    });
    assert.deepEqual(logging(syslog, '      driver: syslog\n      options:\n        tag: web\n'), {
      driver: 'syslog',
      options: ['syslog-address', 'tag'],
    });
  });

  it('a same-file extends whose base extends another file follows the whole chain', () => {
    const files = {
      'compose.yaml':
        'services:\n  base:\n    extends: { file: common.yaml, service: root }\n    image: app:1\n  web:\n    extends: base\n    cap_add: [NET_ADMIN]\n',
      'common.yaml': 'services:\n  root:\n    privileged: true\n    cap_add: [SYS_ADMIN]\n',
    };
    const project = loadProject(['compose.yaml'], reader(files), parse);
    const web = service(project, 'web');
    assert.equal(scalar(web.entries.get('image')?.value), 'app:1');
    assert.equal(whereWritten(project, web.entries.get('privileged')?.value), 'common.yaml');
    assert.deepEqual(items(web.entries.get('cap_add')?.value), ['SYS_ADMIN', 'NET_ADMIN']);
    assert.equal(web.entries.has('extends'), false);
    assert.deepEqual(project.problems, []);
  });
});

describe('same-file extends: one merge, and no edit computed on what it built', () => {
  const text =
    'services:\n  base:\n    cap_add: [SYS_ADMIN]\n    environment: [A=1]\n  vpn:\n    extends: base\n    cap_add:\n      - NET_ADMIN\n    environment:\n      B: "2"\n';
  const model = parseCompose(text);
  const vpn = model.services.find((s) => s.name === 'vpn')!;

  it("merges the base under the service with Compose's rules, and drops extends", () => {
    assert.deepEqual(items(vpn.entries.get('cap_add')?.value), ['SYS_ADMIN', 'NET_ADMIN']);
    const environment = vpn.entries.get('environment')?.value;
    assert.ok(isMap(environment));
    assert.deepEqual(
      environment.items.map((pair) => `${String(scalar(pair.key as Node))}=${String(scalar(pair.value as Node))}`),
      ['A=1', 'B=2'],
    );
    assert.equal(vpn.entries.has('extends'), false);
    assert.equal(vpn.written.has('extends'), true);
    // The merged list is shown where the service writes its own.
    assert.equal(model.rangeOf(vpn.entries.get('cap_add')!.value!).start.line, 7);
  });

  it('an edit computed on a merged list is marked, and lint drops the fix that holds it', () => {
    const merged = vpn.entries.get('cap_add')!.value;
    const written = vpn.written.get('cap_add')!.value;
    assert.ok(isSeq(merged) && isSeq(written));
    const onMerged = appendSeqItem(model, merged, 'CHOWN');
    const onWritten = appendSeqItem(model, written, 'CHOWN');
    assert.equal(isOnMergedNode(onMerged), true);
    assert.equal(isOnMergedNode(onWritten), false);
    const report = {
      range: { start: { line: 7, character: 8 }, end: { line: 7, character: 17 } },
      service: 'vpn',
      fixes: [{ edits: [onMerged] }, { edits: [onWritten] }],
    };
    assert.deepEqual(placeComposeReport(model, report)?.fixes, [{ edits: [onWritten] }]);
  });
});
