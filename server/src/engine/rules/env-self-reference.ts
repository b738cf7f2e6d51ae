import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Range } from '../types';

interface Property {
  getName(): string;
  getAssignmentOperator(): string | null;
  getValueRange(): Range | null;
}

interface Reference {
  name: string;
  start: number;
  end: number;
}

/**
 * `$NAME` and `${NAME...}` references Docker would expand in a raw ENV value: not inside single
 * quotes and not escaped with the escape character (`\$A` is a literal `$A`).
 */
export function expandedReferences(raw: string, escapeChar: string): Reference[] {
  const found: Reference[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === escapeChar && !single) {
      i++;
      continue;
    }
    if (ch === "'" && !double) single = !single;
    else if (ch === '"' && !single) double = !double;
    else if (ch === '$' && !single) {
      const braced = raw[i + 1] === '{';
      let j = i + (braced ? 2 : 1);
      const nameStart = j;
      if (!/[A-Za-z_]/.test(raw[j] ?? '')) continue;
      while (j < raw.length && /[A-Za-z0-9_]/.test(raw[j]!)) j++;
      let end = j;
      if (braced) {
        const close = raw.indexOf('}', j);
        end = close === -1 ? raw.length : close + 1;
      }
      found.push({ name: raw.slice(nameStart, j), start: i, end });
      i = j - 1;
    }
  }
  return found;
}

export default defineRule({
  id: 'env-self-reference',
  title: 'ENV refers to a variable set in the same instruction',
  category: 'correctness',
  severity: 'error',
  refs: { hadolint: ['DL3044'] },
  docs: {
    why: 'Within one ENV instruction, every value is expanded before any of its variables are set, so `ENV A=1 B=$A` sets B to the value A had before this line (usually empty), not 1. Set A in an earlier ENV. Escaped (`\\$A`) and single-quoted references are literal text and are not flagged.',
    bad: 'ENV APP_HOME=/app APP_BIN=$APP_HOME/bin',
    good: 'ENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin',
    fix: 'None automatic: split the instruction so the variable is defined in an earlier ENV.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { text, index, escapeChar } = ctx.model;
    for (const instruction of ctx.model.instructionsNamed(undefined, 'ENV')) {
      const properties = (instruction as Instruction & { getProperties(): Property[] }).getProperties();
      // The legacy `ENV A value` form sets one variable: nothing to refer to.
      if (properties.some((p) => p.getAssignmentOperator() === null)) continue;
      const definedHere = new Set<string>();
      for (const property of properties) {
        const valueRange = property.getValueRange();
        if (valueRange) {
          const offset = index.offset(valueRange.start);
          const raw = text.slice(offset, index.offset(valueRange.end));
          for (const ref of expandedReferences(raw, escapeChar)) {
            if (!definedHere.has(ref.name)) continue;
            ctx.report({
              range: index.range(offset + ref.start, offset + ref.end),
              message: `${property.getName()} uses $${ref.name}, which this same ENV sets: it expands to the value from before this instruction, not the new one; set ${ref.name} in an earlier ENV`,
            });
          }
        }
        definedHere.add(property.getName());
      }
    }
  },
});
