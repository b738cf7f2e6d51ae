// `--staged`: what is about to be committed, read from the git index rather than the working tree,
// so a pre-commit hook judges exactly the staged content.
//
// The repository may be hostile, and so may its `.git/config`: `core.fsmonitor` is a command git
// runs whenever it reads the index, and filters, textconv and external diff drivers are commands
// too. Git runs here only through plumbing that applies none of them (`diff-index --raw`,
// `cat-file blob <id>`), with fsmonitor and hooks switched off on the command line (which
// overrides every config file) and the system config not read.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { detectKind, type FileKind } from '../engine';
import type { Target } from './discover';

/** `-c` settings that win over the repository's own config. */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external='];

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync('git', [...SAFE_CONFIG, ...args], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(input === undefined ? {} : { input }),
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      // Reading must not write: no index refresh, no lock files.
      GIT_OPTIONAL_LOCKS: '0',
      GIT_TERMINAL_PROMPT: '0',
      GIT_EXTERNAL_DIFF: '',
    },
  });
}

/** HEAD's commit, or the empty tree in a repository with no commit yet (in its object format). */
function baseTree(root: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).toString('utf8').trim();
  } catch {
    return git(root, ['hash-object', '-t', 'tree', '--stdin'], '').toString('utf8').trim();
  }
}

interface StagedFile {
  name: string;
  blob: string;
}

/** Added, copied, modified and renamed regular files in the index; deleted ones have nothing to lint. */
function stagedFiles(root: string): StagedFile[] {
  const raw = git(root, [
    'diff-index',
    '--cached',
    '--raw',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--diff-filter=ACMR',
    baseTree(root),
  ]).toString('utf8');
  // `:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL, per file.
  const fields = raw.split('\0');
  const files: StagedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , newId] = fields[i]!.slice(1).split(' ');
    // Only regular files: a symlink's blob is its target path, a submodule has no blob here.
    if (newMode !== '100644' && newMode !== '100755') continue;
    files.push({ name: fields[i + 1]!, blob: newId! });
  }
  return files;
}

export function stagedTargets(cwd: string, kind?: FileKind): Target[] {
  const root = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const targets: Target[] = [];
  for (const { name, blob } of stagedFiles(root)) {
    const fileKind = kind ?? detectKind(name);
    if (!fileKind) continue;
    const absolute = path.join(root, name);
    try {
      targets.push({
        path: absolute,
        kind: fileKind,
        explicit: true,
        content: git(root, ['cat-file', 'blob', blob]).toString('utf8'),
      });
    } catch (error) {
      targets.push({
        path: absolute,
        explicit: true,
        error: `Cannot read the staged content: ${(error as Error).message.split('\n')[0]}`,
      });
    }
  }
  return targets;
}
