import { unquoteFlagValue } from '../dockerfile/instruction-args';
import type { Flag } from 'dockerfile-ast';
import { replaceWord } from '../dockerfile/edits';
import { trimTrailingSlashes } from '../dockerfile/paths';
import { effectiveWords, programName, type ShellCommand, type ShellWord } from '../dockerfile/shell';
import { defineRule } from '../rule';
import type { Range, TextEdit } from '../types';

/** The safer mode: group and others lose write (777 -> 755, 666 -> 644, 0777 -> 0755); undefined when fine. */
export function saferMode(mode: string): string | undefined {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.split('').map(Number);
    const special = digits.length === 4 ? digits[0]! : 0;
    // A sticky world-writable directory (1777, as /tmp) is the standard safe shared-directory mode.
    if (special & 1) return undefined;
    const others = digits[digits.length - 1]!;
    if (!(others & 2)) return undefined;
    const fixed = digits.map((d, i) => (i >= digits.length - 2 ? d & ~2 : d));
    return fixed.join('');
  }
  // A symbolic mode without a `w` (`+x`, `u+rx`) grants no write: nothing to read further.
  if (!mode.includes('w')) return undefined;
  // Symbolic: o+w, a+w, +w, ugo+rwx, go+w ... (comma-separated clauses). A clause that sets the
  // sticky bit (`ugo+rwx,o+t`) makes the shared-directory mode 1777 spelled symbolically.
  if (mode.split(',').some((clause) => /^[ugoa]*[+=][rwxXs]*t[rwxXst]*$/.test(clause))) return undefined;
  // The clause keeps its other permissions and write goes to the owner only: a+rwx -> a+rx,u+w.
  let changed = false;
  const clauses = mode.split(',').flatMap((clause) => {
    const match = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    if (!match || !match[3]!.includes('w')) return [clause];
    const [, who, op, perms] = match as unknown as [string, string, string, string];
    if (who !== '' && !who.includes('o') && !who.includes('a')) return [clause];
    changed = true;
    const rest = perms.replace('w', '');
    return rest || op === '=' ? [`${who}${op}${rest}`, 'u+w'] : ['u+w'];
  });
  return changed ? clauses.join(',') : undefined;
}

/** `"${tempDir}/"` and `$tempDir` name the same path. One pass, no regex over user text. */
function normalisePath(value: string): string {
  let result = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      const name = close === -1 ? '' : value.slice(i + 2, close);
      if (close !== -1 && /^[A-Za-z_]\w*$/.test(name)) {
        result += `$${name}`;
        i = close;
        continue;
      }
    }
    result += value[i];
  }
  return result.length > 1 ? trimTrailingSlashes(result) || '/' : result;
}

const MKTEMP = /^(?:\$\(\s*mktemp\b[^()]*\)|`\s*mktemp\b[^`]*`)$/;
const MKTEMP_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * Whether a chmod target never ships: a `mktemp` result (directly, or through a variable the RUN
 * assigned from `$(mktemp ...)`), or a path the same RUN removes afterwards with `rm` (nginx's
 * and buildpack-deps' `tempDir="$(mktemp -d)"; chmod 777 "$tempDir"; ...; rm -rf "$tempDir"`,
 * which lets apt's unprivileged `_apt` user read a local repository). A layer stores the result
 * of the whole RUN, so a mode on a path gone by its end is never in the image.
 */
function isThrowAway(target: ShellWord, commands: ShellCommand[], chmodAt: number): boolean {
  const path = normalisePath(target.value);
  if (MKTEMP.test(path)) return true;
  for (const command of commands.slice(0, chmodAt)) {
    const words = effectiveWords(command);
    // `tempDir="$(mktemp -d)"`, also after `export`/`local`/`readonly`/`declare`.
    const assignments = /^(?:export|local|readonly|declare|typeset)$/.test(words[0]?.value ?? '')
      ? words.slice(1)
      : command.assignments;
    for (const assignment of assignments) {
      const match = MKTEMP_ASSIGNMENT.exec(assignment.value);
      if (!match || !MKTEMP.test(match[2]!.trim())) continue;
      const variable = `$${match[1]!}`;
      if (path === variable || path.startsWith(`${variable}/`)) return true;
    }
  }
  for (const command of commands.slice(chmodAt + 1)) {
    const words = effectiveWords(command);
    if (programName(words[0]) !== 'rm') continue;
    for (const word of words.slice(1)) {
      if (word.value.startsWith('-')) continue;
      const removed = normalisePath(word.value);
      if (removed === '/' || removed === '') continue;
      if (path === removed || path.startsWith(`${removed}/`)) return true;
      // `rm -rf /tmp/build/*` removes what lies under /tmp/build.
      if (removed.endsWith('/*') && path.startsWith(removed.slice(0, -1)) && path.length > removed.length - 1) return true;
    }
  }
  return false;
}

const isOption = (w: ShellWord) => /^-(?:[Rvcf]+|-[\w-]+)$/.test(w.value);

export default defineRule({
  id: 'world-writable',
  title: 'World-writable permissions',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-732', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: 'A file or directory every user can write lets any process in the container (a compromised dependency, a user-supplied upload handler) replace binaries, scripts or configuration that others run. Grant write to the owner only; sticky shared directories such as /tmp (mode 1777 or `+t`) are fine, and so is a mode on a `mktemp` result or on a path the same RUN removes afterwards (a layer keeps only what is left at the end of the RUN).',
    bad: 'RUN chmod -R 777 /app\nCOPY --chmod=666 config.yaml /etc/app/',
    good: 'RUN chmod -R 755 /app\nCOPY --chmod=644 config.yaml /etc/app/',
    fix: 'Replaces the mode with one without group/other write (777 -> 755, 666 -> 644, o+w/a+w/+w -> u+w).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const report = (range: Range, mode: string, safer: string, edit: TextEdit | undefined, where: string) =>
      ctx.report({
        range,
        message: `${where} mode ${mode} makes files writable by every user; use ${safer}`,
        fixes: edit ? [{ title: `Use mode ${safer}`, edits: [edit], preferred: true }] : [],
      });
    for (const script of ctx.model.runScripts) {
      for (let at = 0; at < script.commands.length; at++) {
        const command = script.commands[at]!;
        const words = effectiveWords(command);
        if (programName(words[0]) !== 'chmod') continue;
        // The first argument that is not an option is the mode (`-w` style modes start with '-' too, but never flag 777).
        const modeAt = words.findIndex((w, i) => i > 0 && !isOption(w));
        const modeWord = words[modeAt];
        if (!modeWord) continue;
        const safer = saferMode(modeWord.value);
        if (!safer) continue;
        const targets = words.slice(modeAt + 1).filter((w) => !isOption(w));
        if (targets.length > 0 && targets.every((t) => isThrowAway(t, script.commands, at))) continue;
        report(
          ctx.model.index.range(modeWord.start, modeWord.end),
          modeWord.value,
          safer,
          script.execForm ? undefined : replaceWord(ctx.model, modeWord, safer),
          'chmod',
        );
      }
    }
    for (const instruction of ctx.model.instructionsNamed(undefined, 'COPY', 'ADD')) {
      const keyword = instruction.getKeyword();
      const flags = (instruction as unknown as { getFlags(): Flag[] }).getFlags();
      for (const flag of flags) {
        // Only --chmod is read: other flags' values and ranges are not made.
        if (flag.getName().toLowerCase() !== 'chmod') continue;
        const valueRange = flag.getValueRange();
        const raw = flag.getValue();
        const value = raw === null ? null : unquoteFlagValue(raw);
        if (flag.getName().toLowerCase() !== 'chmod' || !value || !valueRange) continue;
        const safer = saferMode(value);
        if (safer) report(valueRange, value, safer, { range: valueRange, newText: safer }, `${keyword} --chmod`);
      }
    }
  },
});
