// The guarded file layer's reads and the CLI's per-run lookups (project roots, config files): the
// answers a fast path gives must be the ones the plain walk gives.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FileAccessError,
  ProjectRoot,
  readGuarded,
  readProjectFile,
  RunRealPaths,
  tryReadProjectFile,
} from '../../server/src/workspace/file-access';
import { findConfigFile } from '../../server/src/workspace/config-loader';
import { CliProjectRoots, cliProjectRoot } from '../../server/src/workspace/project-root';
import { tempProject } from './lsp-helpers';

function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof FileAccessError, String(error));
    return error.reason;
  }
  return 'read';
}

describe('Guarded file reads', () => {
  let dir: string;
  let root: ProjectRoot;
  beforeEach(() => {
    dir = tempProject({ 'small.txt': 'hello\n' });
    root = new ProjectRoot(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every size whole, a multi-byte character across the 64 KB chunk boundary included', () => {
    // 'é' is two bytes in UTF-8: placed so that one chunk ends inside it.
    for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072, 200_001]) {
      const text = 'a'.repeat(Math.max(0, size - 1)).slice(0, 65_535) + 'é' + 'b'.repeat(Math.max(0, size - 65_537));
      const file = path.join(dir, `f${size}.txt`);
      fs.writeFileSync(file, text);
      assert.equal(readProjectFile(file, root, { maxBytes: 1024 * 1024 }), text, `size ${size}`);
    }
    // A small read after a large one sees only its own bytes.
    assert.equal(readProjectFile(path.join(dir, 'small.txt'), root, { maxBytes: 100 }), 'hello\n');
  });

  it('stops at maxBytes, counting the bytes read', () => {
    const file = path.join(dir, 'big.txt');
    fs.writeFileSync(file, 'x'.repeat(70_000));
    assert.equal(readProjectFile(file, root, { maxBytes: 70_000 }).length, 70_000);
    assert.equal(
      refusalOf(() => readProjectFile(file, root, { maxBytes: 69_999 })),
      'too-large',
    );
    assert.equal(tryReadProjectFile(file, root, { maxBytes: 69_999 }), undefined);
  });

  for (const mode of ['each read resolved', 'folders resolved once per run'] as const) {
    it(`answers a missing file, a dangling link, a loop and a link out of the project as before (${mode})`, () => {
      const outside = tempProject({ 'secret.txt': 'token\n' });
      try {
        fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
        fs.symlinkSync(path.join(dir, 'loop-b'), path.join(dir, 'loop-a'));
        fs.symlinkSync(path.join(dir, 'loop-a'), path.join(dir, 'loop-b'));
        fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'escape'));
        fs.symlinkSync(outside, path.join(dir, 'escape-folder'));
        fs.symlinkSync(path.join(dir, 'small.txt'), path.join(dir, 'inside'));
        fs.mkdirSync(path.join(dir, 'sub'));
        fs.writeFileSync(path.join(dir, 'sub', 'file.txt'), 'sub\n');
        fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'inside-folder'));
        fs.mkdirSync(path.join(dir, '.git'));
        fs.writeFileSync(path.join(dir, '.git', 'config'), '[core]\n');
        fs.symlinkSync(path.join(dir, '.git'), path.join(dir, 'git-folder'));
        const project = mode === 'each read resolved' ? root : new ProjectRoot(dir, new RunRealPaths());
        const options = { maxBytes: 1024 };
        const cases: [string, string][] = [
          ['missing.txt', 'missing'],
          ['small.txt/below', 'missing'],
          ['dangling', 'missing'],
          ['loop-a', 'symlink'],
          ['escape', 'outside-project'],
          ['escape-folder/secret.txt', 'outside-project'],
          ['.git/config', 'in-git-folder'],
          ['git-folder/config', 'in-git-folder'],
          ['.', 'not-a-file'],
          ['inside', 'read'],
          ['inside-folder/file.txt', 'read'],
          ['sub/file.txt', 'read'],
        ];
        // Twice: the second pass meets the folders' real paths as the first one kept them.
        for (const pass of [1, 2])
          for (const [name, reason] of cases) {
            const file = path.join(dir, name);
            const label = `${name}, pass ${pass}`;
            assert.equal(
              refusalOf(() => readProjectFile(file, project, options)),
              reason,
              label,
            );
            const guarded = readGuarded(file, project, options);
            assert.equal(typeof guarded === 'string' ? 'read' : guarded.reason, reason, label);
            assert.equal(tryReadProjectFile(file, project, options) === undefined, reason !== 'read', label);
          }
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  }
});

describe('The CLI run lookups', () => {
  it('gives each file the project root the one-off lookup gives, one instance per root', () => {
    const repo = tempProject({ 'a/Dockerfile': '', 'a/b/Dockerfile': '', 'nested/.git/HEAD': '', 'nested/x/Dockerfile': '' });
    const elsewhere = tempProject({ Dockerfile: '' });
    fs.mkdirSync(path.join(repo, '.git'));
    try {
      const roots = new CliProjectRoots(repo);
      const files = [
        path.join(repo, 'a/Dockerfile'),
        path.join(repo, 'a/b/Dockerfile'),
        path.join(repo, 'nested/x/Dockerfile'),
        path.join(elsewhere, 'Dockerfile'),
        'a/b/Dockerfile',
      ];
      for (const file of files) assert.equal(roots.ofFile(file).dir, cliProjectRoot(file, repo).dir, file);
      assert.equal(roots.ofFile(files[0]!), roots.ofFile(files[1]!));
      assert.equal(roots.ofFile(files[2]!).dir, path.join(repo, 'nested'));
      assert.equal(roots.ofFile(files[3]!).dir, elsewhere);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('finds the config the one-off lookup finds, for every folder, with the answers kept', () => {
    const dir = tempProject({
      '.shipshape.yaml': '',
      'a/b/c/file': '',
      'd/.shipshape.yml': '',
      'd/e/file': '',
      'n/.git/HEAD': '',
      'n/m/file': '',
    });
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'a', '.shipshape.yaml'));
    try {
      const root = new ProjectRoot(dir);
      const kept = new Map<string, string | undefined>();
      const folders = ['a/b/c', 'a/b', 'a', '.', 'd/e', 'd', 'n/m', 'n', 'a/b/c'].map((f) => path.join(dir, f));
      for (const folder of folders) assert.equal(findConfigFile(folder, root, kept), findConfigFile(folder, root), folder);
      assert.equal(findConfigFile(path.join(dir, 'a/b/c'), root, kept), path.join(dir, 'a', '.shipshape.yaml'));
      assert.equal(findConfigFile(path.join(dir, 'n/m'), root, kept), undefined, 'a nested repository ends the walk');
      assert.equal(findConfigFile(path.join(dir, 'd/e'), root, kept), path.join(dir, 'd', '.shipshape.yml'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
