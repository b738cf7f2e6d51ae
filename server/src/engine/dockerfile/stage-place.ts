// Each stage instruction's stage and its index in the stage's instructions, set by parseDockerfile
// as it builds the stages. What the model works out per instruction (the variables in scope, the
// SHELL and WORKDIR in force) is kept in arrays in stage order and found through these, in the
// instruction's slot array (ast-memo), where Maps keyed by instruction grew and rehashed their
// tables for every instruction of the file.
import type { Instruction } from 'dockerfile-ast';
import { instructionSlot } from './ast-memo';
import type { Stage } from './model';

const STAGE_OF = instructionSlot<Stage>();
const PLACE = instructionSlot<number>();

/** Records that `instruction` is `stage.instructions[place]`. */
export function placeInStageAt(instruction: Instruction, stage: Stage, place: number): void {
  STAGE_OF.set(instruction, stage);
  PLACE.set(instruction, place);
}

/** The stage whose instructions hold `instruction` (none for the ARGs before the first FROM, and ONBUILD triggers kept out of the stage). */
export function stageOf(instruction: Instruction): Stage | undefined {
  return STAGE_OF.get(instruction);
}

/** The index of `instruction` in `stageOf(instruction).instructions`, or -1. */
export function placeInStage(instruction: Instruction): number {
  return PLACE.get(instruction) ?? -1;
}

/**
 * What is in force before each instruction of every stage (the SHELL, the WORKDIR), each stage
 * starting from its parent stage's value at its end (`FROM <stage>`: a parent always comes earlier
 * in the file) or from `start`, and changed by `next` at each instruction. Returns the value just
 * before an instruction of `stage`; for an instruction outside it, the value at its end.
 */
export function inForce<T>(
  stages: readonly Stage[],
  start: (stage: Stage) => T,
  next: (value: T, instruction: Instruction, stage: Stage) => T,
): (stage: Stage, instruction: Instruction) => T | undefined {
  // By stage index, the value before each of the stage's instructions, in order, and at its end.
  const before = new Array<T[]>(stages.length);
  const atEnd = new Array<T>(stages.length);
  const indexOf = (stage: Stage) => (stages[stage.index] === stage ? stage.index : -1);
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    let value = (stage.parent && atEnd[indexOf(stage.parent)]) ?? start(stage);
    const { instructions } = stage;
    const values = new Array<T>(instructions.length);
    before[s] = values;
    for (let i = 0; i < instructions.length; i++) {
      values[i] = value;
      value = next(value, instructions[i]!, stage);
    }
    atEnd[s] = value;
  }
  return (stage, instruction) => {
    const own = stageOf(instruction);
    return (own && before[indexOf(own)]?.[placeInStage(instruction)]) ?? atEnd[indexOf(stage)];
  };
}
