import { heredocsOf } from '../dockerfile/instruction-args';
import { removeLines } from '../fix';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';

// A new instruction: a keyword at column 0, in the file's case (continued shell lines are
// usually indented, and `env X=1 cmd` is a shell command that happens to share a name).
const KEYWORDS =
  /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(\s|$)/i;

function startsInstruction(line: string, lowercaseFile: boolean): boolean {
  const match = KEYWORDS.exec(line);
  return match !== null && (match[1] === match[1]!.toUpperCase() || lowercaseFile);
}

export default defineRule({
  id: 'empty-continuation',
  title: 'Empty line inside a line continuation',
  category: 'correctness',
  severity: 'warning',
  fixes: 'safe',
  refs: { buildkit: ['NoEmptyContinuation'] },
  docs: {
    why: 'Docker skips an empty line inside a `\\` continuation with a deprecation warning (BuildKit check NoEmptyContinuation: "Empty continuation lines will become errors in a future release"). It usually means a line was deleted, and when the `\\` is the last one of a command, the next instruction is swallowed into it: `RUN make \\`, an empty line, then `RUN make install` runs `make RUN make install`. Comment lines inside a continuation are fine; heredoc bodies are content and are not checked.',
    bad: 'RUN apt-get update \\\n\n    && apt-get install -y curl',
    good: 'RUN apt-get update \\\n    && apt-get install -y curl',
    fix: 'Removes the empty line; when the next line starts a new instruction, removes the dangling escape character instead, so the two instructions are separate again. That second case changes what gets built (to what was meant), so it is offered for review rather than applied by `--fix`.',
  },
  reach: 'stage-in-place',
  dockerfile(ctx) {
    const { index, escapeChar } = ctx.model;
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
        const runStart = line;
        while (line + 1 < range.end.line && index.lineText(line + 1).trim() === '' && !heredocLines.has(line + 1)) line++;
        const next = index.lineText(line + 1);
        // The last line before the blank run ends with the escape character that continues it.
        let before = runStart - 1;
        while (before > range.start.line && /^\s*#/.test(index.lineText(before))) before--;
        const beforeText = index.lineText(before);
        const escapeAt = beforeText.trimEnd().length - 1;
        const written = instruction.getInstruction();
        const swallows = startsInstruction(next, written === written.toLowerCase()) && beforeText[escapeAt] === escapeChar;
        const blank = { start: { line: runStart, character: 0 }, end: { line, character: index.lineText(line).length } };
        let edit: TextEdit;
        let message: string;
        if (swallows) {
          const keep = beforeText.slice(0, escapeAt).trimEnd().length;
          edit = {
            range: { start: { line: before, character: keep }, end: { line: before, character: beforeText.length } },
            newText: '',
          };
          message = `The ${escapeChar} at the end of line ${before + 1} continues ${instruction.getKeyword()} across the empty line, so "${next.trim()}" becomes part of it instead of a new instruction; remove that ${escapeChar}`;
        } else {
          edit = removeLines(index, runStart, line);
          message = `Empty line inside the ${instruction.getKeyword()} continuation: Docker warns now and will reject it in a future release; remove it`;
        }
        ctx.report({
          range: blank,
          message,
          // Dropping the escape splits one instruction into two: the build changes (to what was meant).
          fixes: [
            swallows
              ? { title: `Remove the dangling ${escapeChar}`, edits: [edit], preferred: true, changesBehaviour: true }
              : { title: 'Remove the empty line', edits: [edit], preferred: true },
          ],
        });
      }
    }
  },
});
