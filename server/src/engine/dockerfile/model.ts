import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { parseImageRef, type ImageRef } from '../image-ref';
import { isWindowsImage } from '../image-trust';
import { expandVariables, type Expansion } from '../interpolate';
import { TextIndex } from '../text';
import { installAstMemo, parseDockerfileText } from './ast-memo';
import { placeInStage, placeInStageAt, stageOf } from './stage-place';
import { ScopeMap } from './scope-map';
import { truncate } from '../quote';
import { unquoteWord } from './quoted-word';
import { readRunScripts, type RunScript, type RunScripts } from './run-script';
import { shellsInForce, type ShellInForce, type ShellsInForce } from './shell-in-force';
import { readBuildContext, type BuildContext, type ContextReader } from './build-context';
import { workdirsInForce, type Workdir, type WorkdirsInForce, type WorkdirValue } from './workdir';
import type { Range } from '../types';

export interface Stage {
  index: number;
  from: From;
  /** `AS name`, lower-cased as BuildKit compares stage names. */
  alias?: string;
  /** The image text as written, and where. */
  imageText?: string;
  imageRange?: Range;
  /** The image after expanding global ARG defaults. */
  image?: Expansion;
  /** Set when the image resolved to a registry reference (not a stage, not scratch). */
  ref?: ImageRef;
  /** The earlier stage this one builds on (`FROM <alias>`), whose filesystem and USER it inherits. */
  parent?: Stage;
  /**
   * The root of this stage's `FROM <stage>` chain: the stage naming the external image (or scratch,
   * or an image left unresolved) that this one ultimately derives from; itself when it has no parent.
   */
  base: Stage;
  /** Whether the base image is a Windows container image (no root, no UIDs, cmd as the default shell). */
  isWindows: boolean;
  isScratch: boolean;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  text: string;
  index: TextIndex;
  ast: Dockerfile;
  escapeChar: string;
  /** Every instruction in order, including ARGs before the first FROM. */
  instructions: Instruction[];
  /** ARGs declared before the first FROM: name -> default (undefined when declared without one). */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  /** Stages by `AS` name (lower-cased); the first of two stages with one name wins, as in BuildKit. */
  stageAliases: ReadonlyMap<string, Stage>;
  finalStage?: Stage;
  /** Set when the parser failed on the text: the model is then empty, and syntax-error says why. */
  problems: { message: string; range: Range }[];
  /**
   * The instructions of `stage` (of the whole file when undefined) with one of `keywords`, in order.
   * Each list's keywords are read once per model, not once per rule that looks for an instruction.
   */
  instructionsNamed(stage: Stage | undefined, ...keywords: string[]): readonly Instruction[];
  /** Expands `$VAR`/`${VAR:-x}` in a stage at an instruction, from ARG and ENV values in scope. */
  expandInStage(stage: Stage, text: string, before: Instruction): Expansion;
  /** Every RUN of every stage in file order, its shell script parsed (on first use, once per model). */
  readonly runScripts: readonly RunScript[];
  /** The RUNs of one stage, in order. */
  runScriptsOf(stage: Stage): readonly RunScript[];
  /** The SHELL a shell-form command at `instruction` of `stage` runs under. */
  shellAt(stage: Stage, instruction: Instruction): ShellInForce;
  /** The working directory in force just before `instruction` of `stage` (for a WORKDIR: the one it is relative to). */
  workdirAt(stage: Stage, instruction: Instruction): Workdir;
  /** The path a WORKDIR instruction names, expanded as BuildKit does; undefined for other instructions. */
  workdirValue(instruction: Instruction): WorkdirValue | undefined;
  /** The files the build sends beside the Dockerfile (.dockerignore, copied configs and scripts), read once, on first use. */
  readonly buildContext: BuildContext;
}

/** Where a Dockerfile's build context can be read from: the lint's reader and the Dockerfile's name. */
export interface DockerfileSource {
  readFile: ContextReader;
  /** The Dockerfile's base name: BuildKit looks for `<name>.dockerignore` first. */
  fileName?: string;
}

/**
 * The stage and the stages it builds on through `FROM <stage>`, nearest first: the last is
 * `stage.base`. What a stage inherits (USER, WORKDIR, ENV, HEALTHCHECK, files) is found along it.
 * Lazy, so a question answered near the stage does not pay for a chain thousands of stages long.
 */
export function* lineage(stage: Stage): Generator<Stage, void, undefined> {
  for (let current: Stage | undefined = stage; current; current = current.parent) yield current;
}

/** Parses a Dockerfile. Without `source` (a hover, a Compose service's Dockerfile) its build context is unknown. */
export function parseDockerfile(text: string, source?: DockerfileSource): DockerfileModel {
  installAstMemo();
  const index = new TextIndex(text);
  const problems: { message: string; range: Range }[] = [];
  let ast: Dockerfile;
  try {
    ast = parseDockerfileText(text, index);
  } catch (error) {
    // A file the parser cannot read is a finding (syntax-error), never a lint that throws.
    ast = DockerfileParser.parse('');
    problems.push({
      message: `The Dockerfile parser gave up on this file, so nothing in it was checked: ${truncate(error instanceof Error ? error.message : String(error))}`,
      range: index.range(0, Math.min(1, text.length)),
    });
  }
  const escapeChar = ast.getEscapeCharacter();
  const instructions = withOnbuildTriggers(ast.getInstructions());
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const aliases = new Map<string, Stage>();

  // Indexed loops here and below: a for-of over an array the model walks once per lint ran before
  // V8 had optimised it, making an iterator result per instruction.
  for (let i = 0; i < instructions.length; i++) {
    const instruction = instructions[i]!;
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stages.push(buildStage(instruction as From, stages.length, globalArgs, aliases, escapeChar));
      const stage = stages[stages.length - 1]!;
      if (stage.alias && !aliases.has(stage.alias)) aliases.set(stage.alias, stage);
    } else if (stages.length === 0) {
      if (keyword === 'ARG' && !onbuildTriggers.has(instruction)) {
        for (const property of (instruction as unknown as ArgLike).getProperties()) {
          // A default may use earlier global ARGs (`ARG IMAGE=$REGISTRY/app`), expanded as BuildKit
          // does; one with an unknown variable stays as written.
          const value = property.getValue() ?? undefined;
          const expanded =
            value === undefined ? undefined : expandVariables(value, (name) => globalArgs.get(name), { escapeChar });
          globalArgs.set(property.getName(), expanded && !expanded.unresolved ? expanded.value : value);
        }
      }
    } else if (!onbuildTriggers.has(instruction) || STAGE_TRIGGERS.has(keyword)) {
      if (!(keyword === 'COPY' && onbuildTriggers.has(instruction) && hasFromFlag(instruction))) {
        const stage = stages[stages.length - 1]!;
        placeInStageAt(instruction, stage, stage.instructions.length);
        stage.instructions.push(instruction);
      }
    }
  }

  const scopes = new WeakMap<Stage, StageScope>();
  const expandInStage = (stage: Stage, value: string, before: Instruction): Expansion => {
    const vars = stageVariables(stage, before, globalArgs, scopes);
    return expandVariables(value, (name) => vars.get(name), { escapeChar });
  };

  return new ParsedDockerfile(
    text,
    index,
    ast,
    escapeChar,
    instructions,
    globalArgs,
    stages,
    aliases,
    problems,
    expandInStage,
    source,
  );
}

/**
 * A parsed Dockerfile. A class rather than an object literal because of the one lazy property:
 * V8 makes an object literal with a getter in the runtime, in old space, and a dead model there
 * kept all it points to (syntax tree, scopes, RUN scripts) alive through every young-generation
 * collection until the next full one. Linting a one-line Dockerfile over and over promoted 4.4 MB
 * per scavenge that way; the getter on the prototype promotes next to nothing.
 */
class ParsedDockerfile implements DockerfileModel {
  finalStage?: Stage;
  readonly stageAliases: ReadonlyMap<string, Stage>;
  readonly buildContext: BuildContext;
  // Most lints never ask for these (a Compose file's build, a hover): worked out on first use.
  private runs: RunScripts | undefined;
  private shells: ShellsInForce | undefined;
  private workdirs: WorkdirsInForce | undefined;
  private named: Map<Stage | undefined, NamedInstructions> | undefined;

  constructor(
    readonly text: string,
    readonly index: TextIndex,
    readonly ast: Dockerfile,
    readonly escapeChar: string,
    readonly instructions: Instruction[],
    readonly globalArgs: Map<string, string | undefined>,
    readonly stages: Stage[],
    aliases: ReadonlyMap<string, Stage>,
    readonly problems: { message: string; range: Range }[],
    readonly expandInStage: (stage: Stage, text: string, before: Instruction) => Expansion,
    source: DockerfileSource | undefined,
  ) {
    this.stageAliases = aliases;
    this.buildContext = readBuildContext(source?.readFile, source?.fileName);
    if (stages.length > 0) this.finalStage = stages[stages.length - 1]!;
  }

  instructionsNamed(stage: Stage | undefined, ...keywords: string[]): readonly Instruction[] {
    this.named ??= new Map();
    let named = this.named.get(stage);
    if (named === undefined) {
      named = { instructions: stage ? stage.instructions : this.instructions, bits: undefined, lists: new Map() };
      this.named.set(stage, named);
    }
    const key = listKey(keywords);
    let list = named.lists.get(key);
    if (list === undefined) {
      // One array per list asked for: an index of positions per keyword cost more than it saved on
      // the many small files (an array per keyword, a set and three arrays per list). Each list is
      // copied out of one reused array at its length (most lists of a small file are empty, or
      // hold one or two).
      const { instructions } = named;
      let count = 0;
      if (typeof key === 'number') {
        // Each instruction's keyword read once per list of instructions, not once per list asked
        // for: a dozen lists each read every keyword through the accessor cache (2 % of a
        // 10,000-line lint).
        const bits = (named.bits ??= keywordBits(instructions));
        for (let i = 0; i < instructions.length; i++) if ((bits[i]! & key) !== 0) matching[count++] = instructions[i]!;
      } else {
        for (let i = 0; i < instructions.length; i++)
          if (keywords.includes(instructions[i]!.getKeyword())) matching[count++] = instructions[i]!;
      }
      list = count === 0 ? NO_INSTRUCTIONS : matching.slice(0, count);
      matching.fill(undefined as unknown as Instruction, 0, count);
      named.lists.set(key, list);
    }
    return list;
  }

  get runScripts(): readonly RunScript[] {
    return (this.runs ??= readRunScripts(this)).all;
  }

  // Arrow functions, as the literal had: callers may pass these around without the model.
  readonly runScriptsOf = (stage: Stage): readonly RunScript[] =>
    (this.runs ??= readRunScripts(this)).byStage.get(stage) ?? NO_RUNS;
  readonly shellAt = (stage: Stage, instruction: Instruction): ShellInForce =>
    (this.shells ??= shellsInForce(this.stages)).at(stage, instruction);
  readonly workdirAt = (stage: Stage, instruction: Instruction): Workdir =>
    (this.workdirs ??= workdirsInForce(this)).at(stage, instruction);
  readonly workdirValue = (instruction: Instruction): WorkdirValue | undefined =>
    (this.workdirs ??= workdirsInForce(this)).valueOf(instruction);
}

/** One list of instructions and its sublists by the keyword(s) asked for (listKey). */
interface NamedInstructions {
  instructions: readonly Instruction[];
  /** Each instruction's bit in KEYWORD_BITS (0 for another keyword), made for the first list asked for by bits. */
  bits: Int32Array | undefined;
  lists: Map<string | number, readonly Instruction[]>;
}

function keywordBits(instructions: readonly Instruction[]): Int32Array {
  const bits = new Int32Array(instructions.length);
  for (let i = 0; i < instructions.length; i++) bits[i] = KEYWORD_BITS.get(instructions[i]!.getKeyword()) ?? 0;
  return bits;
}

const KEYWORD_BITS: ReadonlyMap<string, number> = new Map(
  'FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'
    .split(' ')
    .map((keyword, bit) => [keyword, 1 << bit]),
);
const NO_INSTRUCTIONS: readonly Instruction[] = Object.freeze([]);
const matching: Instruction[] = [];

/**
 * The key of the list of instructions with one of `keywords`: for instruction keywords a bit set,
 * which names the same list in any order and makes no string per question (a joined key did for
 * every question about two keywords); the keywords joined otherwise.
 */
function listKey(keywords: readonly string[]): string | number {
  let bits = 0;
  for (let i = 0; i < keywords.length; i++) {
    const bit = KEYWORD_BITS.get(keywords[i]!);
    if (bit === undefined) return keywords.length === 1 ? keywords[0]! : keywords.join(' ');
    bits |= bit;
  }
  return bits;
}

// ONBUILD <instruction> runs in every image built FROM this one as if written there (Dockerfile
// reference, ONBUILD), so the instruction it carries is checked like the same instruction written
// directly, at its own position: `ONBUILD RUN wget -qO- https://x/setup.sh | sh` is pipe-to-shell.
// It follows its ONBUILD in `instructions` (rules reading instruction text: ENV secrets, --chmod,
// syntax), and RUN, ADD and COPY triggers also join their stage's instructions (RUN analysis,
// ADD/COPY rules). Triggers that set or read this stage's state (USER, CMD, WORKDIR, ENV/ARG scope,
// SHELL, HEALTHCHECK, COPY --from=<stage>) stay out of the stage: they describe the child's build.
const onbuildTriggers = new WeakSet<Instruction>();
const NO_RUNS: readonly RunScript[] = [];
const STAGE_TRIGGERS = new Set(['RUN', 'ADD', 'COPY']);

/** Whether the instruction is the one an ONBUILD carries. */
export function isOnbuildTrigger(instruction: Instruction): boolean {
  return onbuildTriggers.has(instruction);
}

function withOnbuildTriggers(instructions: Instruction[]): Instruction[] {
  if (!instructions.some((instruction) => instruction.getKeyword() === 'ONBUILD')) return instructions;
  const result: Instruction[] = [];
  for (const instruction of instructions) {
    result.push(instruction);
    if (instruction.getKeyword() !== 'ONBUILD') continue;
    const trigger = (instruction as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
    // ONBUILD ONBUILD and ONBUILD FROM are not allowed (syntax-error reports the ONBUILD itself).
    if (!trigger || ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.getKeyword())) continue;
    onbuildTriggers.add(trigger);
    result.push(trigger);
  }
  return result;
}

function hasFromFlag(instruction: Instruction): boolean {
  const flags = (instruction as unknown as { getFlags?: () => { getName(): string }[] }).getFlags?.() ?? [];
  return flags.some((flag) => flag.getName().toLowerCase() === 'from');
}

interface PropertyLike {
  getName(): string;
  getValue(): string | null;
}
interface ArgLike {
  getProperties(): PropertyLike[];
}

function buildStage(
  from: From,
  index: number,
  globalArgs: Map<string, string | undefined>,
  aliases: Map<string, Stage>,
  escapeChar: string,
): Stage {
  const stage = readImage(from, index, globalArgs, aliases, escapeChar);
  const { parent } = stage;
  stage.isWindows = parent
    ? parent.isWindows
    : [stage.image?.value, stage.imageText].some((text) => text !== undefined && isWindowsImage(text));
  // A parent always comes earlier in the file and has its base already: no chain is walked here.
  stage.base = parent ? parent.base : (stage as Stage);
  return stage as Stage;
}

/** A stage whose derived facts (`base`, `isWindows`) buildStage has yet to fill in. */
type StageHead = Omit<Stage, 'base' | 'isWindows'> & { base?: Stage; isWindows?: boolean };

function readImage(
  from: From,
  index: number,
  globalArgs: Map<string, string | undefined>,
  aliases: Map<string, Stage>,
  escapeChar: string,
): StageHead {
  const stage: StageHead = { index, from, isScratch: false, instructions: [] };
  const alias = from.getBuildStage();
  if (alias) stage.alias = alias.toLowerCase();
  const imageText = from.getImage();
  const imageRange = from.getImageRange();
  if (!imageText || !imageRange) return stage;
  stage.imageText = imageText;
  stage.imageRange = imageRange;
  const word = unquoteWord(imageText, imageRange, escapeChar);
  // FROM sees only the ARGs declared before the first FROM (their defaults; build args are unknown);
  // single quotes expand nothing, as in the shell.
  stage.image =
    word.quote === "'"
      ? { value: word.text, unresolved: false }
      : expandVariables(word.text, (name) => globalArgs.get(name), { escapeChar });
  if (stage.image.unresolved) return stage;
  const resolved = stage.image.value.trim();
  const parent = aliases.get(resolved.toLowerCase());
  if (parent) {
    stage.parent = parent;
    return stage;
  }
  if (resolved.toLowerCase() === 'scratch') {
    stage.isScratch = true;
    return stage;
  }
  const ref = parseImageRef(resolved);
  if (ref) stage.ref = ref;
  return stage;
}

interface StageScope {
  /** The variables in scope before each instruction of the stage, in order; instructions between two ENV/ARGs share one version. */
  before: ScopeMap[];
  /** After the whole stage: what a `FROM <this stage>` child would see, ENV only. */
  envAtEnd: ScopeMap;
  /** After the whole stage, ARG included (for an instruction not in the stage). */
  atEnd: ScopeMap;
}

/**
 * ARG and ENV values in scope just before `before`, inheriting ENV from parent stages. Rules ask
 * for this at most instructions of a stage; each stage is walked once, not once per question.
 */
function stageVariables(
  stage: Stage,
  before: Instruction,
  globalArgs: Map<string, string | undefined>,
  scopes: WeakMap<Stage, StageScope>,
): ScopeMap {
  const scope = stageScope(stage, globalArgs, scopes);
  return stageOf(before) === stage ? scope.before[placeInStage(before)]! : scope.atEnd;
}

function stageScope(stage: Stage, globalArgs: Map<string, string | undefined>, scopes: WeakMap<Stage, StageScope>): StageScope {
  const cached = scopes.get(stage);
  if (cached) return cached;
  // A stage inherits its parent's ENV. Parents always come earlier in the file, so the chain is
  // finite; it can still be thousands of stages long, so the uncached ancestors are collected
  // first and built oldest first, without recursion.
  const chain: Stage[] = [];
  const collected = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !scopes.has(s) && !collected.has(s); s = s.parent) {
    chain.push(s);
    collected.add(s);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const current = chain[i]!;
    const inherited = (current.parent && scopes.get(current.parent)?.envAtEnd) ?? ScopeMap.EMPTY;
    scopes.set(current, buildScope(current, inherited, globalArgs));
  }
  return scopes.get(stage)!;
}

function buildScope(stage: Stage, inherited: ScopeMap, globalArgs: Map<string, string | undefined>): StageScope {
  // Each ENV or ARG makes a new version of the persistent maps; the versions share structure.
  let vars = inherited;
  let env = inherited;
  // What a value is expanded against. An ENV's values all see the variables as they were before
  // the instruction (Docker: `ENV abc=bye def=$abc` gives def the earlier abc); each ARG value still
  // sees the ones before it (BuildKit expands ARGs as it dispatches them, moby/buildkit#5156; not
  // checked against a build). One lookup each for the whole stage, reading the version current
  // when expandVariables calls it (before it returns).
  let lookupVars = vars;
  let lookupEnv = env;
  const fromVars = (name: string) => lookupVars.get(name);
  const fromEnv = (name: string) => lookupEnv.get(name);
  const { instructions } = stage;
  const before = new Array<ScopeMap>(instructions.length);
  for (let i = 0; i < instructions.length; i++) {
    const instruction = instructions[i]!;
    before[i] = vars;
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    lookupVars = vars;
    lookupEnv = env;
    for (const property of (instruction as unknown as ArgLike).getProperties()) {
      if (keyword === 'ARG') {
        lookupVars = vars;
        lookupEnv = env;
      }
      const name = property.getName();
      const raw = property.getValue();
      if (keyword === 'ARG' && raw === null) {
        // `ARG NAME` inside a stage re-imports the global default, if any.
        const global = globalArgs.get(name);
        vars = global !== undefined ? vars.set(name, global) : vars.delete(name);
        continue;
      }
      const shared = vars === env;
      const expanded = expandVariables(raw ?? '', fromVars);
      vars = expanded.unresolved ? vars.delete(name) : vars.set(name, expanded.value);
      // ARG values do not cross FROM; ENV values do, through the parent stage's image. Until the
      // stage declares an ARG both maps are the same version, and an ENV keeps them so.
      if (keyword === 'ENV' && shared) env = vars;
      else if (keyword === 'ENV') {
        const inEnv = expandVariables(raw ?? '', fromEnv);
        env = inEnv.unresolved ? env.delete(name) : env.set(name, inEnv.value);
      }
    }
  }
  return { before, envAtEnd: env, atEnd: vars };
}

/** The stage a `--from` value names: an `AS` name (case-insensitive) or a 0-based stage index. */
export function stageNamed(model: DockerfileModel, name: string): Stage | undefined {
  const key = name.toLowerCase();
  return /^\d+$/.test(key) ? model.stages[Number(key)] : model.stageAliases.get(key);
}

export { isRootUser, userPart } from './user-value';
