// dockerfile-ast 0.7 re-scans an instruction's text on every accessor call: the parser itself asks
// each instruction for its arguments six or seven times, and some 60 rules ask again. On a
// 10,000-line file that argument scanning was over half the lint time. A parsed instruction never
// changes (its text and ranges are fixed when it is constructed), so each accessor below runs once
// per instance. The cache lives on the instance under a symbol per class and method: a subclass
// override that calls `super` gets its own entry. Results are shared, and no caller may mutate
// them: the engine never does, and ModifiableInstruction.getArguments, the one dockerfile-ast
// method that did (it shifted the flags off the array from `super`), is replaced by one that slices
// (test/unit/ast-memo.test.ts checks no other class overrides the argument accessors). Before
// flagsBeingFound, asking a FROM for its flags before its arguments cached the arguments with the
// flags still in them (`FROM --platform=x alpine AS b` -> `--platform=x alpine AS b`).
// getExpandedArguments is not cached: it resolves variables against the whole file, which the
// parser is still building while it calls the other accessors.
import * as ast from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import type { TextIndex } from '../text';
import type { Range } from '../types';
import { answerPositionsNearby } from './nearby-positions';
import { installByteOrderMark } from './byte-order-mark';
import { installInstructionKeyword } from './instruction-keyword';
import { installOrganizeComments } from './organize-comments';
import { installPropertyValue } from './property-value';
import { argumentsRange, rawArguments, rawArgumentsContent } from './raw-arguments';

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

// The base class's answers that do not depend on the flags (getArguments there is getRawArguments).
const FLAG_FREE: ReadonlySet<string> = new Set(['getKeyword', 'getRawArguments', 'getArguments']);

const UNDEFINED = Symbol('undefined');
// One array per instance, one slot per (class, accessor): a single property added to each
// instance keeps V8's property lookups monomorphic, where a symbol per accessor added in whatever
// order rules happen to call them gave every instance its own hidden class.
const SLOTS = Symbol('shipshape.astMemo');

/** dockerfile-ast's instruction classes (Instruction and what extends it), each after the classes it extends. */
function instructionClasses(): Record<PropertyKey, unknown>[] {
  const depth = (prototype: object) => {
    let d = 0;
    for (let p = prototype; p !== ast.Instruction.prototype; p = Object.getPrototypeOf(p) as object) d++;
    return d;
  };
  const prototypes: Record<PropertyKey, unknown>[] = [];
  for (const exported of Object.values(ast) as unknown[]) {
    if (typeof exported !== 'function') continue;
    const prototype = (exported as { prototype?: unknown }).prototype;
    if (exported === ast.Instruction || prototype instanceof ast.Instruction)
      prototypes.push(prototype as Record<PropertyKey, unknown>);
  }
  return prototypes.sort((a, b) => depth(a) - depth(b));
}

/**
 * The slot of each cached (class, accessor). A class's accessors are numbered after those of the
 * classes it extends, so classes on other branches (Env and Run) use the same numbers and an
 * instance's array is as long as the longest chain's accessors (10), not all classes' (15): a
 * fifth of the 144 bytes each instruction's array took.
 */
function layOutSlots(): { slots: Map<object, Map<string, number>>; count: number } {
  const end = new Map<object, number>();
  const slots = new Map<object, Map<string, number>>();
  let count = 0;
  for (const prototype of instructionClasses()) {
    let next = 0;
    for (let p = Object.getPrototypeOf(prototype) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
      const after = end.get(p);
      if (after !== undefined) {
        next = after;
        break;
      }
    }
    const own = new Map<string, number>();
    for (const name of ACCESSORS) if (Object.prototype.hasOwnProperty.call(prototype, name)) own.set(name, next++);
    slots.set(prototype, own);
    end.set(prototype, next);
    count = Math.max(count, next);
  }
  return { slots, count };
}

const LAYOUT = layOutSlots();
/** The slots of instructionMemo's values, after every accessor's. */
let memoSlots = 0;

/** The instance's slot array, made on its first cached answer. */
function slotsOf(instance: object): unknown[] {
  const holder = instance as Record<symbol, unknown[] | undefined>;
  let slots = holder[SLOTS];
  if (slots === undefined) {
    slots = new Array<unknown>(LAYOUT.count + memoSlots);
    holder[SLOTS] = slots;
  }
  return slots;
}

function memoizeMethod(prototype: Record<PropertyKey, unknown>, name: string, flagFree: boolean, slot: number): void {
  const original = prototype[name] as (this: object) => unknown;
  prototype[name] = function memoized(this: object): unknown {
    const slots = slotsOf(this);
    let value = slots[slot];
    if (value === undefined) {
      value = original.call(this);
      // While the instance is finding its flags, its arguments still include them: not kept.
      if (flagFree || flagsBeingFound !== this) slots[slot] = value === undefined ? UNDEFINED : value;
    } else if (value === UNDEFINED) {
      return undefined;
    }
    return value;
  };
}

/**
 * A value the engine derives from one instruction (COPY operands, a RUN's package commands), kept
 * in the instance's slot array like the accessors' answers: it dies with the parse, and costs no
 * WeakMap insertion (about 900 per 2,000-line lint when those caches were WeakMaps). `derive` must
 * not return undefined, and its answer must depend on the argument's instruction alone.
 */
export function instructionMemo<A, T extends object>(
  instructionOf: (arg: A) => ast.Instruction,
  derive: (arg: A) => T,
): (arg: A) => T {
  const slot = LAYOUT.count + memoSlots++;
  return (arg) => {
    const slots = slotsOf(instructionOf(arg));
    let value = slots[slot] as T | undefined;
    if (value === undefined) slots[slot] = value = derive(arg);
    return value;
  };
}

/**
 * A value the model keeps for each instruction of a parse (the stage it belongs to, its place in
 * it), in the instance's slot array: where a Map keyed by instruction grew and rehashed its table
 * for every instruction of the file.
 */
export function instructionSlot<T>(): {
  get(instruction: ast.Instruction): T | undefined;
  set(instruction: ast.Instruction, value: T): void;
} {
  const slot = LAYOUT.count + memoSlots++;
  return {
    get: (instruction) => slotsOf(instruction)[slot] as T | undefined,
    set: (instruction, value) => {
      slotsOf(instruction)[slot] = value;
    },
  };
}

// The parser builds each ADD, COPY and RUN twice: once to look for heredocs in its arguments, then
// again, over the same text, for the Dockerfile it returns (JSONInstruction's constructor scans the
// arguments and flags each time; a third of the instructions a parse built were thrown away).
// Where the second build has the same bounds as the first (no heredoc moved the end), the first
// instance is added instead. It is kept on the parser, which dies with its parse.
interface ParserInternals {
  escapeChar: string;
  /** The document of the text being parsed. */
  document: ParserDocument;
  [LAST_BUILT]?: Built;
}

// One record per parser, overwritten for each instruction it builds (a record per instruction was
// a third of what this hook cost the corpus).
interface Built {
  dockerfile: unknown;
  keyword: string;
  start: number;
  keywordEnd: number;
  end: number;
  escapeChar: string;
  instruction: ast.Instruction | undefined;
}

type CreateInstruction = (
  this: ParserInternals,
  dockerfile: unknown,
  keyword: string,
  start: number,
  keywordEnd: number,
  end: number,
) => ast.Instruction;

const LAST_BUILT = Symbol('shipshape.lastBuilt');

interface ParserDocument {
  positionAt(offset: number): { line: number; character: number };
}

type InstructionFactory = (
  document: ParserDocument,
  dockerfile: unknown,
  escapeChar: string,
  lineRange: Range,
  keyword: string,
  keywordRange: Range,
) => ast.Instruction;

// The Parser class, read once (a getter per read in the bundle, as INSTRUCTION below).
const PARSER = Parser as unknown as { createInstruction: InstructionFactory };

/**
 * Parser.prototype.createInstruction with its two ranges made as object literals: the library's
 * Range.create checks both positions of each and, in the bundle, reaches vscode-languageserver-types
 * through a module getter per call (4 % of a parse). The same positions and ranges:
 * test/unit/parser-hooks.test.ts compares whole parses with an unmodified copy of the library.
 */
function createInstruction(
  this: ParserInternals,
  dockerfile: unknown,
  keyword: string,
  start: number,
  keywordEnd: number,
  end: number,
): ast.Instruction {
  const { document } = this;
  const startPosition = document.positionAt(start);
  const keywordRange = { start: startPosition, end: document.positionAt(keywordEnd) };
  const lineRange = { start: startPosition, end: document.positionAt(end) };
  return PARSER.createInstruction(document, dockerfile, this.escapeChar, lineRange, keyword, keywordRange);
}

type ParserDirectives = (this: unknown, document: Parameters<typeof answerPositionsNearby>[0], buffer: string) => unknown;

function reusingTheHeredocProbe(original: CreateInstruction): CreateInstruction {
  return function createInstruction(dockerfile, keyword, start, keywordEnd, end) {
    const last = this[LAST_BUILT];
    if (
      last !== undefined &&
      last.instruction !== undefined &&
      last.end === end &&
      last.start === start &&
      last.keywordEnd === keywordEnd &&
      last.dockerfile === dockerfile &&
      last.keyword === keyword &&
      last.escapeChar === this.escapeChar
    ) {
      const instruction = last.instruction;
      last.instruction = undefined;
      return instruction;
    }
    const instruction = original.call(this, dockerfile, keyword, start, keywordEnd, end);
    const built = (this[LAST_BUILT] ??= { dockerfile, keyword, start, keywordEnd, end, escapeChar: '', instruction });
    built.dockerfile = dockerfile;
    built.keyword = keyword;
    built.start = start;
    built.keywordEnd = keywordEnd;
    built.end = end;
    built.escapeChar = this.escapeChar;
    built.instruction = instruction;
    return instruction;
  };
}

let installed = false;

// The model's index of the text parseDockerfileText is parsing, for the parse's document to share.
let indexForParse: TextIndex | undefined;

/** dockerfile-ast's parse of `text`, its document using `index` (of the same text) for positions. */
export function parseDockerfileText(text: string, index: TextIndex): ast.Dockerfile {
  installAstMemo();
  indexForParse = index;
  try {
    return ast.DockerfileParser.parse(text);
  } finally {
    indexForParse = undefined;
  }
}

/** dockerfile-ast's own argument scan and accessors, kept for the tests that compare ours with them. */
export const dockerfileAstRawArguments = (ast.Instruction.prototype as unknown as RawArgumentsScan).getRawArguments;
export const dockerfileAstArgumentsRange = ast.Instruction.prototype.getArgumentsRange;
export const dockerfileAstRawArgumentsContent = ast.Instruction.prototype.getRawArgumentsContent;

interface RawArgumentsScan {
  getRawArguments(this: ast.Instruction): ast.Argument[];
}

// ModifiableInstruction.getFlags reads the instance's own getArguments while it builds its flag
// list, and getArguments takes the flags found so far (none) off: the arguments it answers with
// then still include the flags. The instance doing that, if any; nothing read meanwhile is cached.
let flagsBeingFound: object | undefined;

interface FlagsInternals {
  /** dockerfile-ast's own cache of the flags, set when getFlags starts. */
  flags?: unknown[];
}

function findingFlagsOnce(original: (this: ast.ModifiableInstruction) => ast.Flag[]) {
  return function getFlags(this: ast.ModifiableInstruction): ast.Flag[] {
    if ((this as unknown as FlagsInternals).flags !== undefined || flagsBeingFound === this) return original.call(this);
    const outer = flagsBeingFound;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- remembers which instance is finding its flags; never called through
    flagsBeingFound = this;
    try {
      return original.call(this);
    } finally {
      flagsBeingFound = outer;
    }
  };
}

// Instruction's prototype, read once: in the bundle each read of an export of the CommonJS
// dockerfile-ast goes through a getter, and this one was read per instruction (getter calls were
// almost 1 % of a parse). Its getArguments is read at each call: installAstMemo caches it.
const INSTRUCTION = ast.Instruction.prototype;

/**
 * ModifiableInstruction.getArguments (the arguments after the flags), taking the flags off with
 * slice where the original shifts them off the array `super` returns: that array is the cached,
 * shared one.
 */
function argumentsAfterFlags(this: ast.ModifiableInstruction): ast.Argument[] {
  const args = INSTRUCTION.getArguments.call(this);
  const flags = this.getFlags();
  return flags.length === 0 ? args : args.slice(flags.length);
}

/** Installs the caches on dockerfile-ast's instruction classes (once per process). */
/**
 * dockerfile-ast 0.7's getHeredocs throws on some instructions with no heredoc at all (`RUN a \`,
 * then a line starting `\#`: its scan ends up reading a heredoc definition that does not exist),
 * and each rule that asked failed on the file. Such an instruction has no heredoc to give.
 */
function guardHeredocs(): void {
  const prototype = ast.Instruction.prototype as unknown as { getHeredocs(this: ast.Instruction): ast.Heredoc[] };
  const original = prototype.getHeredocs;
  prototype.getHeredocs = function getHeredocs(this: ast.Instruction): ast.Heredoc[] {
    try {
      return original.call(this);
    } catch (error) {
      if (error instanceof TypeError) return [];
      throw error;
    }
  };
}

export function installAstMemo(): void {
  if (installed) return;
  installed = true;
  (ast.Instruction.prototype as unknown as RawArgumentsScan).getRawArguments = rawArguments;
  ast.Instruction.prototype.getArgumentsRange = argumentsRange;
  ast.Instruction.prototype.getRawArgumentsContent = rawArgumentsContent;
  const parser = Parser.prototype as unknown as { createInstruction: CreateInstruction; getParserDirectives: ParserDirectives };
  parser.createInstruction = reusingTheHeredocProbe(createInstruction);
  // The first thing a parse does with the document it has just made.
  const directives = parser.getParserDirectives;
  parser.getParserDirectives = function getParserDirectives(document, buffer) {
    answerPositionsNearby(document, indexForParse);
    return directives.call(this, document, buffer);
  };
  installPropertyValue();
  installOrganizeComments();
  installInstructionKeyword();
  installByteOrderMark();
  guardHeredocs();
  ast.ModifiableInstruction.prototype.getArguments = argumentsAfterFlags;
  ast.ModifiableInstruction.prototype.getFlags = findingFlagsOnce(ast.ModifiableInstruction.prototype.getFlags);
  for (const [prototype, own] of LAYOUT.slots)
    for (const [name, slot] of own)
      memoizeMethod(
        prototype as Record<PropertyKey, unknown>,
        name,
        prototype === ast.Instruction.prototype && FLAG_FREE.has(name),
        slot,
      );
}
