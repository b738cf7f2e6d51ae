import { runScripts } from '../dockerfile/run-script';
import { effectiveWords, programName, type ShellCommand } from '../dockerfile/shell';
import { defineRule } from '../rule';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETER = /^(?:sh|bash|zsh|dash|ash|ksh|fish|python[\d.]*|perl|ruby|node|php[\d.]*)$/;

function program(command: ShellCommand): string {
  return programName(effectiveWords(command)[0]);
}

/** Whether text contains `$(curl ...`, `` `wget ... `` and the like. */
function substitutesDownload(text: string): boolean {
  for (const open of ['$(', '`']) {
    for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, at + 1)) {
      const command = text
        .slice(at + open.length)
        .trimStart()
        .split(/[\s|;&)`]/, 1)[0]!;
      if (DOWNLOADERS.has(command.slice(command.lastIndexOf('/') + 1))) return true;
    }
  }
  return false;
}

/** `sh -c "$(curl ...)"` and `bash <(wget ...)`-style substitutions run a download too. */
function runsSubstitutedDownload(command: ShellCommand): boolean {
  const words = effectiveWords(command);
  if (!INTERPRETER.test(programName(words[0]))) return false;
  return words.slice(1).some((w) => substitutesDownload(w.value));
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
  dockerfile(ctx) {
    for (const script of runScripts(ctx.model)) {
      const { commands } = script;
      for (let i = 0; i < commands.length; i++) {
        const command = commands[i]!;
        if (runsSubstitutedDownload(command)) {
          ctx.report({
            range: ctx.model.index.range(command.start, command.end),
            message: `"${program(command)}" runs a script fetched by a command substitution; download it to a file and verify its checksum first`,
          });
          continue;
        }
        if (!DOWNLOADERS.has(program(command)) || command.next !== '|') continue;
        // Walk the rest of this pipeline for an interpreter reading the download.
        for (let j = i + 1; j < commands.length && commands[j]!.prev === '|'; j++) {
          const target = commands[j]!;
          const name = program(target);
          if (!INTERPRETER.test(name)) continue;
          ctx.report({
            range: ctx.model.index.range(command.start, target.end),
            message: `Output of ${program(command)} is piped into ${name}: the downloaded script runs unverified; download to a file and check its checksum before running it`,
          });
          break;
        }
      }
    }
  },
});
