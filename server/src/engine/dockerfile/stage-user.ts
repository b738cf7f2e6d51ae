import type { Instruction } from 'dockerfile-ast';
import type { ShipshapeConfig } from '../config';
import { isDistroless, isKnownNonRootImage } from '../image-trust';
import { isRootUser, type DockerfileModel, type Stage } from './model';

export type StageUser =
  | { kind: 'non-root'; user: string }
  | { kind: 'unknown' }
  /** `instruction` is the USER that selects root; absent when no USER sets one (the base image's root). */
  | { kind: 'root'; user: string; instruction?: Instruction; stage: Stage; base: Stage };

function lastUser(stage: Stage): Instruction | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    if (stage.instructions[i]!.getKeyword() === 'USER') return stage.instructions[i];
  }
  return undefined;
}

/** The root of a `FROM <stage>` chain: the stage that names a real image (or scratch). */
export function baseStage(stage: Stage): Stage {
  let current = stage;
  for (let hops = 0; current.parent && hops < 100; hops++) current = current.parent;
  return current;
}

/**
 * Who a stage's processes run as: its last USER, else the stage it builds on, else the base
 * image's default (root, unless the image is known to default to a non-root user).
 */
export function stageUser(model: DockerfileModel, stage: Stage, config: ShipshapeConfig): StageUser {
  let current: Stage | undefined = stage;
  for (let hops = 0; current && hops < 100; hops++, current = current.parent) {
    const instruction = lastUser(current);
    if (!instruction) continue;
    const written = instruction.getArgumentsContent() ?? '';
    const expanded = model.expandInStage(current, written, instruction);
    if (expanded.unresolved || !expanded.value.trim()) return { kind: 'unknown' };
    if (!isRootUser(expanded.value)) return { kind: 'non-root', user: expanded.value };
    return { kind: 'root', user: expanded.value.trim(), instruction, stage: current, base: baseStage(stage) };
  }
  const base = baseStage(stage);
  if (base.ref && isKnownNonRootImage(base.ref, config)) return { kind: 'non-root', user: '(image default)' };
  return { kind: 'root', user: 'root', stage: base, base };
}

/** Distroless and scratch images have no /etc/passwd entries to name: use the conventional 65532. */
export function suggestedUser(base: Stage, config: ShipshapeConfig): string {
  if (base.isScratch || (base.ref && isDistroless(base.ref))) return '65532:65532';
  return config.defaultUser;
}

export function findStage(model: DockerfileModel, target: string | undefined): Stage | undefined {
  if (!target) return model.finalStage;
  return model.stages.find((stage) => stage.alias === target.toLowerCase());
}
