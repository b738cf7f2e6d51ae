// `--staged`: what is about to be committed, read from the git index rather than the working tree,
// so a pre-commit hook judges exactly the staged content.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { detectKind, type FileKind } from '../engine';
import type { Target } from './discover';

function git(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function stagedTargets(cwd: string, kind?: FileKind): Target[] {
  const root = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  // Added, copied, modified and renamed files; deleted ones have nothing to lint.
  const names = git(cwd, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'])
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const targets: Target[] = [];
  for (const name of names) {
    const fileKind = kind ?? detectKind(name);
    if (!fileKind) continue;
    const absolute = path.join(root, name);
    try {
      targets.push({ path: absolute, kind: fileKind, explicit: true, content: git(root, ['show', `:${name}`]).toString('utf8') });
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
