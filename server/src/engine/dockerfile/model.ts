import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { parseImageRef, type ImageRef } from '../image-ref';
import { expandVariables, type Expansion } from '../interpolate';
import { TextIndex } from '../text';
import { installAstMemo } from './ast-memo';
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
  finalStage?: Stage;
  /** Expands `$VAR`/`${VAR:-x}` in a stage at an instruction, from ARG and ENV values in scope. */
  expandInStage(stage: Stage, text: string, before: Instruction): Expansion;
}

export function parseDockerfile(text: string): DockerfileModel {
  installAstMemo();
  const ast = DockerfileParser.parse(text);
  const index = new TextIndex(text);
  const escapeChar = ast.getEscapeCharacter();
  const instructions = ast.getInstructions();
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const aliases = new Map<string, Stage>();

  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stages.push(buildStage(instruction as From, stages.length, globalArgs, aliases, escapeChar));
      const stage = stages[stages.length - 1]!;
      if (stage.alias && !aliases.has(stage.alias)) aliases.set(stage.alias, stage);
    } else if (stages.length === 0) {
      if (keyword === 'ARG') {
        for (const property of (instruction as unknown as ArgLike).getProperties()) {
          globalArgs.set(property.getName(), property.getValue() ?? undefined);
        }
      }
    } else {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }

  const expandInStage = (stage: Stage, value: string, before: Instruction): Expansion => {
    const vars = stageVariables(stage, before, globalArgs);
    return expandVariables(value, (name) => vars.get(name), { escapeChar });
  };

  const model: DockerfileModel = { text, index, ast, escapeChar, instructions, globalArgs, stages, expandInStage };
  if (stages.length > 0) model.finalStage = stages[stages.length - 1]!;
  return model;
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
  const stage: Stage = { index, from, isScratch: false, instructions: [] };
  const alias = from.getBuildStage();
  if (alias) stage.alias = alias.toLowerCase();
  const imageText = from.getImage();
  const imageRange = from.getImageRange();
  if (!imageText || !imageRange) return stage;
  stage.imageText = imageText;
  stage.imageRange = imageRange;
  // FROM sees only the ARGs declared before the first FROM (their defaults; build args are unknown).
  stage.image = expandVariables(imageText, (name) => globalArgs.get(name), { escapeChar });
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

/** ARG and ENV values in scope just before `before`, inheriting ENV from parent stages. */
function stageVariables(stage: Stage, before: Instruction, globalArgs: Map<string, string | undefined>): Map<string, string> {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.unshift(s);
  const vars = new Map<string, string>();
  for (const current of chain) {
    const isOwn = current === stage;
    for (const instruction of current.instructions) {
      if (isOwn && instruction === before) break;
      const keyword = instruction.getKeyword();
      // ARG values do not cross FROM; ENV values do, through the parent stage's image.
      if (keyword !== 'ENV' && !(keyword === 'ARG' && isOwn)) continue;
      for (const property of (instruction as unknown as ArgLike).getProperties()) {
        const name = property.getName();
        const raw = property.getValue();
        if (keyword === 'ARG' && raw === null) {
          // `ARG NAME` inside a stage re-imports the global default, if any.
          const inherited = globalArgs.get(name);
          if (inherited !== undefined) vars.set(name, inherited);
          else vars.delete(name);
          continue;
        }
        const expanded = expandVariables(raw ?? '', (n) => vars.get(n));
        if (expanded.unresolved) vars.delete(name);
        else vars.set(name, expanded.value);
      }
    }
  }
  return vars;
}

/** The user a USER value selects, without the group: `app:app` -> `app`. */
export function userPart(value: string): string {
  const colon = value.indexOf(':');
  return (colon === -1 ? value : value.slice(0, colon)).trim();
}

export function isRootUser(value: string): boolean {
  const user = userPart(value);
  return user === 'root' || /^0+$/.test(user);
}
