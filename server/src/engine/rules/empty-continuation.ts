import { heredocsOf } from '../dockerfile/instruction-args';
import { removeLines } from '../fix';
import { defineRule } from '../rule';

export default defineRule({
  id: 'empty-continuation',
  title: 'Empty line inside a line continuation',
  category: 'correctness',
  severity: 'warning',
  refs: { buildkit: [], checkov: [] },
  docs: {
    why: 'Docker currently skips an empty line inside a `\\` continuation with a deprecation warning ("Empty continuation lines will become errors in a future release"), and it usually means a line was deleted and the command now continues somewhere unintended.',
    bad: 'RUN apt-get update \\\n\n    && apt-get install -y curl',
    good: 'RUN apt-get update \\\n    && apt-get install -y curl',
    fix: 'Removes the empty line.',
  },
  dockerfile(ctx) {
    const { index } = ctx.model;
    for (const instruction of ctx.model.instructions) {
      const range = instruction.getRange();
      if (range.end.line === range.start.line) continue;
      // Heredoc bodies are data: blank lines there are content, not continuation lines.
      const heredocLines = new Set<number>();
      for (const heredoc of heredocsOf(instruction)) {
        const content = heredoc.getContentRange();
        const end = heredoc.getDelimiterRange()?.end.line ?? range.end.line;
        for (let line = content?.start.line ?? heredoc.getStartRange().start.line; line <= end; line++) heredocLines.add(line);
      }
      for (let line = range.start.line + 1; line < range.end.line; line++) {
        if (heredocLines.has(line) || index.lineText(line).trim() !== '') continue;
        ctx.report({
          range: { start: { line, character: 0 }, end: { line, character: index.lineText(line).length } },
          message: `Empty line inside the ${instruction.getKeyword()} continuation: Docker will reject it in a future release; remove it`,
          fixes: [{ title: 'Remove the empty line', edits: [removeLines(index, line, line)], preferred: true }],
        });
      }
    }
  },
});
