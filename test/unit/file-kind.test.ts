// Which files are Dockerfiles by name: discovery, the language server and package.json's
// language contribution must agree, and documentation or templates named after a Dockerfile
// (`Dockerfile.md`, `Dockerfile.template`) are not linted unless the user says so (--kind).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import { detectKind, isLookalike } from '../../server/src/engine';
import { documentKind } from '../../server/src/lsp/document-kind';

const CLI = path.join(__dirname, '../../dist/cli.js');

const NOT_DOCKERFILES = [
  'Dockerfile.template',
  'Dockerfile.tmpl',
  'Dockerfile.j2',
  'Dockerfile.jinja',
  'Dockerfile.in',
  'Dockerfile.md',
  'Dockerfile.txt',
  'Dockerfile.dockerignore',
  'Dockerfile.orig',
  'Dockerfile.bak',
  'Dockerfile.rej',
  'Containerfile.template',
  'Dockerfile.prod.j2',
  'Dockerfile.MD',
];
const DOCKERFILES = [
  'Dockerfile',
  'Dockerfile.prod',
  'Dockerfile.alpine',
  'Dockerfile.release',
  'Dockerfile.distroless',
  'Dockerfile.sample',
  'Dockerfile.windows',
  'Containerfile.dev',
  'api.Dockerfile',
  'web.dockerfile',
];

describe('file kind by name', () => {
  for (const name of NOT_DOCKERFILES) {
    it(`${name} is not a Dockerfile by name`, () => {
      assert.equal(detectKind(`project/${name}`), undefined);
      assert.equal(isLookalike(name), true);
      // Editors give every Dockerfile.* the Dockerfile language; the server still leaves it alone.
      assert.equal(documentKind('dockerfile', `file:///work/project/${name}`), undefined);
    });
  }
  for (const name of DOCKERFILES) {
    it(`${name} is a Dockerfile`, () => {
      assert.equal(detectKind(`project/${name}`), 'dockerfile');
      assert.equal(isLookalike(name), false);
      assert.equal(documentKind('dockerfile', `file:///work/project/${name}`), 'dockerfile');
    });
  }

  it('a language the user picks wins for names that do not look like a Dockerfile', () => {
    assert.equal(documentKind('dockerfile', 'file:///work/project/build.txt'), 'dockerfile');
    assert.equal(documentKind('dockerfile', 'untitled:Untitled-1'), 'dockerfile');
  });

  it("package.json's language patterns claim every Dockerfile and Compose name detectKind knows", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[] };
    };
    const claims = (id: string, name: string) =>
      manifest.contributes.languages
        .filter((language) => language.id === id)
        .some(
          (language) =>
            (language.filenames ?? []).includes(name) ||
            (language.filenamePatterns ?? []).some((pattern) => picomatch(pattern, { dot: true })(name)),
        );
    // `Dockerfile` itself comes from VS Code's built-in Docker language; ours adds the rest.
    for (const name of DOCKERFILES.filter((n) => n !== 'Dockerfile')) assert.ok(claims('dockerfile', name), name);
    for (const name of ['compose.yaml', 'compose.override.yml', 'docker-compose.yml', 'docker-compose.prod.yaml']) {
      assert.equal(detectKind(name), 'compose');
      assert.ok(claims('dockercompose', name), name);
    }
  });

  it('the pre-commit hook selects exactly the files detectKind calls Dockerfiles', () => {
    const hooks = parse(fs.readFileSync(path.join(__dirname, '../../.pre-commit-hooks.yaml'), 'utf8')) as {
      files: string;
      exclude: string;
    }[];
    const files = new RegExp(hooks[0]!.files);
    const exclude = new RegExp(hooks[0]!.exclude);
    // pre-commit matches case-sensitively; lower-case suffixes are the ones seen in repositories.
    for (const name of [...NOT_DOCKERFILES, ...DOCKERFILES].filter((n) => n !== 'Dockerfile.MD')) {
      const selected = files.test(`src/${name}`) && !exclude.test(`src/${name}`);
      assert.equal(selected, detectKind(`src/${name}`) !== undefined, name);
    }
  });

  (fs.existsSync(CLI) ? it : it.skip)('discovery skips them, and --kind dockerfile still lints one', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kind-'));
    try {
      fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
      // A jq template: not Dockerfile syntax at all.
      fs.writeFileSync(
        path.join(root, 'Dockerfile.template'),
        '{{ .from }}\n{{ range .packages }}RUN apk add {{ . }}{{ end }}\n',
      );
      fs.writeFileSync(path.join(root, 'Dockerfile.md'), '# How we build\n\nRun `docker build .`\n');
      fs.writeFileSync(path.join(root, 'Dockerfile.dockerignore'), '.git\nnode_modules\n');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--fail-on', 'none', ...args], {
          cwd: root,
          encoding: 'utf8',
        });
      const discovered = JSON.parse(run('.').stdout) as { filePath: string }[];
      assert.deepEqual(
        discovered.map((file) => path.basename(file.filePath)),
        ['Dockerfile'],
      );
      const forced = JSON.parse(run('--kind', 'dockerfile', 'Dockerfile.template').stdout) as {
        filePath: string;
        kind: string;
        messages: { ruleId: string }[];
      }[];
      assert.equal(forced.length, 1);
      assert.equal(forced[0]!.kind, 'dockerfile');
      assert.ok(forced[0]!.messages.some((m) => m.ruleId === 'syntax-error'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
