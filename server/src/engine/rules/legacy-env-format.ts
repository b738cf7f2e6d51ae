import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Range } from '../types';

interface Property {
  getName(): string;
  getAssignmentOperator(): string | null;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

/**
 * The `key=value` spelling of a legacy `key value` pair with the same value.
 *
 * In the legacy form the value is the whole rest of the line, which Docker then word-processes
 * (quotes removed, `$VAR` expanded) as one word, whitespace included. In `key=value` form
 * unquoted whitespace would end the value, so it must be quoted: a value without quotes or
 * escapes is wrapped in double quotes (expansion works the same inside them); otherwise each
 * unquoted whitespace run is escaped with the escape character, which leaves the rest, quotes
 * included, exactly as it was. A value spanning continuation lines keeps its line breaks inside
 * the quotes: Docker joins continuation lines before it looks at quotes.
 */
export function keyValueForm(raw: string, escapeChar: string): string {
  if (!/\s/.test(raw)) return raw;
  const lines = raw.split(/\r\n|\n|\r/);
  // Escape characters other than the line continuations themselves.
  const body = lines.map((line, i) => (i < lines.length - 1 ? line.trimEnd().slice(0, -1) : line)).join('');
  if (!/["']/.test(raw) && !body.includes(escapeChar)) return `"${raw}"`;
  if (lines.length > 1) return raw; // not rewritten: see the caller
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (quote) {
      if (ch === escapeChar && quote === '"' && i + 1 < raw.length) {
        out += ch + raw[++i]!;
        continue;
      }
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === escapeChar && i + 1 < raw.length) {
      out += ch + raw[++i]!;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === ' ' || ch === '\t') {
      out += escapeChar + ch;
    } else out += ch;
  }
  return out;
}

export default defineRule({
  id: 'legacy-env-format',
  title: 'ENV or LABEL without "="',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: { buildkit: ['LegacyKeyValueFormat'] },
  docs: {
    why: 'The `ENV key value` form (no `=`) sets one variable to the whole rest of the line, so `ENV PATH /app/bin PYTHONPATH /app` silently sets PATH to "/app/bin PYTHONPATH /app". Docker has deprecated it and BuildKit warns (LegacyKeyValueFormat); `key=value` is unambiguous and allows several pairs in one instruction.',
    bad: 'ENV APP_HOME /app\nLABEL version 1.0',
    good: 'ENV APP_HOME=/app\nLABEL version=1.0',
    fix: 'Rewrites the pair as `key=value` with the same value: a value with spaces is put in double quotes (or, when it already contains quotes, its spaces are escaped).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { text, index, escapeChar } = ctx.model;
    for (const instruction of ctx.model.instructionsNamed(undefined, 'ENV', 'LABEL')) {
      const keyword = instruction.getKeyword();
      const properties = (instruction as Instruction & { getProperties(): Property[] }).getProperties();
      for (const property of properties) {
        const valueRange = property.getValueRange();
        if (property.getAssignmentOperator() !== null || !valueRange) continue;
        const raw = text.slice(index.offset(valueRange.start), index.offset(valueRange.end));
        const rewritten = keyValueForm(raw, escapeChar);
        // A multi-line value with its own quotes has no rewrite that is certainly equivalent.
        const safe = !(valueRange.start.line !== valueRange.end.line && rewritten === raw && /\s/.test(raw));
        const nameEnd = property.getNameRange().end;
        const shown =
          valueRange.start.line === valueRange.end.line ? `${property.getName()}=${rewritten}` : `${property.getName()}=...`;
        ctx.report({
          range: { start: property.getNameRange().start, end: valueRange.end },
          message: `"${keyword} ${property.getName()} <value>" is the legacy form, which takes the whole rest of the line as the value; write ${keyword} ${shown}`,
          fixes: safe
            ? [
                {
                  title: `Rewrite as ${property.getName()}=...`,
                  // Replace the whitespace between name and value with "=".
                  edits: [{ range: { start: nameEnd, end: valueRange.end }, newText: `=${rewritten}` }],
                  preferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
});
