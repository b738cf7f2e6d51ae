// The working directory a WORKDIR starts from, inherited through `FROM <stage>`.
import type { Instruction } from 'dockerfile-ast';
import { MAX_EXPANSION_GROWTH } from '../interpolate';
import { argsOf } from './instruction-args';
import type { DockerfileModel, Stage } from './model';
import { isAbsolutePath, trimTrailingSlashes, unquote } from './paths';

/**
 * The WORKDIR value after ARG/ENV expansion; undefined when a variable's value is unknown here
 * (`$HOME` comes from the base image), since the path may well be absolute then.
 */
export function workdirValue(
  model: DockerfileModel,
  stage: Stage,
  instruction: Instruction,
  written: string,
): string | undefined {
  if (!written.includes('$')) return written;
  const expanded = model.expandInStage(stage, written, instruction);
  return expanded.unresolved ? undefined : unquote(expanded.value);
}

/**
 * The working directory (an absolute path, or undefined when unknown) before each WORKDIR of the
 * file. One pass over the stages in file order: a parent stage always comes first, so its
 * directory at the end is known when a child starts, and no WORKDIR walks back over the others.
 */
export function workdirsBefore(model: DockerfileModel): Map<Instruction, string | undefined> {
  const before = new Map<Instruction, string | undefined>();
  const atEnd = new Map<Stage, string | undefined>();
  for (const stage of model.stages) {
    let dir = stage.parent ? atEnd.get(stage.parent) : undefined;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      before.set(instruction, dir);
      const written = unquote(argsOf(instruction)[0]?.value ?? '');
      const value = workdirValue(model, stage, instruction, written);
      if (value === undefined) dir = undefined;
      else if (isAbsolutePath(value)) dir = value;
      else if (dir !== undefined) dir = `${trimTrailingSlashes(dir)}/${value.replace(/^\.\//, '')}`;
      // A directory built from many relative steps is not worth keeping past a few KB.
      if (dir !== undefined && dir.length > MAX_EXPANSION_GROWTH) dir = undefined;
    }
    atEnd.set(stage, dir);
  }
  return before;
}

/**
 * The working directory before each instruction of each stage, as a path that may keep what is
 * unknown: `/` until a WORKDIR (the base image's own is not known here), a WORKDIR whose variables
 * stay unknown as written (`$GOPATH/src`), a relative one appended as written. Inherited through
 * `FROM <stage>`; one pass in file order, where asking per COPY walked the chain each time.
 */
export function workdirPathsBefore(model: DockerfileModel): Map<Instruction, string> {
  const before = new Map<Instruction, string>();
  const atEnd = new Map<Stage, string>();
  for (const stage of model.stages) {
    let workdir = (stage.parent && atEnd.get(stage.parent)) ?? '/';
    for (const instruction of stage.instructions) {
      before.set(instruction, workdir);
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      const written = unquote(instruction.getArgumentsContent()?.trim() ?? '');
      const expanded = model.expandInStage(stage, written, instruction);
      const path = expanded.unresolved ? written : expanded.value;
      workdir = path.startsWith('/') || path.startsWith('$') ? path : `${workdir}/${path}`;
    }
    atEnd.set(stage, workdir);
  }
  return before;
}
