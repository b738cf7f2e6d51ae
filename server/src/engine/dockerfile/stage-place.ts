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
