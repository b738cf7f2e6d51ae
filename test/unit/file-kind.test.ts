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
import { detectKind, FILE_KINDS, fileKind, isLookalike, watchedFilesGlob } from '../../server/src/engine';
import { documentKind } from '../../server/src/lsp/document-kind';
import { FILE_NAMES_START, renderFileNames, withFileNames } from '../../scripts/render-docs';
import { ensureFreshDist } from '../setup/fresh-dist';

const CLI = path.join(__dirname, '../../dist/cli.js');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

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

const COMPOSE_FILES = [
  'compose.yaml',
  'compose.yml',
  'compose.override.yml',
  'compose-dev.yaml',
  'docker-compose.yml',
  'docker-compose.prod.yaml',
  'docker-compose-ci.yml',
];

/** Base names of the files in the shared corpus (real repositories), when it is there. */
function corpusNames(): string[] {
  if (!fs.existsSync(CORPUS)) return [];
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else names.add(entry.name);
    }
  };
  walk(CORPUS);
  return [...names];
}

function globsMatch(globs: readonly string[], name: string): boolean {
  return globs.some((glob) => picomatch(glob, { dot: true })(name));
}

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

  it("every name a kind's globs claim (wildcards filled in) is that kind", () => {
    for (const kind of FILE_KINDS)
      for (const glob of kind.names.globs) {
        const name = glob.replace(/\*/g, 'prod');
        assert.equal(detectKind(`project/${name}`), kind.id, `${kind.id} glob ${glob}`);
      }
  });

  it("every name a kind accepts is covered by that kind's globs (known names and the real corpus)", () => {
    const names = [...DOCKERFILES, ...COMPOSE_FILES, ...corpusNames()];
    assert.ok(names.length > DOCKERFILES.length + COMPOSE_FILES.length || !fs.existsSync(CORPUS), 'the corpus yields names');
    for (const name of names) {
      const kind = detectKind(name);
      if (!kind) continue;
      assert.ok(globsMatch(fileKind(kind).names.globs, name), `${name} (${kind}) is outside its kind's globs`);
    }
  });

  it("package.json contributes each kind's language with exactly the registry's names and activates on it", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[] };
    };
    for (const kind of FILE_KINDS) {
      const id = kind.languageIds[0];
      const language = manifest.contributes.languages.find((l) => l.id === id);
      assert.ok(language, `package.json contributes no ${id} language`);
      // VS Code takes a plain name under either key.
      const claimed = [...(language.filenames ?? []), ...(language.filenamePatterns ?? [])].sort();
      assert.deepEqual(claimed, [...kind.names.globs].sort(), `${id} filenames and filenamePatterns`);
      assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `no onLanguage:${id} activation`);
    }
    for (const name of COMPOSE_FILES) assert.equal(detectKind(name), 'compose', name);
  });

  it("the VS Code client's YAML document selector and workspaceContains activation cover every Compose name", () => {
    // Static in the client bundle and the manifest (the client does not load the engine): checked here.
    const client = fs.readFileSync(path.join(__dirname, '../../client/src/extension.ts'), 'utf8');
    const selector = /\{ language: 'yaml', pattern: '([^']+)' \}/.exec(client)?.[1];
    assert.ok(selector, 'client/src/extension.ts selects YAML documents by a pattern');
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      activationEvents: string[];
    };
    const contains = manifest.activationEvents
      .find((e) => e.startsWith('workspaceContains:'))
      ?.slice('workspaceContains:'.length);
    assert.ok(contains, 'package.json activates on a workspace containing Compose files');
    for (const glob of fileKind('compose').names.globs) {
      const name = `deploy/${glob.replace(/\*/g, 'prod')}`;
      assert.ok(picomatch(selector)(name), `${name} is outside the client's selector ${selector}`);
      assert.ok(picomatch(contains)(name), `${name} is outside ${contains}`);
    }
  });

  it("README's lists of file names are the registry's (npm run docs writes them)", () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    assert.ok(readme.split(FILE_NAMES_START).length > 2, 'README has its two file-names spans');
    assert.equal(withFileNames(readme), readme, 'README file names are stale: run npm run docs');
    for (const kind of FILE_KINDS) assert.ok(renderFileNames().includes(`**${kind.plural}**`), kind.id);
  });

  it("the server's file watcher covers every kind's names and the files their lints read", () => {
    const watched = picomatch(watchedFilesGlob(), { dot: true });
    // Containerfile.*, *.Containerfile and *.dockerfile were missing from the server's hand-written glob.
    for (const name of [
      ...DOCKERFILES,
      'Containerfile',
      'Containerfile.dev',
      'api.Containerfile',
      'web.dockerfile',
      ...COMPOSE_FILES,
    ])
      assert.ok(watched(`project/sub/${name}`), name);
    // A Compose fragment has any YAML name (`include:`, `extends: file:`, COMPOSE_FILE).
    for (const name of ['.env', '.dockerignore', 'Dockerfile.dockerignore', 'common.yaml', 'monitoring.yml'])
      assert.ok(watched(`project/${name}`), name);
    assert.equal(watched('project/README.md'), false);
  });

  it('the pre-commit hook selects exactly the files detectKind gives a kind', () => {
    const hooks = parse(fs.readFileSync(path.join(__dirname, '../../.pre-commit-hooks.yaml'), 'utf8')) as {
      files: string;
      exclude: string;
    }[];
    const files = new RegExp(hooks[0]!.files);
    const exclude = new RegExp(hooks[0]!.exclude);
    // pre-commit matches case-sensitively; lower-case suffixes are the ones seen in repositories.
    for (const name of [...NOT_DOCKERFILES, ...DOCKERFILES, ...COMPOSE_FILES].filter((n) => n !== 'Dockerfile.MD')) {
      const selected = files.test(`src/${name}`) && !exclude.test(`src/${name}`);
      assert.equal(selected, detectKind(`src/${name}`) !== undefined, name);
    }
  });

  it('discovery skips them, and --kind dockerfile still lints one', () => {
    ensureFreshDist();
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
