import { copyOperands } from '../dockerfile/copy-operands';
import { isJsonForm } from '../dockerfile/instruction-args';
import { unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

export default defineRule({
  id: 'copy-args-slash',
  title: 'Several sources copied to a destination without a trailing slash',
  category: 'correctness',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: {
    cwe: 'CWE-628',
    hadolint: ['DL3021'],
    kics: ['Copy With More Than Two Arguments Not Ending With Slash'],
    checkov: [],
    trivy: ['DS011'],
  },
  docs: {
    why: 'With more than one source, COPY and ADD need a directory destination written with a trailing `/`. The legacy builder fails ("When using COPY with more than one source file, the destination must be a directory and end with a /"); BuildKit does not check, so whether the files land inside the destination depends on whether a directory of that name happens to exist already. A destination of `.` works with BuildKit (it treats `.` as a directory) and is reported at info level only.',
    bad: 'COPY package.json package-lock.json /app',
    good: 'COPY package.json package-lock.json /app/',
    fix: 'Appends `/` to the destination (inside the quotes for a quoted or JSON-form destination).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'COPY', 'ADD')) {
        const keyword = instruction.getKeyword();
        const { sources, destination } = copyOperands(instruction);
        if (sources.length < 2 || !destination) continue;
        const written = unquote(destination.value);
        if (/[/\\]$/.test(written)) continue;
        // `COPY a b $DEST` with `ARG DEST=/app/`: the expanded value decides.
        if (written.includes('$')) {
          const expanded = model.expandInStage(stage, written, instruction);
          if (expanded.unresolved || /[/\\]$/.test(expanded.value)) continue;
        }
        // In JSON form, or when the destination is quoted, the slash goes inside the closing quote.
        const quoted = isJsonForm(instruction) || written !== destination.value;
        const end = quoted
          ? { line: destination.range.end.line, character: destination.range.end.character - 1 }
          : destination.range.end;
        const dot = written === '.' || written === '..';
        // A Windows path in a file whose escape character is the backtick ends in `\`; with the
        // default escape a trailing `\` would continue the line, so `/` (which Windows accepts) it is.
        const slash =
          !isJsonForm(instruction) && model.escapeChar !== '\\' && written.includes('\\') && !written.includes('/') ? '\\' : '/';
        ctx.report({
          range: destination.range,
          ...(dot ? { severity: 'info' as const } : {}),
          message: dot
            ? `${keyword} with ${sources.length} sources to "${written}": BuildKit treats it as a directory, but the legacy builder fails; write "${written}${slash}"`
            : `${keyword} with ${sources.length} sources needs a directory destination ending in "${slash}": write "${written}${slash}"`,
          fixes: [
            {
              title: `Append ${slash} to the destination`,
              edits: [{ range: { start: end, end }, newText: slash }],
              preferred: true,
            },
          ],
        });
      }
    }
  },
});
