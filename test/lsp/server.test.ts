// The bundled language server (dist/server.js, built by `npm test`) driven over stdio by a real
// JSON-RPC client, as Neovim, Helix or Emacs would drive it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, applyFixes, lint, preferredFixGroups } from '../../server/src/engine';
import { lintTargets } from '../../server/src/cli/lint-files';
import { environmentDefaults } from '../../server/src/workspace/environment-defaults';
import { TestClient } from './lsp-client';

const DOCKERFILE = 'FROM ubuntu:latest\nRUN echo hi\n';
const LEGACY = 'FROM alpine:3.20\nENV MODE production\nUSER 1000\n';
const LEGACY_ROOT = 'FROM alpine:3.20\nENV MODE production\nUSER root\n';
const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:stable # the web tier',
  '    privileged: true',
  '    ports:',
  '      - "8080:80"',
  '    cap_drop: [ALL]',
  '    read_only: true',
  '    security_opt: [no-new-privileges:true]',
  '',
].join('\n');

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

describe('language server over stdio', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  const uriOf = (name: string) => `file://${path.join(dir, name)}`;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    client = new TestClient();
    const { capabilities } = await client.initialize(dir);
    assert.ok(capabilities.hoverProvider);
    assert.deepEqual((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'refactor.rewrite',
      'source.fixAll.shipshape',
      'source.shipshape.fixAllUnsafe',
    ]);
  });

  after(async () => {
    if (client) assert.equal(await client.shutdown(), 0, 'the server should exit cleanly after shutdown/exit');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for a Dockerfile with source shipshape and rule-id codes', async () => {
    const uri = uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', DOCKERFILE);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(diagnostics), ['root-user', 'unpinned-image']);
    // Published before this wait began: a wait sees the diagnostics that already arrived.
    assert.deepEqual(await client.waitForDiagnostics(uri, { timeoutMs: 1 }), diagnostics);
    for (const d of diagnostics) {
      assert.equal(d.source, 'shipshape');
      assert.match(d.codeDescription!.href, new RegExp(`docs/rules/${d.code}\\.md$`));
    }
  });

  it('applies the port-all-interfaces quick fix and leaves the rest of the file byte-identical', async () => {
    const uri = uriOf('compose.yaml');
    await client.open(uri, 'dockercompose', COMPOSE);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(diagnostics), ['port-all-interfaces', 'privileged']);
    const port = diagnostics.find((d) => d.code === 'port-all-interfaces')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: port.range,
      context: { diagnostics: [port] },
    });
    const preferred = actions.find((a) => a.title === 'Bind to 127.0.0.1')!;
    assert.ok(preferred, 'the bind fix is offered');
    assert.ok(!preferred.isPreferred, 'binding to loopback changes who can reach the service: never applied unseen');
    assert.ok(actions.some((a) => a.title === 'Suppress port-all-interfaces for this line'));
    const edits = preferred.edit!.changes![uri] as TextEdit[];
    const fixed = applyEdits(COMPOSE, edits);
    assert.equal(fixed, COMPOSE.replace('"8080:80"', '"127.0.0.1:8080:80"'));
    await client.change(uri, fixed, 2);
    assert.deepEqual(codes(await client.waitForDiagnostics(uri)), ['privileged'], 'version 2 is linted');
  });

  it('resolves fix-all lazily for clients that resolve code actions', async () => {
    const lazy = new TestClient();
    try {
      await lazy.initialize(dir, { dataSupport: true, resolveSupport: { properties: ['edit'] } });
      const uri = uriOf('Dockerfile.legacy');
      await lazy.open(uri, 'dockerfile', LEGACY);
      await lazy.waitForDiagnostics(uri, (d) => d.length > 0);
      const actions = await lazy.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.shipshape'] },
      });
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.edit, undefined, 'the edit waits for codeAction/resolve');
      const resolved = await lazy.connection.sendRequest<CodeAction>('codeAction/resolve', actions[0]);
      assert.equal(
        applyEdits(LEGACY, resolved.edit!.changes![uri] as TextEdit[]),
        'FROM alpine:3.20\nENV MODE=production\nUSER 1000\n',
      );
    } finally {
      await lazy.shutdown();
    }
  });

  it('fix-all applies only safe fixes; the behaviour-changing ones are a separate source action, never run on save', async () => {
    const legacy = uriOf('Dockerfile.legacy');
    await client.open(legacy, 'dockerfile', LEGACY_ROOT);
    await client.waitForDiagnostics(legacy, (d) => d.some((x) => x.code === 'legacy-env-format'));
    const request = (only: string[]) =>
      client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: legacy },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      });
    const onSave = await request(['source.fixAll']);
    assert.deepEqual(
      onSave.map((a) => a.kind),
      ['source.fixAll.shipshape'],
    );
    assert.equal(
      applyEdits(LEGACY_ROOT, onSave[0]!.edit!.changes![legacy] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER root\n',
      'the root USER is left for the user to review',
    );
    assert.ok(
      (await request([''])).some((a) => a.kind === 'source.fixAll.shipshape'),
      'the empty kind contains every action',
    );
    const automatic = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: legacy },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'], triggerKind: 2 },
    });
    assert.deepEqual(
      automatic.map((a) => a.kind),
      ['source.fixAll.shipshape'],
      'an automatic request (a save action on "source") never gets the fixes that need review',
    );
    const source = await request(['source']);
    const unsafe = source.find((a) => a.kind === 'source.shipshape.fixAllUnsafe')!;
    assert.match(unsafe.title, /including fixes that change behaviour/);
    assert.equal(
      applyEdits(LEGACY_ROOT, unsafe.edit!.changes![legacy] as TextEdit[]),
      'FROM alpine:3.20\nENV MODE=production\nUSER 10001:10001\n',
    );

    // Only a behaviour-changing fix: no safe fix-all, and its quick fix is not "preferred" (auto-fix would apply it unseen).
    const uri = uriOf('Dockerfile');
    assert.deepEqual(
      (
        await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        })
      ).length,
      0,
    );
    const finding = lint({ text: DOCKERFILE, kind: 'dockerfile' }).findings.find((f) => f.ruleId === 'root-user')!;
    const rootUser: Diagnostic = { range: finding.range, code: 'root-user', source: 'shipshape', message: finding.message };
    const quick = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: rootUser.range,
      context: { diagnostics: [rootUser] },
    });
    const insertUser = quick.find((a) => a.kind === 'quickfix' && /USER/.test(a.title))!;
    assert.ok(insertUser, 'the fix is still offered on the finding');
    assert.ok(!insertUser.isPreferred);
  });

  it('fix-all including behaviour-changing fixes ends where lint --fix --unsafe-fixes does, over several passes', async () => {
    // Two fixes on one RUN overlap: the second applies in a second pass, against the first one's text.
    const text = fs.readFileSync(path.join(__dirname, '../rules/insecure-transport/packages.Dockerfile'), 'utf8');
    const file = path.join(dir, 'passes.Dockerfile');
    fs.writeFileSync(file, text);
    const uri = uriOf('passes.Dockerfile');
    await client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'insecure-transport'));
    const [action] = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.shipshape.fixAllUnsafe'] },
    });
    const [cli] = lintTargets([{ path: file, kind: 'dockerfile', explicit: true }], {
      cwd: dir,
      defaults: environmentDefaults(process.env),
      fix: 'dry-run',
      unsafeFixes: true,
    }).results;
    assert.ok(cli?.fixed, 'the CLI fixes the file');
    const onePass = applyFixes(text, preferredFixGroups(lint({ text, kind: 'dockerfile' }).findings, { unsafe: true })).text;
    assert.notEqual(onePass, cli.fixed.after, 'one pass of fixes is not enough for this file');
    assert.equal(applyEdits(text, action!.edit!.changes![uri] as TextEdit[]), cli.fixed.after);
  });

  it('shows the rule text on hover over a finding', async () => {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: uriOf('Dockerfile') },
      position: { line: 0, character: 7 },
    });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /Image not pinned to a version/);
    assert.match(value, /docs\/rules\/unpinned-image\.md/);
    assert.match(value, /Docker Official Image/, 'the image hover is included too');
  });

  it('re-lints when editor settings turn a rule off', async () => {
    const uri = uriOf('Dockerfile');
    const relinted = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'unpinned-image'));
    client.settings = { enable: true, rules: { 'unpinned-image': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: client.settings } });
    assert.deepEqual(codes(await relinted), ['root-user']);
    client.settings = { enable: true, rules: {} };
    const restored = client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unpinned-image'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: client.settings } });
    await restored;
  });

  it('honours .shipshape.yaml, and re-lints when it changes', async () => {
    const uri = uriOf('Dockerfile');
    const relinted = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'root-user'));
    fs.writeFileSync(path.join(dir, '.shipshape.yaml'), 'rules:\n  root-user: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('.shipshape.yaml'), type: 1 }],
    });
    assert.deepEqual(codes(await relinted), ['unpinned-image']);
  });

  it('reports config errors inside the open .shipshape.yaml', async () => {
    const uri = uriOf('.shipshape.yaml');
    await client.open(uri, 'yaml', 'rules:\n  root-user: loud\nextends: lax\n');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['config', 1],
        ['config', 2],
      ],
    );
  });

  it('honours a suppression comment and reports an unused one', async () => {
    const uri = uriOf('suppressed/Dockerfile');
    const text =
      '# shipshape-ignore unpinned-image -- tracks upstream\nFROM node:latest\n# shipshape-ignore privileged\nUSER node\n';
    await client.open(uri, 'dockerfile', text);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(diagnostics), ['unused-suppression']);
  });

  it('reports malformed YAML as syntax-error without crashing, and keeps serving', async () => {
    const uri = uriOf('broken/compose.yaml');
    await client.open(uri, 'dockercompose', 'services:\n  web:\n    image: [nginx\n  db: {\n');
    assert.ok(codes(await client.waitForDiagnostics(uri)).includes('syntax-error'));
    const binary = uriOf('binary/Dockerfile');
    await client.open(binary, 'dockerfile', 'FROM x\u0000\u0001\u0002');
    assert.deepEqual(codes(await client.waitForDiagnostics(binary)), ['skipped']);
  });

  it('updates a Compose file when the Dockerfile its service builds changes', async () => {
    fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
    // Its own root config: nested configs build on their parents', and root: true stops the
    // root-user: off an earlier test wrote above it.
    fs.writeFileSync(path.join(dir, 'app', '.shipshape.yaml'), 'root: true\nextends: recommended\n');
    fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), 'FROM node:22-slim\nUSER node\n');
    fs.writeFileSync(
      path.join(dir, 'app', 'compose.yaml'),
      'services:\n  api:\n    build: .\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n',
    );
    const composeUri = uriOf('app/compose.yaml');
    await client.open(composeUri, 'dockercompose', fs.readFileSync(path.join(dir, 'app', 'compose.yaml'), 'utf8'));
    assert.deepEqual(codes(await client.waitForDiagnostics(composeUri)), []);
    const dockerfileUri = uriOf('app/Dockerfile');
    await client.open(dockerfileUri, 'dockerfile', 'FROM node:22-slim\nUSER node\n');
    const rooted = client.waitForDiagnostics(composeUri, (d) => d.some((x) => x.code === 'root-user'));
    await client.change(dockerfileUri, 'FROM node:22-slim\n', 2);
    assert.deepEqual(codes(await rooted), ['root-user']);
  });
});
