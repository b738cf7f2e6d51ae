// The working directory in force at each instruction. BuildKit resolves each WORKDIR when it runs:
// ARG and ENV values expanded, a relative path joined to the directory before it, the result
// cleaned (`/app/../srv` is `/srv`); a stage starts in its parent stage's directory (`FROM <stage>`)
// or its base image's, which is not known here. Worked out once per model, in file order: a parent
// stage always comes before the stages built on it, so its directory at the end is known when they start.
import type { Instruction } from 'dockerfile-ast';
import { MAX_EXPANSION_GROWTH } from '../interpolate';
import type { DockerfileModel, Stage } from './model';
import { inForce } from './stage-place';
import { cleanAbsolutePath, isAbsolutePath, trimTrailingSlashes, unquote } from './paths';

export interface Workdir {
  /**
   * Whether a WORKDIR chose it: one earlier in the stage, or one in a stage this one builds FROM.
   * When not, it is the base image's working directory.
   */
  readonly set: boolean;
  /** The directory as an absolute, cleaned path, when every part of it is known here. */
  readonly path: string | undefined;
  /**
   * The directory as far as it is known: `path` when that is known; else starting with a variable
   * that has no value here, kept as written (`$GOPATH/src`); else relative to the base image's
   * working directory (`src`, or `''` for that directory itself). Undefined when nothing is known
   * (a path built from thousands of relative steps, past a length bound).
   */
  readonly partial: string | undefined;
}

export interface WorkdirValue {
  /** After ARG/ENV expansion; as written (unquoted) when a variable has no value here. */
  value: string;
  /** Whether every variable in it had a value. */
  known: boolean;
  /** The directory in force after the instruction. */
  result: Workdir;
}

export interface WorkdirsInForce {
  /** The directory in force just before `instruction` (for a WORKDIR: the one a relative path joins); for one outside the stage, at its end. */
  at(stage: Stage, instruction: Instruction): Workdir;
  /** What a WORKDIR instruction's path is, expanded as BuildKit does; undefined for other instructions. */
  valueOf(instruction: Instruction): WorkdirValue | undefined;
}

const BASE_IMAGE: Workdir = { set: false, path: undefined, partial: '' };
const UNKNOWN: Workdir = { set: true, path: undefined, partial: undefined };

/** A Linux path cleaned as BuildKit does; a Windows one (`C:\app`) as written. */
function clean(path: string): string {
  return path.startsWith('/') ? cleanAbsolutePath(path) : path;
}

/**
 * A path that is not all known, cleaned where that is safe: `$HOME/a/../b` is `$HOME/b` and
 * `a/../b` is `b`, but a `..` above the variable or the base image's directory stays.
 */
function cleanPartial(path: string): string {
  if (isAbsolutePath(path)) return clean(path);
  const slash = path.indexOf('/');
  const head = path.startsWith('$') ? (slash === -1 ? path : path.slice(0, slash)) : '';
  const rest = path.startsWith('$') ? (slash === -1 ? '' : path.slice(slash + 1)) : path;
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return [head, ...parts].filter((part) => part !== '').join('/');
}

function join(base: string, relative: string): string {
  let tail = relative;
  while (tail.startsWith('./')) tail = tail.slice(2);
  if (base === '') return tail;
  return tail === '' || tail === '.' ? base : `${trimTrailingSlashes(base)}/${tail}`;
}

/** The directory after `WORKDIR <value>` when `dir` was in force. */
function resolve(dir: Workdir, value: string, known: boolean): Workdir {
  // BuildKit rejects an empty WORKDIR (syntax-error); it changes no directory here.
  if (value === '') return dir.set ? dir : { ...dir, set: true };
  let partial: string | undefined;
  let path: string | undefined;
  // A path starting with a variable with no value here is most likely absolute (`$HOME`).
  if (isAbsolutePath(value) || (!known && value.startsWith('$'))) {
    path = known ? clean(value) : undefined;
    partial = path ?? cleanPartial(value);
  } else if (dir.partial !== undefined) {
    const joined = join(dir.partial, value);
    path = known && dir.path !== undefined ? clean(joined) : undefined;
    partial = path ?? cleanPartial(joined);
  }
  if (partial === undefined || partial.length > MAX_EXPANSION_GROWTH) return UNKNOWN;
  return { set: true, path, partial };
}

export function workdirsInForce(model: DockerfileModel): WorkdirsInForce {
  // Per WORKDIR, its value: one Map made only for a file with a WORKDIR.
  let values: Map<Instruction, WorkdirValue> | undefined;
  const at = inForce<Workdir>(
    model.stages,
    () => BASE_IMAGE,
    (dir, instruction, stage) => {
      if (instruction.getKeyword() !== 'WORKDIR') return dir;
      // WORKDIR takes the rest of the line as one path (`WORKDIR /my app` is "/my app").
      const written = unquote(instruction.getArgumentsContent()?.trim() ?? '');
      const expanded = written.includes('$') ? model.expandInStage(stage, written, instruction) : undefined;
      const known = !expanded?.unresolved;
      const value = expanded && known ? unquote(expanded.value) : written;
      const result = resolve(dir, value, known);
      (values ??= new Map()).set(instruction, { value, known, result });
      return result;
    },
  );
  return {
    at: (stage, instruction) => at(stage, instruction) ?? BASE_IMAGE,
    valueOf: (instruction) => values?.get(instruction),
  };
}
