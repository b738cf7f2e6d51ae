// Which stages' files end up in a built image. Image-size rules (package caches, recommended
// packages) only matter there: a builder stage whose binaries are picked out with
// `COPY --from=build /out/app /app` leaves its caches behind in the build cache.
import type { Instruction } from 'dockerfile-ast';
import { copyOperands } from './copy-operands';
import { flagValue, flagsOf, unquoteFlagValue } from './instruction-args';
import { stageNamed, type DockerfileModel, type Stage } from './model';
import { isWholeFilesystem } from './paths';

interface StageGraph {
  /** Stages another stage builds FROM or reads files from. */
  used: Set<Stage>;
  /** stage -> the stages it copies in whole. */
  copiedWhole: Map<Stage, Stage[]>;
  /** stage -> the stages it reads files from (`COPY --from`, `RUN --mount=from=`), whole or not. */
  reads: Map<Stage, Stage[]>;
}

const graphs = new WeakMap<DockerfileModel, StageGraph>();
const finalCache = new WeakMap<DockerfileModel, Set<Stage>>();
const anyCache = new WeakMap<DockerfileModel, Set<Stage>>();
const buildCache = new WeakMap<DockerfileModel, Set<Stage>>();

/**
 * The stages whose files are in the image a plain `docker build` produces: the final stage, the
 * stages it builds FROM, and any stage copied into one of those whole (`COPY --from=build / /`).
 */
export function stagesInFinalImage(model: DockerfileModel): Set<Stage> {
  let stages = finalCache.get(model);
  if (!stages) {
    stages = closure(model, model.finalStage ? [model.finalStage] : []);
    finalCache.set(model, stages);
  }
  return stages;
}

/**
 * `stagesInFinalImage` plus the images of stages nothing else uses: BuildKit only builds such a
 * stage for `docker build --target <it>`, which makes it that build's image (dev and test
 * variants). What is left out is a build stage that only feeds others through `COPY --from` or
 * `RUN --mount=from=`.
 */
export function stagesInAnyImage(model: DockerfileModel): Set<Stage> {
  let stages = anyCache.get(model);
  if (!stages) {
    const { used } = graphOf(model);
    stages = closure(
      model,
      model.stages.filter((stage) => stage === model.finalStage || !used.has(stage)),
    );
    anyCache.set(model, stages);
  }
  return stages;
}

/**
 * Stages a plain `docker build` runs: the final stage and, transitively, the stages it builds
 * FROM, copies from (`COPY --from`) or mounts (`RUN --mount=from=`). BuildKit skips the others
 * unless `--target` names them, so their base images never reach the build.
 */
export function stagesInBuild(model: DockerfileModel): Set<Stage> {
  let stages = buildCache.get(model);
  if (!stages) {
    stages = closure(model, model.finalStage ? [model.finalStage] : [], graphOf(model).reads);
    buildCache.set(model, stages);
  }
  return stages;
}

function closure(model: DockerfileModel, roots: Stage[], follow = graphOf(model).copiedWhole): Set<Stage> {
  const reached = new Set<Stage>();
  const pending = [...roots];
  for (let stage = pending.pop(); stage; stage = pending.pop()) {
    if (reached.has(stage)) continue;
    reached.add(stage);
    if (stage.parent) pending.push(stage.parent);
    for (const source of follow.get(stage) ?? []) pending.push(source);
  }
  return reached;
}

function graphOf(model: DockerfileModel): StageGraph {
  let graph = graphs.get(model);
  if (graph) return graph;
  graph = { used: new Set(), copiedWhole: new Map(), reads: new Map() };
  for (const stage of model.stages) {
    if (stage.parent) graph.used.add(stage.parent);
    const { instructions } = stage;
    for (let i = 0; i < instructions.length; i++) {
      for (const { source, whole } of stagesReadBy(model, instructions[i]!)) {
        graph.used.add(source);
        const read = graph.reads.get(stage);
        if (read) read.push(source);
        else graph.reads.set(stage, [source]);
        if (!whole) continue;
        const sources = graph.copiedWhole.get(stage);
        if (sources) sources.push(source);
        else graph.copiedWhole.set(stage, [source]);
      }
    }
  }
  graphs.set(model, graph);
  return graph;
}

interface StageRead {
  source: Stage;
  whole: boolean;
}

// Most instructions read no stage: one shared empty answer rather than an array per instruction.
const NO_READS: readonly StageRead[] = Object.freeze([]);

/** Stages an instruction reads files from, and whether it takes the whole filesystem. */
function stagesReadBy(model: DockerfileModel, instruction: Instruction): readonly StageRead[] {
  const keyword = instruction.getKeyword();
  if (keyword === 'COPY') {
    const from = flagValue(instruction, 'from');
    const source = from ? stageNamed(model, from) : undefined;
    if (!source) return NO_READS;
    return [{ source, whole: copyOperands(instruction).sources.some((s) => isWholeFilesystem(s.value)) }];
  }
  if (keyword !== 'RUN') return NO_READS;
  const flags = flagsOf(instruction);
  let read: StageRead[] | undefined;
  for (let i = 0; i < flags.length; i++) {
    const mount = flags[i]!;
    if (mount.getName().toLowerCase() !== 'mount') continue;
    for (const field of unquoteFlagValue(mount.getValue() ?? '').split(',')) {
      const [key, value] = field.split('=', 2).map((part) => part.trim());
      const source = key?.toLowerCase() === 'from' && value ? stageNamed(model, value) : undefined;
      if (source) (read ??= []).push({ source, whole: false });
    }
  }
  return read ?? NO_READS;
}
