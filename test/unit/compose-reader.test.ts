// The Compose field reader and the service builds the model resolves with it (issue 19).
import { strict as assert } from 'node:assert';
import { isMap, type Node } from 'yaml';
import { parseCompose } from '../../server/src/engine/compose/model';
import {
  childOf,
  fieldAt,
  fieldItems,
  fieldOf,
  fieldsOf,
  fieldString,
  writtenFieldsOf,
} from '../../server/src/engine/compose/reader';

const text = (node: Node | null | undefined) => String((node as { value?: unknown } | null)?.value);
const lineOf = (model: ReturnType<typeof parseCompose>, node: Node | null | undefined) =>
  model.index.position(node!.range![0]).line + 1;

describe('Compose reader', () => {
  it('reads a nested key merged from an anchor, pointing where it is written', () => {
    const model = parseCompose(
      ['x-lo: &lo', '  host_ip: 127.0.0.1', 'services:', '  web:', '    ports:', '      - <<: *lo', '        target: 80'].join(
        '\n',
      ),
    );
    const [port] = fieldItems(model.services[0]!.get('ports'));
    const hostIp = fieldOf(model, port!.node, 'host_ip');
    assert.equal(text(hostIp?.value), '127.0.0.1');
    assert.equal(lineOf(model, hostIp!.value), 2);
    assert.notEqual(hostIp!.owner, port!.node, 'owned by the anchor, not the port');
    assert.equal(hostIp!.document, model);
    assert.equal(fieldString(model, port!.node, 'target'), '80');
  });

  it('own keys win over merged ones, earlier merge sources over later ones', () => {
    const model = parseCompose('x-a: &a {k: a, only-a: 1}\nx-b: &b {k: b, only-b: 2}\nm:\n  <<: [*a, *b]\n  own: 3\n');
    const m = fieldOf(model, model.doc.contents, 'm')!;
    assert.equal(text(childOf(m, 'k')?.value), 'a');
    assert.deepEqual([...fieldsOf(model, m.value).keys()].sort(), ['k', 'only-a', 'only-b', 'own']);
    const over = parseCompose('x-a: &a {k: merged}\nm: {<<: *a, k: own}\n');
    assert.equal(fieldString(over, fieldOf(over, over.doc.contents, 'm')!.value, 'k'), 'own');
  });

  it('lists what the file writes, merged keys an own key overrides included', () => {
    const model = parseCompose('x-a: &a {K: merged, A: 1}\nm:\n  <<: *a\n  K: own\n');
    const m = fieldOf(model, model.doc.contents, 'm')!.value;
    assert.deepEqual(
      writtenFieldsOf(model, m).map((f) => `${text(f.key)}=${text(f.value)}`),
      ['K=merged', 'A=1', 'K=own'],
    );
  });

  it('follows paths through aliases and merges', () => {
    const model = parseCompose(
      'x-limits: &limits {limits: {memory: 512m}}\nservices:\n  a:\n    deploy:\n      resources: *limits\n',
    );
    const deploy = model.services[0]!.get('deploy')!;
    assert.equal(text(fieldAt(deploy.document, deploy.value, ['resources', 'limits', 'memory'])?.value), '512m');
    assert.equal(fieldAt(deploy.document, deploy.value, ['resources', 'reservations', 'memory']), undefined);
  });

  it('ends on merge cycles and stays linear on merge diamonds', () => {
    const cyclic = parseCompose('a: &a\n  k: 1\n  <<: [*a, *a]\n');
    const a = fieldOf(cyclic, cyclic.doc.contents, 'a')!;
    assert.equal(fieldString(cyclic, a.value, 'k'), '1');
    assert.equal(writtenFieldsOf(cyclic, a.value).length, 1);
    // Each level merges the one before twice: 2^30 paths if followed naively.
    const lines = ['l0: &l0 {k: v}'];
    for (let i = 1; i <= 40; i++) lines.push(`l${i}: &l${i} {<<: [*l${i - 1}, *l${i - 1}]}`);
    const diamond = parseCompose(lines.join('\n'));
    const level = (n: number) => fieldOf(diamond, diamond.doc.contents, `l${n}`)!.value;
    assert.ok(isMap(level(30)));
    assert.equal(writtenFieldsOf(diamond, level(30)).length, 1);
    assert.equal(fieldString(diamond, level(30), 'k'), 'v');
  });

  it('reads services merged into the services mapping, and never a service named <<', () => {
    const model = parseCompose('x-s: &s\n  a: {image: alpine}\nservices:\n  <<: *s\n  b: {image: nginx}\n');
    assert.deepEqual(model.services.map((s) => s.name).sort(), ['a', 'b']);
  });
});

describe('Compose service builds', () => {
  const files: Record<string, string> = {
    Dockerfile: 'FROM alpine:3.20\n',
    'app/Dockerfile': 'FROM node:22 AS dev\nFROM node:22\nUSER node\n',
    'app/prod.Dockerfile': 'FROM nginx:1.27\n',
  };
  const reads: string[] = [];
  const readFile = (path: string) => {
    reads.push(path);
    return files[path];
  };
  const parse = (yaml: string, env?: string) => {
    reads.length = 0;
    return parseCompose(yaml, env, readFile);
  };

  it('resolves the short form, the long form and merged settings', () => {
    const model = parse(
      [
        'x-build: &build',
        '  context: ./app',
        '  target: dev',
        '  args: {A: "1"}',
        'services:',
        '  short: {build: ./app}',
        '  long: {build: {context: app, dockerfile: prod.Dockerfile}}',
        '  merged: {build: {<<: *build}}',
        '  image-only: {image: alpine}',
      ].join('\n'),
    );
    const [short, long, merged, imageOnly] = model.services;
    assert.equal(short!.build?.label, 'app/Dockerfile');
    assert.equal(long!.build?.label, 'app/prod.Dockerfile');
    assert.equal(merged!.build?.label, 'app/Dockerfile');
    assert.equal(merged!.build?.target, 'dev');
    assert.equal(text(childOf(merged!.build!.args, 'A')?.value), '1');
    assert.equal(imageOnly!.build, undefined);
    assert.equal(merged!.build?.parsed?.stages.length, 2);
  });

  it('reads and parses each Dockerfile once, on first use', () => {
    const model = parse('services:\n  a: {build: ./app}\n  b: {build: {context: app}}\n  c: {build: .}\n');
    assert.deepEqual(reads, [], 'nothing is read before a rule asks');
    const [a, b, c] = model.services;
    assert.equal(a!.build?.parsed, b!.build?.parsed);
    assert.ok(c!.build?.parsed);
    assert.deepEqual(reads, ['app/Dockerfile', 'Dockerfile']);
  });

  it('parses dockerfile_inline and reads nothing for remote or unknown contexts', () => {
    const model = parse(
      [
        'services:',
        '  inline: {build: {dockerfile_inline: "FROM busybox\\n"}}',
        '  git: {build: "https://github.com/acme/app.git"}',
        '  unknown: {build: "${CTX}"}',
        '  unknown-file: {build: {context: app, dockerfile: "${DF}"}}',
        '  defaulted: {build: "${CTX2:-app}"}',
      ].join('\n'),
    );
    const [inline, git, unknown, unknownFile, defaulted] = model.services;
    assert.equal(inline!.build?.label, 'dockerfile_inline');
    assert.equal(inline!.build?.parsed?.stages[0]?.ref?.repository, 'library/busybox');
    assert.equal(git!.build?.remote, true);
    assert.equal(git!.build?.parsed, undefined);
    assert.equal(unknown!.build?.context, undefined);
    assert.equal(unknown!.build?.parsed, undefined);
    assert.equal(unknownFile!.build?.parsed, undefined);
    assert.equal(defaulted!.build?.label, 'app/Dockerfile');
    assert.ok(defaulted!.build?.parsed);
    assert.deepEqual(reads, ['app/Dockerfile']);
  });
});
