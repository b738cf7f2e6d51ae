import { argsOf, isJsonForm, heredocsOf } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

export default defineRule({
  id: 'copy-args-slash',
  title: 'Several sources copied to a destination without a trailing slash',
  category: 'correctness',
  severity: 'error',
  refs: { hadolint: ['DL3021'], kics: ['Copy With More Than Two Arguments Not Ending With Slash'], checkov: [] },
  docs: {
    why: 'With more than one source, COPY and ADD need a directory destination, written with a trailing `/`; otherwise the build fails ("When using COPY with more than one source file, the destination must be a directory and end with a /").',
    bad: 'COPY package.json package-lock.json /app',
    good: 'COPY package.json package-lock.json /app/',
    fix: 'Appends `/` to the destination.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (heredocsOf(instruction).length) continue;
      const args = argsOf(instruction);
      const destination = args[args.length - 1];
      if (args.length <= 2 || !destination || /[/\\]$/.test(destination.value)) continue;
      // In JSON form the slash goes inside the closing quote.
      const end = isJsonForm(instruction)
        ? { line: destination.range.end.line, character: destination.range.end.character - 1 }
        : destination.range.end;
      ctx.report({
        range: destination.range,
        message: `${keyword} with ${args.length - 1} sources needs a directory destination ending in "/": "${destination.value}/"`,
        fixes: [{ title: 'Append / to the destination', edits: [{ range: { start: end, end }, newText: '/' }], preferred: true }],
      });
    }
  },
});
