import { effectiveWords, programName, type ShellCommand } from '../dockerfile/shell';
import { quote, truncate } from '../quote';
import { defineRule } from '../rule';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETER = /^(?:sh|bash|zsh|dash|ash|ksh|fish|python[\d.]*|perl|ruby|node|php[\d.]*)$/;

function program(command: ShellCommand): string {
  return programName(effectiveWords(command)[0]);
}

const COMMAND_END = /[\s|;&)`]/;

/**
 * Whether text contains `$(curl ...`, `` `wget ... `` and the like. Linear: a command name found
 * once serves every substitution that starts inside it (`$($($(...`), and names are compared in
 * place rather than copied out.
 */
function substitutesDownload(text: string): boolean {
  for (const open of ['$(', '`']) {
    let end = -1;
    for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, at + 1)) {
      let start = at + open.length;
      while (start < text.length && /\s/.test(text[start]!)) start++;
      // Starts only move forward, and no delimiter lies between the last start and `end`.
      if (start > end) {
        end = start;
        while (end < text.length && !COMMAND_END.test(text[end]!)) end++;
      }
      if (namesDownloader(text, start, end)) return true;
    }
  }
  return false;
}

/** Whether text[start, end) is `curl`, `/usr/bin/curl` and the like. */
function namesDownloader(text: string, start: number, end: number): boolean {
  for (const name of DOWNLOADERS) {
    const at = end - name.length;
    if (at >= start && text.startsWith(name, at) && (at === start || text[at - 1] === '/')) return true;
  }
  return false;
}

/** `sh -c "$(curl ...)"` and `bash <(wget ...)`-style substitutions run a download too. */
function runsSubstitutedDownload(command: ShellCommand): boolean {
  const words = effectiveWords(command);
  if (!INTERPRETER.test(programName(words[0]))) return false;
  for (let i = 1; i < words.length; i++) if (substitutesDownload(words[i]!.value)) return true;
  return false;
}

/**
 * For each command, the index of the first interpreter later in the same pipeline, or -1. One
 * backward pass, so a RUN of 20,000 piped commands is not walked once per command.
 */
function interpreterAfter(programs: string[], commands: ShellCommand[]): number[] {
  const result = new Array<number>(commands.length).fill(-1);
  for (let i = commands.length - 2; i >= 0; i--) {
    if (commands[i + 1]!.prev !== '|') continue;
    result[i] = INTERPRETER.test(programs[i + 1]!) ? i + 1 : result[i + 1]!;
  }
  return result;
}

export default defineRule({
  id: 'pipe-to-shell',
  title: 'Download piped into a shell',
  category: 'security',
  severity: 'warning',
  refs: { cwe: 'CWE-494', hadolint: ['DL4006'], kics: [], checkov: [], trivy: [] },
  docs: {
    why: '`curl ... | sh` runs whatever the server sends at build time, unverified: a compromised host, a DNS or TLS mistake, or a truncated download (a half-received script still runs) ends up as root in your image. Download to a file, verify its checksum or signature, then run it. Matched across line continuations and inside `RUN <<EOF` heredocs; quoted text such as `echo "curl x | sh"` is not a pipe.',
    bad: 'RUN curl -fsSL https://example.com/install.sh | sh',
    good: 'RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n    && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh',
    fix: 'None automatic: download to a file, check its sha256 (or signature), then execute it.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      const { commands } = script;
      const programs = commands.map(program);
      // Needed only for a download piped onwards, which most RUNs have none of.
      let interpreters: number[] | undefined;
      for (let i = 0; i < commands.length; i++) {
        const command = commands[i]!;
        if (runsSubstitutedDownload(command)) {
          ctx.report({
            range: ctx.model.index.range(command.start, command.end),
            message: `${quote(programs[i]!)} runs a script fetched by a command substitution; download it to a file and verify its checksum first`,
          });
          continue;
        }
        if (!DOWNLOADERS.has(programs[i]!) || command.next !== '|') continue;
        // The first interpreter later in this pipeline reads the download.
        const j = (interpreters ??= interpreterAfter(programs, commands))[i]!;
        if (j === -1) continue;
        ctx.report({
          range: ctx.model.index.range(command.start, commands[j]!.end),
          message: `Output of ${programs[i]} is piped into ${truncate(programs[j]!)}: the downloaded script runs unverified; download to a file and check its checksum before running it`,
        });
      }
    }
  },
});
