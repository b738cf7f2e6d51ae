import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Range } from '../types';

interface Property {
  getName(): string;
  getAssignmentOperator(): string | null;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

export default defineRule({
  id: 'legacy-env-format',
  title: 'ENV or LABEL without "="',
  category: 'best-practice',
  severity: 'info',
  refs: { buildkit: ['LegacyKeyValueFormat'], checkov: [] },
  docs: {
    why: 'The `ENV key value` form (no `=`) sets one variable to the whole rest of the line, so `ENV PATH /app/bin PYTHONPATH /app` silently sets PATH to "/app/bin PYTHONPATH /app". Docker has deprecated it; `key=value` is unambiguous and allows several pairs.',
    bad: 'ENV APP_HOME /app\nLABEL version 1.0',
    good: 'ENV APP_HOME=/app\nLABEL version=1.0',
    fix: 'Rewrites the pair as `key=value`, quoting a value that contains spaces.',
  },
  dockerfile(ctx) {
    const { text, index } = ctx.model;
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
      const properties = (instruction as Instruction & { getProperties(): Property[] }).getProperties();
      for (const property of properties) {
        const valueRange = property.getValueRange();
        if (property.getAssignmentOperator() !== null || !valueRange) continue;
        const raw = text.slice(index.offset(valueRange.start), index.offset(valueRange.end));
        const quoted = /^["']/.test(raw) || !/\s/.test(raw) ? raw : `"${raw.replace(/(["\\])/g, '\\$1')}"`;
        const nameEnd = property.getNameRange().end;
        ctx.report({
          range: { start: property.getNameRange().start, end: valueRange.end },
          message: `"${keyword} ${property.getName()} ..." uses the legacy form, which takes the whole rest of the line as the value; write ${property.getName()}=${quoted}`,
          fixes: [
            {
              title: `Rewrite as ${property.getName()}=...`,
              edits: [{ range: { start: nameEnd, end: valueRange.end }, newText: `=${quoted}` }],
              preferred: true,
            },
          ],
        });
      }
    }
  },
});
