import type { Instruction } from 'dockerfile-ast';

/**
 * What a suppression comment before `line` covers in a Dockerfile: all the lines of the
 * instruction that starts on that line, or else (inside a continuation) that line alone.
 * Instructions are indexed by their first line once, not searched per comment, and only when a
 * comment asks: most files have no suppression comment at all.
 */
export function dockerfileScopes(instructions: readonly Instruction[]): (line: number) => { first: number; last: number } {
  let endByStart: Map<number, number> | undefined;
  return (line) => {
    endByStart ??= endsByStartLine(instructions);
    return { first: line, last: endByStart.get(line) ?? line };
  };
}

function endsByStartLine(instructions: readonly Instruction[]): Map<number, number> {
  const endByStart = new Map<number, number>();
  let coveredUpTo = -1;
  for (const instruction of instructions) {
    const { start, end } = instruction.getRange();
    // A line inside an earlier instruction belongs to that one.
    if (start.line > coveredUpTo && !endByStart.has(start.line)) endByStart.set(start.line, end.line);
    coveredUpTo = Math.max(coveredUpTo, end.line);
  }
  return endByStart;
}
