import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';

interface Property {
  getName(): string;
  getValue(): string | null;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Variable names a value refers to (`$A`, `${A}`, `${A:-x}`). */
function referencedNames(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

export default defineRule({
  id: 'env-self-reference',
  title: 'ENV refers to a variable set in the same instruction',
  category: 'correctness',
  severity: 'error',
  refs: { hadolint: ['DL3044'], checkov: [] },
  docs: {
    why: 'Within one ENV instruction, every value is expanded before any of its variables are set, so `ENV A=1 B=$A` sets B to the old value of A (usually empty), not 1. Set A in an earlier ENV.',
    bad: 'ENV APP_HOME=/app APP_BIN=$APP_HOME/bin',
    good: 'ENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin',
    fix: 'None automatic: split the instruction so the variable is defined first.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'ENV') continue;
      const properties = (instruction as Instruction & { getProperties(): Property[] }).getProperties();
      const definedHere = new Set<string>();
      for (const property of properties) {
        const value = property.getValue() ?? '';
        const selfRefs = referencedNames(value).filter((name) => definedHere.has(name));
        if (selfRefs.length > 0) {
          ctx.report({
            range: property.getRange(),
            message: `${property.getName()} uses $${selfRefs[0]}, which this same ENV sets: it expands to the value from before this instruction; define ${selfRefs[0]} in an earlier ENV`,
          });
        }
        definedHere.add(property.getName());
      }
    }
  },
});
