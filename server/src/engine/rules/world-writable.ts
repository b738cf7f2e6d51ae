import { unquoteFlagValue } from '../dockerfile/instruction-args';
import type { Flag } from 'dockerfile-ast';
import { replaceWord } from '../dockerfile/edits';
import { runScripts } from '../dockerfile/run-script';
import { effectiveWords, programName } from '../dockerfile/shell';
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
  // Symbolic: o+w, a+w, +w, ugo+rwx, go+w ... (comma-separated clauses).
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

export default defineRule({
  id: 'world-writable',
  title: 'World-writable permissions',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-732', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: 'A file or directory every user can write lets any process in the container (a compromised dependency, a user-supplied upload handler) replace binaries, scripts or configuration that others run. Grant write to the owner only; sticky shared directories such as /tmp (mode 1777) are fine.',
    bad: 'RUN chmod -R 777 /app\nCOPY --chmod=666 config.yaml /etc/app/',
    good: 'RUN chmod -R 755 /app\nCOPY --chmod=644 config.yaml /etc/app/',
    fix: 'Replaces the mode with one without group/other write (777 -> 755, 666 -> 644, o+w/a+w/+w -> u+w).',
  },
  dockerfile(ctx) {
    const report = (range: Range, mode: string, safer: string, edit: TextEdit | undefined, where: string) =>
      ctx.report({
        range,
        message: `${where} mode ${mode} makes files writable by every user; use ${safer}`,
        fixes: edit ? [{ title: `Use mode ${safer}`, edits: [edit], preferred: true }] : [],
      });
    for (const script of runScripts(ctx.model)) {
      for (const command of script.commands) {
        const words = effectiveWords(command);
        if (programName(words[0]) !== 'chmod') continue;
        // The first argument that is not an option is the mode (`-w` style modes start with '-' too, but never flag 777).
        const modeWord = words.slice(1).find((w) => !/^-(?:[Rvcf]+|-[\w-]+)$/.test(w.value));
        if (!modeWord) continue;
        const safer = saferMode(modeWord.value);
        if (!safer) continue;
        report(
          ctx.model.index.range(modeWord.start, modeWord.end),
          modeWord.value,
          safer,
          script.execForm ? undefined : replaceWord(ctx.model, modeWord, safer),
          'chmod',
        );
      }
    }
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const flags = (instruction as unknown as { getFlags(): Flag[] }).getFlags();
      for (const flag of flags) {
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
