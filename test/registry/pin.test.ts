// `shipshape pin` and the editor's "Pin to digest" against a real registry (docker-registry on
// 127.0.0.1): the digest written is the one pushed, variables are left alone, failures are clear,
// and nothing is sent while the setting is off.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/lsp-client';
import { ensureFreshDist } from '../setup/fresh-dist';
import { startProxy, startRegistry, type LocalRegistry, type PushedIndex } from './local-registry';

const CLI = path.join(__dirname, '../../dist/cli.js');

function runCli(
  cwd: string,
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('shipshape pin and "Pin to digest" against a local registry', function () {
  this.timeout(60_000);
  let registry: LocalRegistry;
  let app: PushedIndex;
  let single: { digest: string };
  let root: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    this.timeout(180_000);
    ensureFreshDist();
    registry = await startRegistry();
    app = await registry.pushImage('team/app', '1', { platforms: ['linux/amd64', 'linux/arm64/v8'] });
    single = await registry.pushSingle('team/single', '2');
  });
  after(async () => registry?.stop());

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-pin-'));
    // The digest cache and Docker config live in the test's folder, never the user's.
    env = { ...process.env, XDG_CACHE_HOME: path.join(root, '.cache'), DOCKER_CONFIG: path.join(root, '.docker') };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function dockerfile(host: string): string {
    return [
      `ARG BASE=${host}/team/app:1`,
      '# the build stage',
      'FROM ${BASE} AS build',
      `FROM ${host}/team/app:1 AS runtime`,
      `COPY --from=${host}/team/single:2 /bin/tool /bin/tool`,
      'FROM build AS again',
      `FROM ${host}/team/app:1@${'sha256:' + 'b'.repeat(64)}`,
      'USER 10001',
      '',
    ].join('\r\n');
  }

  it('rewrites FROM, COPY --from and image: to tag@digest, keeping tags, quotes, comments and CRLF', async () => {
    const host = registry.host;
    fs.writeFileSync(path.join(root, 'Dockerfile'), dockerfile(host));
    const compose = [
      'x-base: &base',
      `  image: "${host}/team/app:1" # multi-arch`,
      'services:',
      '  api:',
      '    <<: *base',
      '  worker:',
      `    image: '${host}/team/single:2'`,
      '  local:',
      '    build: .',
      `    image: ${host}/team/app:1`,
      '  templated:',
      '    image: ${REGISTRY:-example.com}/team/app:1',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(root, 'compose.yaml'), compose);

    const result = await runCli(root, env, 'pin', '.');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'),
      dockerfile(host)
        .replace(`FROM ${host}/team/app:1 AS`, `FROM ${host}/team/app:1@${app.indexDigest} AS`)
        .replace(`team/single:2 /bin`, `team/single:2@${single.digest} /bin`),
    );
    assert.equal(
      fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'),
      compose
        .replace(`"${host}/team/app:1"`, `"${host}/team/app:1@${app.indexDigest}"`)
        .replace(`'${host}/team/single:2'`, `'${host}/team/single:2@${single.digest}'`),
    );
    assert.match(result.stderr, /Dockerfile:3 left alone: "\$\{BASE\}" is built from variables/);
    assert.match(result.stderr, /compose\.yaml:12 left alone: "\$\{REGISTRY:-example\.com\}\/team\/app:1"/);
    assert.match(result.stdout, /index of 2 platforms/);
    assert.match(result.stderr, /pinned 4 image references, 1 already pinned/);

    // Pinning again changes nothing.
    const again = await runCli(root, env, 'pin', '.');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /pinned 0 image references, 5 already pinned/);
  });

  it('--dry-run prints a diff and changes nothing; a missing tag fails clearly with exit 1', async () => {
    const text = `FROM ${registry.host}/team/app:1\nFROM ${registry.host}/team/app:404\n`;
    fs.writeFileSync(path.join(root, 'Dockerfile'), text);
    const result = await runCli(root, env, 'pin', '--dry-run', 'Dockerfile');
    assert.equal(result.code, 1);
    assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), text);
    assert.match(result.stdout, new RegExp(`^\\+FROM ${registry.host}/team/app:1@${app.indexDigest}$`, 'm'));
    assert.match(result.stderr, /Dockerfile:2 not pinned: .*team\/app:404: .*not found/i);
    assert.match(result.stderr, /would pin 1 image reference, 1 image could not be resolved/);
  });

  it('leaves a Compose file with YAML errors untouched and still pins the other files', async () => {
    const broken = `services:\n  web:\n    image: ${registry.host}/team/app:1\n    ports: [8080:80\n`;
    fs.writeFileSync(path.join(root, 'compose.yaml'), broken);
    fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM ${registry.host}/team/app:1\n`);
    const result = await runCli(root, env, 'pin', '.');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /compose\.yaml: not pinned: the YAML has errors \(line \d+: .*\); fix them first/);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), broken);
    assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), `FROM ${registry.host}/team/app:1@${app.indexDigest}\n`);
  });

  it('--platform pins that platform manifest instead of the index', async () => {
    fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM ${registry.host}/team/app:1\n`);
    const result = await runCli(root, env, 'pin', '--platform', 'linux/arm64', 'Dockerfile');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'),
      `FROM ${registry.host}/team/app:1@${app.manifestDigests['linux/arm64/v8']}\n`,
    );
    const bad = await runCli(root, env, 'pin', '--platform', 'linux', 'Dockerfile');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--platform takes os\/arch/);
  });

  it('--update refreshes digests whose tag moved, and leaves them alone without it', async () => {
    const first = await registry.pushImage('team/moving', '3', { platforms: ['linux/amd64'] });
    const compose = `services:\n  web:\n    image: "${registry.host}/team/moving:3" # pinned by CI\n`;
    fs.writeFileSync(path.join(root, 'compose.yaml'), compose);
    assert.equal((await runCli(root, env, 'pin', 'compose.yaml')).code, 0);
    const pinned = compose.replace(':3"', `:3@${first.indexDigest}"`);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), pinned);

    const moved = await registry.pushImage('team/moving', '3', { platforms: ['linux/amd64', 'linux/arm64/v8'] });
    assert.notEqual(moved.indexDigest, first.indexDigest);
    const plain = await runCli(root, env, 'pin', 'compose.yaml');
    assert.equal(plain.code, 0);
    assert.match(plain.stderr, /pinned 0 image references, 1 already pinned/);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), pinned);

    // The first pin is cached for an hour; --update must ask the registry anyway.
    const dry = await runCli(root, env, 'pin', '--update', '--dry-run', 'compose.yaml');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\(the tag moved\)/);
    assert.match(dry.stderr, /1 moved tag to update/);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), pinned);

    const check = await runCli(root, env, 'pin', '--update', '--check', 'compose.yaml');
    assert.equal(check.code, 1, 'a moved tag fails --check');
    assert.match(check.stderr, /--check: 1 file would change; run shipshape pin --update/);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), pinned);

    const result = await runCli(root, env, 'pin', '--update', 'compose.yaml');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8'), compose.replace(':3"', `:3@${moved.indexDigest}"`));
    assert.match((await runCli(root, env, 'pin', '--update', 'compose.yaml')).stderr, /no moved tags updated, 1 already pinned/);
    assert.equal(
      (await runCli(root, env, 'pin', '--update', '--check', 'compose.yaml')).code,
      0,
      'nothing moved: --check passes',
    );
  });

  describe('in the editor', () => {
    let client: TestClient;
    const uri = () => `file://${root}/Dockerfile`;

    beforeEach(async () => {
      client = new TestClient(env);
      client.settings = { enable: true, rules: {}, network: { resolveDigests: false } };
      await client.initialize(root, {}, { workspaceEdit: { documentChanges: true } });
    });
    afterEach(async () => {
      await client.shutdown();
    });

    async function actionsAt(line: number, character: number): Promise<CodeAction[]> {
      return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: uri() },
        range: { start: { line, character }, end: { line, character } },
        context: { diagnostics: [] },
      });
    }

    it('offers "Pin to digest" only as an explanation while the setting is off, and sends nothing', async () => {
      const proxy = await startProxy(registry.host);
      try {
        const text = `FROM ${proxy.host}/team/app:1\n`;
        fs.writeFileSync(path.join(root, 'Dockerfile'), text);
        await client.open(uri(), 'dockerfile', text);
        await client.waitForDiagnostics(uri());
        const actions = await actionsAt(0, 8);
        const pin = actions.find((a) => a.title.startsWith('Pin '));
        assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
        assert.match(pin.title, /turn on shipshape\.network\.resolveDigests first/);
        assert.equal(pin.command?.command, 'shipshape.explainDigestPinning');
        const refused = await client.connection.sendRequest('workspace/executeCommand', {
          command: 'shipshape.pinToDigest',
          arguments: [{ uri: uri(), version: 1, position: { line: 0, character: 5 } }],
        });
        assert.equal(refused, null);
        assert.equal(proxy.requests.length, 0, 'nothing may reach the registry while the setting is off');
      } finally {
        await proxy.stop();
      }
    });

    it('pins through workspace/applyEdit when enabled, and the hover then says where the digest came from', async () => {
      client.settings = { enable: true, rules: {}, network: { resolveDigests: true } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const text = `# base\nFROM ${registry.host}/team/app:1 AS runtime\n`;
      fs.writeFileSync(path.join(root, 'Dockerfile'), text);
      await client.open(uri(), 'dockerfile', text);
      await client.waitForDiagnostics(uri());
      const edits: unknown[] = [];
      client.connection.onRequest('workspace/applyEdit', (params: unknown) => {
        edits.push(params);
        return { applied: true };
      });
      const pin = (await actionsAt(1, 10)).find((a) => a.command?.command === 'shipshape.pinToDigest');
      assert.ok(pin);
      const result = await client.connection.sendRequest<{ digest: string }>('workspace/executeCommand', pin.command!);
      assert.equal(result.digest, app.indexDigest);
      const end = `FROM ${registry.host}/team/app:1`.length;
      assert.deepEqual(edits, [
        {
          label: `Pin ${registry.host}/team/app:1 to ${app.indexDigest}`,
          edit: {
            documentChanges: [
              {
                textDocument: { uri: uri(), version: 1 },
                edits: [
                  {
                    range: { start: { line: 1, character: end }, end: { line: 1, character: end } },
                    newText: `@${app.indexDigest}`,
                  },
                ],
              },
            ],
          },
        },
      ]);

      // An editor without versioned edits gets plain `changes`.
      const plain = new TestClient(env);
      try {
        plain.settings = client.settings;
        await plain.initialize(root);
        await plain.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        await plain.open(uri(), 'dockerfile', text);
        await plain.waitForDiagnostics(uri());
        const plainEdits: { edit: { changes?: Record<string, unknown[]>; documentChanges?: unknown } }[] = [];
        plain.connection.onRequest('workspace/applyEdit', (params: (typeof plainEdits)[number]) => {
          plainEdits.push(params);
          return { applied: true };
        });
        await plain.connection.sendRequest('workspace/executeCommand', pin.command!);
        assert.equal(plainEdits.length, 1);
        assert.equal(plainEdits[0]!.edit.documentChanges, undefined);
        assert.deepEqual(plainEdits[0]!.edit.changes, {
          [uri()]: [
            { range: { start: { line: 1, character: end }, end: { line: 1, character: end } }, newText: `@${app.indexDigest}` },
          ],
        });
      } finally {
        await plain.shutdown();
      }

      const pinned = `# base\nFROM ${registry.host}/team/app:1@${app.indexDigest} AS runtime\n`;
      await client.change(uri(), pinned, 2);
      await client.waitForDiagnostics(uri());
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: uri() },
        position: { line: 1, character: 10 },
      });
      const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
      assert.match(value, new RegExp(`Pinned from\\*\\* \`${registry.host}/team/app:1\` on \\d{4}-\\d\\d-\\d\\d`));
      assert.match(value, /multi-platform index \(`linux\/amd64`, `linux\/arm64\/v8`\)/);
    });
  });
});
