// Questions about a stage's lineage (the stages it builds on through `FROM <stage>`) that rules ask
// for every instruction or RUN. Walking the chain for each question is quadratic in a Dockerfile of
// thousands of chained stages; here each stage's answer is kept and made from its parent's, so a
// whole file costs one pass over each chain.
import type { Stage } from './model';

const answers = new WeakMap<(stage: Stage) => boolean, WeakMap<Stage, boolean>>();

/**
 * Whether `test` holds for `stage` or any stage it builds FROM. `test` must be a function of the
 * stage alone, defined once (its answers are kept under the function).
 */
export function someInLineage(stage: Stage, test: (stage: Stage) => boolean): boolean {
  let known = answers.get(test);
  if (!known) answers.set(test, (known = new WeakMap()));
  // Up to the nearest stage already answered, then back down, each answer from its parent's.
  const pending: Stage[] = [];
  let current: Stage | undefined = stage;
  for (; current && !known.has(current); current = current.parent) pending.push(current);
  let answer = current ? known.get(current)! : false;
  for (let i = pending.length - 1; i >= 0; i--) {
    answer ||= test(pending[i]!);
    known.set(pending[i]!, answer);
  }
  return answer;
}

/** Whether `test` holds for a stage that `stage` builds FROM (not `stage` itself). */
export function someAncestor(stage: Stage, test: (stage: Stage) => boolean): boolean {
  return stage.parent !== undefined && someInLineage(stage.parent, test);
}
