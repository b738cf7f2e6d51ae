import type { Instruction } from 'dockerfile-ast';
import { insertLinesBefore, indentationOf } from '../fix';
import type { Stage } from '../dockerfile/model';
import type { RunScript } from '../dockerfile/run-script';
import { effectiveWords, programName, type ShellCommand } from '../dockerfile/shell';
import { defineRule } from '../rule';
import type { TextIndex } from '../text';
import type { Fix } from '../types';

function shellHasPipefail(shell: readonly string[]): boolean {
  return shell.some(
    (arg, i) => (arg === '-o' && shell[i + 1] === 'pipefail') || (/^-\w*o$/.test(arg) && shell[i + 1] === 'pipefail'),
  );
}

/** `set -o pipefail`, `set -euo pipefail`, `set -eo pipefail` before the first pipe in the script. */
function setsPipefail(script: RunScript, beforeOffset: number): boolean {
  return script.commands.some(
    (c) =>
      c.end <= beforeOffset &&
      programName(c.words[0]) === 'set' &&
      c.words.some((w, i) => w.value === 'pipefail' && /^-\w*o$/.test(c.words[i - 1]?.value ?? '')),
  );
}

/**
 * The first pipeline of a script (a run of two or more commands joined by `|`) whose earlier
 * commands can fail unseen. Only pipelines are copied out: most commands are in none.
 */
function firstHidingPipeline(source: string, commands: ShellCommand[]): ShellCommand[] | undefined {
  let from = 0;
  for (let i = 0; i < commands.length; i++) {
    if (commands[i]!.next === '|') continue;
    if (i > from) {
      const pipeline = commands.slice(from, i + 1);
      if (failureCanHide(source, pipeline)) return pipeline;
    }
    from = i + 1;
  }
  return undefined;
}

/**
 * `amd64 | arm64)` in a `case` is a list of patterns, not a pipe: every part one word, the last
 * closed by `)`, and not a `( a | b )` subshell.
 */
function isCasePatterns(pipeline: ShellCommand[]): boolean {
  return (
    pipeline[pipeline.length - 1]!.next === ')' &&
    pipeline[0]!.prev !== '(' &&
    pipeline.every((c) => c.words.length === 1 && c.assignments.length === 0)
  );
}

// Producers whose failure pipefail cannot turn into anything useful: builtins that print their
// arguments (a `$(...)` inside them hides its status with or without pipefail), `cat` of a heredoc
// or stdin, `yes`/`true`. `echo "$sha  file" | sha256sum -c -` fails the build when it should,
// through its last command.
const LITERAL_PRODUCERS = new Set(['echo', 'printf', 'yes', 'true', ':']);
// Text filters between such a producer and the last command: they only reshape text.
const TEXT_FILTERS = new Set([
  'sort',
  'uniq',
  'cut',
  'tr',
  'sed',
  'awk',
  'gawk',
  'mawk',
  'grep',
  'egrep',
  'fgrep',
  'head',
  'tail',
  'tee',
  'wc',
  'rev',
  'fold',
  'column',
  'base64',
]);

function isLiteralProducer(command: ShellCommand): boolean {
  const words = effectiveWords(command);
  const name = programName(words[0]);
  if (LITERAL_PRODUCERS.has(name)) return true;
  // `cat <<EOF` or `cat -` reads its own heredoc or stdin; `cat file` can fail to read the file.
  return name === 'cat' && words.slice(1).every((w) => w.value.startsWith('-'));
}

/**
 * `sha256sum -c`, `sha512sum --check`, ...: a checksum check fails on empty or wrong input, so a
 * producer that failed (nothing printed, `grep` found no line) fails the build through it.
 */
function isChecksumCheck(command: ShellCommand): boolean {
  const words = effectiveWords(command);
  return (
    /^(?:sha(?:1|224|256|384|512)|md5|b2)sum$/.test(programName(words[0])) &&
    words.some((w) => w.value === '--check' || (/^-[a-z]+$/.test(w.value) && w.value.includes('c')))
  );
}

/**
 * `! { ldd "$dir"/*.so | grep 'not found'; }`: a negated pipeline is an assertion about its last
 * command's output; pipefail would only make a failing producer pass the check.
 */
function isNegated(source: string, pipeline: ShellCommand[]): boolean {
  let i = pipeline[0]!.start - 1;
  while (i >= 0 && (source[i] === ' ' || source[i] === '\t' || source[i] === '{' || source[i] === '(')) i--;
  return source[i] === '!' && (i === 0 || /[\s;&|({]/.test(source[i - 1]!));
}

/** A pipe whose earlier commands can fail without the last one noticing. */
function failureCanHide(source: string, pipeline: ShellCommand[]): boolean {
  if (isCasePatterns(pipeline) || isNegated(source, pipeline)) return false;
  if (isChecksumCheck(pipeline[pipeline.length - 1]!)) return false;
  const [first, ...rest] = pipeline;
  const middle = rest.slice(0, -1);
  return !(isLiteralProducer(first!) && middle.every((c) => TEXT_FILTERS.has(programName(effectiveWords(c)[0]))));
}

// Images whose /bin/bash exists, so the SHELL fix is safe; others get the message only.
const HAS_BASH = new Set(
  'debian ubuntu node python golang ruby openjdk eclipse-temurin amazoncorretto maven gradle php perl rust buildpack-deps fedora centos rockylinux almalinux amazonlinux oraclelinux ubi ubi8 ubi9 ubi8-minimal ubi9-minimal'.split(
    ' ',
  ),
);

function bashAvailable(stage: Stage): boolean {
  const ref = stage.base.ref;
  if (!ref) return false;
  const repository = ref.repository.replace(/^library\//, '');
  if (/alpine|slim-?alpine|busybox|distroless|chainguard|scratch/.test(`${repository}:${ref.tag ?? ''}`)) return false;
  return HAS_BASH.has(repository.slice(repository.lastIndexOf('/') + 1));
}

/**
 * Where the SHELL line goes: above the comments written directly over the RUN, so they stay next
 * to the command they describe (and a `# shipshape-ignore` / `# hadolint ignore=` comment keeps
 * applying to that RUN, as it only covers the next instruction).
 */
function shellInsertionLine(stage: Stage, run: Instruction, index: TextIndex): number {
  const position = stage.instructions.indexOf(run);
  const previous = position > 0 ? stage.instructions[position - 1]! : stage.from;
  const floor = previous.getRange().end.line;
  let line = run.getRange().start.line;
  while (
    line - 1 > floor &&
    index
      .lineText(line - 1)
      .trimStart()
      .startsWith('#')
  )
    line--;
  return line;
}

export default defineRule({
  id: 'pipefail',
  title: 'Pipe without pipefail',
  category: 'best-practice',
  severity: 'info',
  fixes: 'changes-behaviour',
  refs: { hadolint: ['DL4006'], kics: ['Shell Running A Pipe Without Pipefail Flag'], checkov: [] },
  docs: {
    why: 'A RUN succeeds when the last command of a pipeline succeeds. In `curl -fsSL $URL | tar xz` a failed download still "builds": tar gets nothing and the image silently lacks the tool. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail` at the start of the RUN) fails the step when any part of the pipe fails. Exec-form RUN has no shell and no pipes; PowerShell and cmd shells are not checked. Pipes fed by `echo`, `printf` or `cat <<EOF` (through text filters such as `sort` or `awk`), as in `echo "$SHA256  file" | sha256sum -c -`, are not reported: their failure is the last command\'s, which the RUN already sees. So are pipes into a checksum check (`... | sha256sum -c -`, which fails on empty input) and negated assertions (`! { ldd *.so | grep \'not found\'; }`).',
    bad: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local',
    good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local',
    fix: 'Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the stage\'s first such RUN (above the comments directly over it) when the base image is known to ship bash; otherwise add `set -o pipefail &&` to the RUN (busybox ash supports it).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const firstInStage = new Map<Stage, Instruction>();
    const findings: { script: RunScript; pipeAt: number }[] = [];
    for (const script of ctx.model.runScripts) {
      if (script.execForm) continue;
      const pipe = firstHidingPipeline(ctx.model.text, script.commands)?.[0];
      if (!pipe) continue;
      // cmd and PowerShell (a Windows stage's default, or a SHELL) have no pipefail to set.
      const { argv } = ctx.model.shellAt(script.stage, script.instruction);
      if (shellHasPipefail(argv) || !/(^|\/)(ba|z|k|a|da)?sh$/.test(argv[0] ?? '')) continue;
      if (setsPipefail(script, pipe.end)) continue;
      findings.push({ script, pipeAt: pipe.end });
      if (!firstInStage.has(script.stage)) firstInStage.set(script.stage, script.instruction);
    }
    for (const { script } of findings) {
      const first = firstInStage.get(script.stage)!;
      const line = shellInsertionLine(script.stage, first, ctx.model.index);
      const fixes: Fix[] = bashAvailable(script.stage)
        ? [
            {
              title: 'Use SHELL ["/bin/bash", "-o", "pipefail", "-c"] in this stage',
              edits: [
                insertLinesBefore(
                  ctx.model.index,
                  line,
                  ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]'],
                  indentationOf(ctx.model.index, first.getRange().start.line),
                ),
              ],
              preferred: true,
            },
          ]
        : [];
      ctx.report({
        range: script.instruction.getInstructionRange(),
        message:
          'This RUN pipes commands without pipefail, so a failure before the last "|" is ignored; set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start the RUN with "set -o pipefail &&"',
        fixes,
      });
    }
  },
});
