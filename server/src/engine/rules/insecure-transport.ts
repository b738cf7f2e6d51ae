import type { Instruction } from 'dockerfile-ast';
import { removeWordWithSpaceBefore, replaceWord } from '../dockerfile/edits';
import type { DockerfileModel } from '../dockerfile/model';
import { effectiveWords, programName, type ShellCommand, type ShellWord } from '../dockerfile/shell';
import { defineRule, type DockerfileContext } from '../rule';
import type { Fix, TextEdit } from '../types';

// Flags that switch off TLS or signature verification, per program, and whether removing the flag
// alone is a safe fix (it is not when the flag takes a value we would leave dangling).
const FLAGS: Record<string, Record<string, string>> = {
  curl: {
    '-k': 'skips TLS certificate verification',
    '--insecure': 'skips TLS certificate verification',
    '--proxy-insecure': 'skips TLS verification of the proxy',
  },
  wget: { '--no-check-certificate': 'skips TLS certificate verification' },
  'apt-get': {
    '--allow-unauthenticated': 'installs packages without signature verification',
    '--force-yes': 'installs unauthenticated packages without asking',
    '--allow-insecure-repositories': 'uses repositories without valid signatures',
  },
  apt: {
    '--allow-unauthenticated': 'installs packages without signature verification',
    '--allow-insecure-repositories': 'uses repositories without valid signatures',
  },
  apk: { '--allow-untrusted': 'installs packages without signature verification' },
  yum: { '--nogpgcheck': 'installs packages without signature verification' },
  dnf: { '--nogpgcheck': 'installs packages without signature verification' },
  microdnf: { '--nogpgcheck': 'installs packages without signature verification' },
  zypper: { '--no-gpg-checks': 'installs packages without signature verification' },
  rpm: { '--nosignature': 'installs packages without signature verification', '--nodigest': 'skips package digest checks' },
};

// Environment settings that disable verification for a whole tool.
// A Map, not an object literal: a variable named `constructor` or `toString` found the object's
// inherited methods, and `ENV toString=x` was reported as turning verification off.
const INSECURE_ENV = new Map<string, (value: string) => boolean>([
  ['GIT_SSL_NO_VERIFY', (v) => v !== '' && !/^(?:0|false|no)$/i.test(v)],
  ['NODE_TLS_REJECT_UNAUTHORIZED', (v) => v === '0'],
  ['PYTHONHTTPSVERIFY', (v) => v === '0'],
]);

const LOCAL_HOST = /^http:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|host\.docker\.internal)(?:[:/]|$)/i;

function removeFix(title: string, edits: TextEdit[]): Fix[] {
  return [{ title, edits, preferred: true }];
}

function checkFlags(ctx: DockerfileContext, command: ShellCommand, execForm: boolean): void {
  const words = effectiveWords(command);
  const program = programName(words[0]);
  // Own entries only: a program named `constructor` must not find the object's inherited members.
  const flags = Object.hasOwn(FLAGS, program) ? FLAGS[program] : undefined;
  const model = ctx.model;
  const isPip = program === 'pip' || /^pip\d/.test(program);
  // Most commands (echo, make, cp...) have nothing this loop looks for.
  if (!flags && !isPip && program !== 'git') return checkCommandWide(ctx, program, words, command);
  const report = (word: ShellWord, what: string, fixes: Fix[]) =>
    ctx.report({
      range: model.index.range(word.start, word.end),
      message: `${program} ${word.value}: ${what}; remove it and fix the trust problem instead`,
      fixes: execForm ? [] : fixes,
    });
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const value = word.value;
    if (flags && Object.hasOwn(flags, value)) {
      report(word, flags[value]!, removeFix(`Remove ${value}`, [removeWordWithSpaceBefore(model, word)]));
    } else if (program === 'curl' && /^-[A-Za-z]+$/.test(value) && value.includes('k')) {
      // A short-option cluster such as -fsSLk: drop only the k.
      const fixed = value.replace('k', '');
      report(
        word,
        'skips TLS certificate verification (-k)',
        removeFix('Remove -k', [fixed === '-' ? removeWordWithSpaceBefore(model, word) : replaceWord(model, word, fixed)]),
      );
    } else if (isPip) {
      if (value === '--trusted-host' && words[i + 1]) {
        const host = words[i + 1]!;
        ctx.report({
          range: model.index.range(word.start, host.end),
          message: `pip --trusted-host ${host.value}: downloads from ${host.value} without TLS verification; remove it and use HTTPS with a valid certificate`,
          fixes: execForm
            ? []
            : removeFix('Remove --trusted-host', [
                { range: model.index.range(wordStartWithSpace(model, word), host.end), newText: '' },
              ]),
        });
      } else if (value.startsWith('--trusted-host=')) {
        report(
          word,
          'downloads from that host without TLS verification',
          removeFix('Remove --trusted-host', [removeWordWithSpaceBefore(model, word)]),
        );
      }
    } else if (program === 'git' && value === '-c' && /^http\.sslverify=(?:false|0|no)$/i.test(words[i + 1]?.value ?? '')) {
      const setting = words[i + 1]!;
      ctx.report({
        range: model.index.range(word.start, setting.end),
        message: 'git -c http.sslVerify=false: clones without TLS verification; remove it',
        fixes: execForm
          ? []
          : removeFix('Remove -c http.sslVerify=false', [
              { range: model.index.range(wordStartWithSpace(model, word), setting.end), newText: '' },
            ]),
      });
    }
  }
  checkCommandWide(ctx, program, words, command);
}

/** Settings that apply to the whole command rather than one flag: `npm config set`, `git config`, plain-HTTP URLs. */
function checkCommandWide(ctx: DockerfileContext, program: string, words: ShellWord[], command: ShellCommand): void {
  const model = ctx.model;
  if (
    (program === 'npm' || program === 'yarn' || program === 'pnpm') &&
    /\bconfig set strict-ssl(?:=| )false\b/.test(words.map((w) => w.value.toLowerCase()).join(' '))
  ) {
    ctx.report({
      range: model.index.range(command.start, command.end),
      message: `${program} config set strict-ssl false: every later install skips TLS verification; remove it and configure the registry's CA (cafile) instead`,
    });
  }
  if (program === 'git' && words.some((w) => w.value === 'config') && /^(?:false|0|no)$/i.test(sslVerifySetting(words) ?? '')) {
    ctx.report({
      range: model.index.range(command.start, command.end),
      message: 'git config http.sslVerify false: every later git operation skips TLS verification; remove it',
    });
  }
  if (program === 'curl' || program === 'wget') {
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!;
      if (/^http:\/\//i.test(word.value) && !LOCAL_HOST.test(word.value)) {
        ctx.report({
          range: model.index.range(word.start, word.end),
          severity: 'warning',
          message: `${program} downloads ${word.value} over plain HTTP, which anyone on the path can alter; use https://`,
        });
      }
    }
  }
}

/** The value given to http.sslVerify in `git config [--global] http.sslVerify false` (or `=false`). */
function sslVerifySetting(words: ShellWord[]): string | undefined {
  const at = words.findIndex((w) => w.value.toLowerCase().startsWith('http.sslverify'));
  if (at === -1) return undefined;
  const word = words[at]!.value;
  const eq = word.indexOf('=');
  return eq === -1 ? words[at + 1]?.value : word.slice(eq + 1);
}

function wordStartWithSpace(model: DockerfileModel, word: ShellWord): number {
  let start = word.start;
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  return start;
}

function checkEnvInstruction(ctx: DockerfileContext, instruction: Instruction): void {
  const properties = (
    instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null; getRange(): never }[] }
  ).getProperties();
  for (const property of properties) {
    const name = property.getName();
    const isInsecure = INSECURE_ENV.get(name);
    if (isInsecure && isInsecure(property.getValue() ?? '')) {
      ctx.report({
        range: property.getRange(),
        message: `${instruction.getKeyword()} ${name}=${property.getValue()} disables TLS verification for everything that follows; remove it`,
      });
    }
  }
}

export default defineRule({
  id: 'insecure-transport',
  title: 'TLS or signature verification turned off',
  category: 'security',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-295', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: 'Turning off certificate or package-signature checks (`curl -k`, `wget --no-check-certificate`, `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, `pip --trusted-host`, `npm config set strict-ssl false`, `git -c http.sslVerify=false`, `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`) means anyone between the build and the server can swap what gets installed. Plain `http://` downloads have the same problem (reported as a warning). Fix the trust problem instead: install the CA certificate, use HTTPS, import the repository key.',
    bad: 'RUN curl -fsSLk https://internal.example/tool -o /usr/local/bin/tool\nRUN apk add --allow-untrusted ./local.apk',
    good: 'COPY internal-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://internal.example/tool -o /usr/local/bin/tool',
    fix: 'Removes the flag where that alone is safe (`-k`, `--insecure`, `--no-check-certificate`, `--allow-unauthenticated`, `--allow-untrusted`, `--trusted-host <host>`, `-c http.sslVerify=false`, `--nogpgcheck`).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const command of script.commands) {
        checkFlags(ctx, command, script.execForm);
        for (const assignment of command.assignments) {
          const eq = assignment.value.indexOf('=');
          const isInsecure = INSECURE_ENV.get(assignment.value.slice(0, eq));
          if (isInsecure && isInsecure(assignment.value.slice(eq + 1))) {
            ctx.report({
              range: ctx.model.index.range(assignment.start, assignment.end),
              message: `${assignment.value} disables TLS verification; remove it`,
            });
          }
        }
        if (programName(command.words[0]) === 'export') {
          for (const word of command.words.slice(1)) {
            const eq = word.value.indexOf('=');
            const isInsecure = eq > 0 ? INSECURE_ENV.get(word.value.slice(0, eq)) : undefined;
            if (isInsecure && isInsecure(word.value.slice(eq + 1))) {
              ctx.report({
                range: ctx.model.index.range(word.start, word.end),
                message: `export ${word.value} disables TLS verification; remove it`,
              });
            }
          }
        }
      }
    }
    for (const instruction of ctx.model.instructionsNamed(undefined, 'ENV', 'ARG')) checkEnvInstruction(ctx, instruction);
  },
});
