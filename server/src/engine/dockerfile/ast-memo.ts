// dockerfile-ast 0.7 re-scans an instruction's text on every accessor call: the parser itself asks
// each instruction for its arguments six or seven times, and some 60 rules ask again. On a
// 10,000-line file that argument scanning was over half the lint time. A parsed instruction never
// changes (its text and ranges are fixed when it is constructed), so each accessor below runs once
// per instance. The cache lives on the instance under a symbol per class and method: a subclass
// override that calls `super` gets its own entry. The base class's argument arrays are copied on
// the way out to a subclass override calling `super` (ModifiableInstruction shifts flags off the
// array it gets); every other result is shared, and no caller may mutate them (the engine never does).
// getExpandedArguments is not cached: it resolves variables against the whole file, which the
// parser is still building while it calls the other accessors.
import * as ast from 'dockerfile-ast';
import { rawArguments } from './raw-arguments';

const ACCESSORS = [
  'getKeyword',
  'getRawArguments',
  'getArguments',
  'getArgumentsRange',
  'getArgumentsContent',
  'getRawArgumentsContent',
  'getHeredocs',
  'getJSONStrings',
  'getProperties',
] as const;

const UNDEFINED = Symbol('undefined');
// One array per instance, one slot per (class, accessor): a single property added to each
// instance keeps V8's property lookups monomorphic, where a symbol per accessor added in whatever
// order rules happen to call them gave every instance its own hidden class.
const SLOTS = Symbol('shipshape.astMemo');
let slotCount = 0;

function memoizeMethod(prototype: Record<PropertyKey, unknown>, name: string, copy: boolean): void {
  const original = prototype[name] as (this: object) => unknown;
  const slot = slotCount++;
  const memoized = function (this: Record<PropertyKey, unknown>): unknown {
    let slots = this[SLOTS] as unknown[] | undefined;
    if (slots === undefined) {
      slots = new Array<unknown>(slotCount);
      this[SLOTS] = slots;
    }
    let value = slots[slot];
    if (value === undefined) {
      value = original.call(this);
      slots[slot] = value === undefined ? UNDEFINED : value;
    } else if (value === UNDEFINED) {
      return undefined;
    }
    // Only a subclass's override calling `super` gets a copy (it is the one that shifts flags off);
    // any other caller reaches this method as the instance's own and shares the result.
    return copy && this[name] !== memoized && Array.isArray(value) ? value.slice() : value;
  };
  prototype[name] = memoized;
}

let installed = false;

/** dockerfile-ast's own argument scan, kept for the test that compares rawArguments with it. */
export const dockerfileAstRawArguments = (ast.Instruction.prototype as unknown as RawArgumentsScan).getRawArguments;

interface RawArgumentsScan {
  getRawArguments(this: ast.Instruction): ast.Argument[];
}

/** Installs the caches on dockerfile-ast's instruction classes (once per process). */
export function installAstMemo(): void {
  if (installed) return;
  installed = true;
  (ast.Instruction.prototype as unknown as RawArgumentsScan).getRawArguments = rawArguments;
  for (const exported of Object.values(ast) as unknown[]) {
    if (typeof exported !== 'function') continue;
    const prototype = (exported as { prototype?: unknown }).prototype;
    if (exported !== ast.Instruction && !(prototype instanceof ast.Instruction)) continue;
    for (const name of ACCESSORS) {
      if (!Object.prototype.hasOwnProperty.call(prototype, name)) continue;
      const copy = exported === ast.Instruction && (name === 'getRawArguments' || name === 'getArguments');
      memoizeMethod(prototype as Record<PropertyKey, unknown>, name, copy);
    }
  }
}
