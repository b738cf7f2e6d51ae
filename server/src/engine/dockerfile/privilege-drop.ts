// Programs an entrypoint uses to step down from root to the service user once it has done what
// needs root (fixing volume ownership, reading secrets): gosu, su-exec, util-linux setpriv and
// runuser, s6-setuidgid, `chroot --userspec`. Read from ENTRYPOINT/CMD and RUN words by root-user,
// and from entrypoint scripts in the build context by BuildContext.scriptDrop.

export const DROP_TOOLS: ReadonlySet<string> = new Set(['gosu', 'su-exec', 'setpriv', 'runuser', 's6-setuidgid', 'chroot']);

/** The user a drop tool switches to in `words` (the tool first), when written out. */
export function dropTarget(tool: string, words: readonly string[]): string | undefined {
  const args = words.slice(1);
  const option = (names: string[]) => {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      for (const name of names) {
        if (arg === name) return args[i + 1];
        if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      }
    }
    return undefined;
  };
  let user: string | undefined;
  if (tool === 'setpriv') user = option(['--reuid', '--ruid', '--euid']);
  else if (tool === 'runuser') user = option(['-u', '--user']) ?? args.find((a) => !a.startsWith('-'));
  else if (tool === 'chroot') user = option(['--userspec']);
  else user = args.find((a) => !a.startsWith('-'));
  // `gosu nobody true` is docker-library's install check, not the service user.
  if (!user || user === 'nobody' || user === '--') return undefined;
  return user.replace(/^["']|["']$/g, '');
}

/** `chroot` only drops with `--userspec`; the others always switch users. */
export function isDropCall(tool: string, words: readonly string[]): boolean {
  return DROP_TOOLS.has(tool) && (tool !== 'chroot' || words.some((w) => w.startsWith('--userspec')));
}

export interface ScriptDrop {
  tool: string;
  /** The user it switches to, when written out (not a variable). */
  user?: string;
}

const SCRIPT_DROP = /(?:^|[\s;&|(`])(gosu|su-exec|s6-setuidgid|setpriv|runuser|chroot)\s+([^\n;&|]*)/g;

/** The first drop in a script's text (comments skipped). */
export function scriptDrop(text: string): ScriptDrop | undefined {
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.trimStart().startsWith('#')) continue;
    for (const match of line.matchAll(SCRIPT_DROP)) {
      const words = [match[1]!, ...match[2]!.trim().split(/\s+/)];
      if (!isDropCall(match[1]!, words)) continue;
      const user = dropTarget(match[1]!, words);
      return user && !user.includes('$') ? { tool: match[1]!, user } : { tool: match[1]! };
    }
  }
  return undefined;
}
