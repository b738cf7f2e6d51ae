import type { Instruction } from 'dockerfile-ast';
import { exposedPorts, type ExposedPort } from '../dockerfile/expose';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { removeLines } from '../fix';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Removes one EXPOSE argument and keeps the instruction well-formed: the spaces after it (or
 * before it when it is last on its line); the whole line when it was alone on a continuation
 * line; and, when that was the instruction's last line, the now dangling escape character of
 * the line before.
 */
function removePort(model: DockerfileModel, instruction: Instruction, port: ExposedPort): TextEdit {
  const { index, text, escapeChar } = model;
  const line = port.range.start.line;
  const lineText = index.lineText(line);
  const lineStart = index.offset({ line, character: 0 });
  const rest = (lineText.slice(0, port.range.start.character) + lineText.slice(port.range.end.character)).trim();
  const instructionRange = instruction.getRange();
  if ((rest === '' || rest === escapeChar) && line > instructionRange.start.line) {
    if (rest === escapeChar || line < instructionRange.end.line) return removeLines(index, line, line);
    // The last line goes: the previous line's escape character must go with it.
    let previous = line - 1;
    while (previous > instructionRange.start.line && /^\s*(#.*)?$/.test(index.lineText(previous))) previous--;
    const previousText = index.lineText(previous).trimEnd();
    const cut = previousText.endsWith(escapeChar) ? previousText.slice(0, -1).trimEnd().length : previousText.length;
    return { range: index.range(index.offset({ line: previous, character: cut }), index.lineEnd(line)), newText: '' };
  }
  let start = index.offset(port.range.start);
  let end = index.offset(port.range.end);
  while (end < lineStart + lineText.length && isBlank(text[end])) end++;
  const lineEnd = lineStart + lineText.length;
  if (end === lineEnd || text[end] === escapeChar) while (start > lineStart && isBlank(text[start - 1])) start--;
  // Keep one space before an escape character that ends the line.
  if (text[end] === escapeChar && end + 1 === lineEnd) return { range: index.range(start, end), newText: ' ' };
  return { range: index.range(start, end), newText: '' };
}

const COMMAND_SEPARATORS = new Set([';', '&&', '||', '|', '&']);

/**
 * Whether the stage serves git over SSH (Gitea, Gogs, a bare git server): it creates a `git` user
 * or gives someone git-shell. There sshd is the service's own protocol, not a way in for admins,
 * and "use docker exec instead" would be wrong advice.
 */
function servesGitOverSsh(stage: Stage): boolean {
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const args = instruction.getArguments();
    // Both signs need "git" in a word: most RUNs are passed over without splitting their words.
    if (!args.some((arg) => arg.getValue().includes('git'))) continue;
    let addingUser = false;
    const read = (word: string): boolean => {
      if (word.endsWith('git-shell')) return true;
      if (COMMAND_SEPARATORS.has(word)) addingUser = false;
      else if (word === 'adduser' || word === 'useradd') addingUser = true;
      else if (addingUser && word === 'git') return true;
      return false;
    };
    for (const arg of args) {
      const value = arg.getValue();
      // An argument with a separator in it (`a;b`, `x&&y`) is read as its parts and separators;
      // the others, nearly all, as they are, without a split.
      if (!/[;&|]/.test(value)) {
        if (value !== '' && read(value)) return true;
        continue;
      }
      for (const part of value.split(/(;|&&|\|\||\||&)/)) if (part !== '' && read(part)) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'exposed-ssh',
  title: 'SSH port exposed',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cis: '5.6', cwe: 'CWE-16', kics: ['Exposing Port 22 (SSH)'], checkov: ['CKV_DOCKER_1'], trivy: ['DS004'] },
  docs: {
    why: 'Running sshd in a container adds a long-lived network service with its own keys and passwords to patch and rotate (CIS Docker Benchmark 5.6). Use `docker exec` (or `kubectl exec`) to get a shell. `22` with any protocol (`22/tcp`, `22/udp`) counts, also when it comes from an ARG or ENV value. A stage that serves git over SSH (it creates a `git` user or uses git-shell, as Gitea, Gogs and bare git servers do) is not reported: there SSH is the service itself.',
    bad: 'EXPOSE 22 8080',
    good: 'EXPOSE 8080',
    fix: 'Removes port 22 from EXPOSE (the whole instruction when it was the only port). A port that comes from a variable is reported without a rewrite.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    const { index } = model;
    for (const stage of model.stages) {
      // Asked only of a stage that exposes something: it reads every RUN's words.
      let gitServer: boolean | undefined;
      for (const instruction of model.instructionsNamed(stage, 'EXPOSE')) {
        if ((gitServer ??= servesGitOverSsh(stage))) break;
        const expand = (text: string) => {
          const expanded = model.expandInStage(stage, text, instruction);
          return expanded.unresolved ? undefined : expanded.value;
        };
        const args = instruction.getArguments();
        for (const port of exposedPorts(instruction, expand)) {
          if (port.from !== 22 || port.to !== 22) continue;
          const fromVariable = port.text !== port.value;
          let edit: TextEdit | undefined;
          if (!fromVariable) {
            const range = instruction.getRange();
            edit =
              args.length === 1 ? removeLines(index, range.start.line, range.end.line) : removePort(model, instruction, port);
          }
          ctx.report({
            range: port.range,
            message: `EXPOSE ${fromVariable ? `${port.text} (${port.value})` : port.text} advertises an SSH server in the container; remove it and use docker exec / kubectl exec instead of sshd`,
            fixes: edit ? [{ title: 'Remove port 22', edits: [edit], preferred: true }] : [],
          });
        }
      }
    }
  },
});
