// dockerfile-ast 0.7 re-scans an instruction's text on every accessor call: the parser itself asks
// each instruction for its arguments six or seven times, and some 60 rules ask again. On a
// 10,000-line file that argument scanning was over half the lint time. A parsed instruction never
// changes (its text and ranges are fixed at construction), so the scan is done once per instance.
// Arrays are copied on the way out because dockerfile-ast itself shifts flags off the array that
// getRawArguments returns.
import { Instruction } from 'dockerfile-ast';

type Accessor = (this: object) => unknown;

/** Caches a zero-argument method per instance; returns copies of arrays. */
function memoizeMethod(prototype: object, name: string): void {
  const original = (prototype as Record<string, unknown>)[name];
  if (typeof original !== 'function' || (original as { memoized?: boolean }).memoized) return;
  const values = new WeakMap<object, unknown>();
  const memoized = function (this: object): unknown {
    let value = values.get(this);
    if (value === undefined && !values.has(this)) {
      value = (original as Accessor).call(this);
      values.set(this, value);
    }
    return Array.isArray(value) ? value.slice() : value;
  };
  (memoized as { memoized?: boolean }).memoized = true;
  (prototype as Record<string, unknown>)[name] = memoized;
}

let installed = false;

/** Installs the per-instance caches on dockerfile-ast's Instruction (idempotent). */
export function installAstMemo(): void {
  if (installed) return;
  installed = true;
  memoizeMethod(Instruction.prototype, 'getRawArguments');
}

/**
 * Caches the accessors rules call most, on one parsed instruction. Subclasses override some of them
 * (flags are stripped by ModifiableInstruction, JSON strings parsed by JSONInstruction), so these are
 * cached on the instance, after parsing, rather than on a prototype.
 */
export function memoizeInstruction(instruction: Instruction): void {
  const target = instruction as unknown as Record<string, unknown>;
  for (const name of INSTANCE_ACCESSORS) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    let computed = false;
    let value: unknown;
    target[name] = () => {
      if (!computed) {
        value = (original as Accessor).call(instruction);
        computed = true;
      }
      return Array.isArray(value) ? value.slice() : value;
    };
  }
}

const INSTANCE_ACCESSORS = [
  'getKeyword',
  'getArguments',
  'getArgumentsRange',
  'getArgumentsContent',
  'getRawArgumentsContent',
  'getHeredocs',
  'getJSONStrings',
  'getProperties',
  'getExpandedArguments',
] as const;
