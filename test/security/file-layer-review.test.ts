// Adversarial cases for the guarded file layer's CLI fast paths (folder real paths kept per run, one
// reused read buffer) that the unit tests do not reach: special files placed inside the project
// itself (no symlink for the path check to catch), a sibling folder whose name extends the root's,
// the shared buffer after a refusal, and the language server re-resolving a folder on every read.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  openedElsewhere,
  ProjectRoot,
  readGuarded,
  RunRealPaths,
  writeProjectFile,
} from '../../server/src/workspace/file-access';

function outcome(result: ReturnType<typeof readGuarded>): string {
  return typeof result === 'string' ? `read:${result}` : result.reason;
}

const MODES = ['each read resolved', 'folders resolved once per run'] as const;
function rootFor(mode: (typeof MODES)[number], dir: string): ProjectRoot {
  return mode === 'each read resolved' ? new ProjectRoot(dir) : new ProjectRoot(dir, new RunRealPaths());
}

describe('Guarded file layer: review of the CLI fast paths', () => {
  let base: string;
  let dir: string;
  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-review-')));
    dir = path.join(base, 'proj');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'small.txt'), 'hello\n');
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  for (const mode of MODES) {
    it(`refuses a FIFO, a socket and a device node that sit in the project itself, without blocking (${mode})`, async () => {
      execFileSync('mkfifo', [path.join(dir, 'fifo')]);
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket'), resolve));
      const names = ['fifo', 'socket'];
      try {
        // A device node needs CAP_MKNOD; /dev/zero's numbers make an endless, size-0 file.
        execFileSync('mknod', [path.join(dir, 'zero'), 'c', '1', '5'], { stdio: 'ignore' });
        names.push('zero');
      } catch {
        // Without the capability the FIFO and the socket still stand for special files.
      }
      try {
        const root = rootFor(mode, dir);
        for (const pass of [1, 2])
          for (const name of names) {
            const result = outcome(readGuarded(path.join(dir, name), root, { maxBytes: 1024 * 1024 }));
            assert.ok(result === 'not-a-file' || result === 'unreadable', `${name}, pass ${pass}: ${result}`);
          }
      } finally {
        server.close();
      }
    });

    it(`refuses a link into a sibling folder whose name starts with the root's (${mode})`, () => {
      fs.mkdirSync(path.join(base, 'proj-secrets'));
      fs.writeFileSync(path.join(base, 'proj-secrets', 'token'), 'secret\n');
      fs.symlinkSync(path.join(base, 'proj-secrets'), path.join(dir, 'linked'));
      fs.symlinkSync(path.join(base, 'proj-secrets', 'token'), path.join(dir, 'token'));
      const root = rootFor(mode, dir);
      for (const pass of [1, 2]) {
        assert.equal(
          outcome(readGuarded(path.join(dir, 'linked', 'token'), root, { maxBytes: 100 })),
          'outside-project',
          `pass ${pass}`,
        );
        assert.equal(outcome(readGuarded(path.join(dir, 'token'), root, { maxBytes: 100 })), 'outside-project', `pass ${pass}`);
        // `..` through the project is the same file by another name.
        assert.equal(
          outcome(readGuarded(path.join(dir, '..', 'proj-secrets', 'token'), root, { maxBytes: 100 })),
          'outside-project',
          `pass ${pass}`,
        );
      }
    });

    it(`reads a file under a project reached through a symlinked root, and still refuses links out (${mode})`, () => {
      fs.symlinkSync(dir, path.join(base, 'alias'));
      fs.writeFileSync(path.join(base, 'outside.txt'), 'secret\n');
      fs.symlinkSync(path.join(base, 'outside.txt'), path.join(dir, 'out'));
      const root = rootFor(mode, path.join(base, 'alias'));
      assert.equal(outcome(readGuarded(path.join(base, 'alias', 'small.txt'), root, { maxBytes: 100 })), 'read:hello\n');
      assert.equal(outcome(readGuarded(path.join(base, 'alias', 'out'), root, { maxBytes: 100 })), 'outside-project');
    });
  }

  it('a CLI run resolves a folder from its parent: a symlinked folder anywhere on the way is still followed', () => {
    // Folders resolved parent first (the run's order), then one whose parent is a link: each read
    // must land where realpath says, in or out of the project.
    fs.mkdirSync(path.join(base, 'elsewhere', 'b', 'c'), { recursive: true });
    fs.writeFileSync(path.join(base, 'elsewhere', 'b', 'c', 'f.txt'), 'secret\n');
    fs.mkdirSync(path.join(dir, 'real', 'b', 'c'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'real', 'b', 'c', 'f.txt'), 'inside\n');
    fs.mkdirSync(path.join(dir, 'a'));
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(dir, 'a', 'out'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'a', 'in'));
    fs.symlinkSync(path.join(dir, '.git'), path.join(dir, 'a', 'git'));
    fs.mkdirSync(path.join(dir, '.git', 'b', 'c'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git', 'b', 'c', 'f.txt'), 'token\n');
    const runPaths = new RunRealPaths();
    const root = new ProjectRoot(dir, runPaths);
    const cases: [string, string][] = [
      ['real/b/c/f.txt', 'read:inside\n'],
      ['a/in/b/c/f.txt', 'read:inside\n'],
      ['a/out/b/c/f.txt', 'outside-project'],
      ['a/git/b/c/f.txt', 'in-git-folder'],
      ['a/nowhere/b/f.txt', 'missing'],
      ['real/b/c/f.txt/x', 'missing'],
    ];
    for (const pass of [1, 2])
      for (const [name, expected] of cases)
        assert.equal(outcome(readGuarded(path.join(dir, name), root, { maxBytes: 100 })), expected, `${name}, pass ${pass}`);
    for (const folder of ['real/b/c', 'a/in/b/c', 'a/out/b/c', 'a/git/b', 'a'])
      assert.equal(runPaths.folder(path.join(dir, folder)), fs.realpathSync.native(path.join(dir, folder)), folder);
  });

  it('gives a read after a refusal part-way through the shared buffer only its own bytes', () => {
    const root = new ProjectRoot(dir, new RunRealPaths());
    fs.writeFileSync(path.join(dir, 'big.txt'), 'X'.repeat(150_000));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'edge.txt'), 'é'.repeat(32_768));
    // Refused after filling the buffer more than once, and after filling part of it.
    assert.equal(outcome(readGuarded(path.join(dir, 'big.txt'), root, { maxBytes: 100_000 })), 'too-large');
    assert.equal(outcome(readGuarded(path.join(dir, 'empty.txt'), root, { maxBytes: 100 })), 'read:');
    assert.equal(outcome(readGuarded(path.join(dir, 'small.txt'), root, { maxBytes: 100 })), 'read:hello\n');
    assert.equal(outcome(readGuarded(path.join(dir, 'big.txt'), root, { maxBytes: 1_000 })), 'too-large');
    assert.equal(outcome(readGuarded(path.join(dir, 'small.txt'), root, { maxBytes: 100 })), 'read:hello\n');
    // Exactly one buffer of two-byte characters, then a shorter file: nothing of the first survives.
    assert.equal(outcome(readGuarded(path.join(dir, 'edge.txt'), root, { maxBytes: 100_000 })), `read:${'é'.repeat(32_768)}`);
    assert.equal(outcome(readGuarded(path.join(dir, 'small.txt'), root, { maxBytes: 100 })), 'read:hello\n');
  });

  it('the language server re-resolves a folder on every read: one swapped for a link out is refused', () => {
    // A CLI run keeps each folder's real path (its tree does not change under it); the editor's does.
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'a.txt'), 'inside\n');
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(base, 'elsewhere', 'a.txt'), 'secret\n');
    const root = new ProjectRoot(dir);
    const file = path.join(dir, 'sub', 'a.txt');
    assert.equal(outcome(readGuarded(file, root, { maxBytes: 100 })), 'read:inside\n');
    fs.rmSync(path.join(dir, 'sub'), { recursive: true });
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(dir, 'sub'));
    assert.equal(outcome(readGuarded(file, root, { maxBytes: 100 })), 'outside-project');
  });
  // Where /proc names open descriptors (Linux), the read checks the file it actually opened.
  const procFd = process.platform === 'linux' && fs.existsSync('/proc/self/fd');

  (procFd ? it : it.skip)(
    'a CLI run refuses a folder swapped for a link out after the run resolved it (the opened file is checked)',
    () => {
      // The run keeps sub's real path from the first read; the second read's path check passes on it,
      // and only the opened descriptor shows where the kernel went.
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'a.txt'), 'inside\n');
      fs.mkdirSync(path.join(base, 'elsewhere'));
      fs.writeFileSync(path.join(base, 'elsewhere', 'a.txt'), 'secret\n');
      const root = new ProjectRoot(dir, new RunRealPaths());
      const file = path.join(dir, 'sub', 'a.txt');
      assert.equal(outcome(readGuarded(file, root, { maxBytes: 100 })), 'read:inside\n');
      fs.renameSync(path.join(dir, 'sub'), path.join(dir, 'sub-old'));
      fs.symlinkSync(path.join(base, 'elsewhere'), path.join(dir, 'sub'));
      assert.equal(outcome(readGuarded(file, root, { maxBytes: 100 })), 'outside-project');
      // Into .git the same way.
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'a.txt'), 'token\n');
      fs.rmSync(path.join(dir, 'sub'));
      fs.symlinkSync(path.join(dir, '.git'), path.join(dir, 'sub'));
      assert.equal(outcome(readGuarded(file, root, { maxBytes: 100 })), 'in-git-folder');
    },
  );

  (procFd ? it : it.skip)('judges an open descriptor by where its file is, for reads and for writes', () => {
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.mkdirSync(path.join(dir, '.git'));
    const files = {
      inside: path.join(dir, 'small.txt'),
      outside: path.join(base, 'elsewhere', 'b.txt'),
      git: path.join(dir, '.git', 'config'),
    };
    fs.writeFileSync(files.outside, 'x');
    fs.writeFileSync(files.git, 'x');
    const root = new ProjectRoot(dir);
    const verdicts = Object.entries(files).map(([name, file]) => {
      const fd = fs.openSync(file, 'r');
      try {
        return `${name}:${openedElsewhere(fd, root) ?? 'ok'}`;
      } finally {
        fs.closeSync(fd);
      }
    });
    assert.deepEqual(verdicts, ['inside:ok', 'outside:outside-project', 'git:in-git-folder']);
    // A write inside the project still lands.
    writeProjectFile(files.inside, 'fixed\n', root);
    assert.equal(fs.readFileSync(files.inside, 'utf8'), 'fixed\n');
  });
});
