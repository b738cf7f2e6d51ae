import type { Instruction } from 'dockerfile-ast';
import { copyOperands } from '../dockerfile/copy-operands';
import { LEAKY } from '../dockerfile/dockerignore';
import { flag, flagValue } from '../dockerfile/instruction-args';
import { stageNamed, type DockerfileModel, type Stage } from '../dockerfile/model';
import { cleanAbsolutePath, isWholeFilesystem, trimTrailingSlashes, unquote } from '../dockerfile/paths';
import { stagesInAnyImage } from '../dockerfile/shipped-stages';
import { defineRule } from '../rule';

/** What the build context's ignore file leaves in. */
function leakedPaths(model: DockerfileModel): { file?: string; leaked: readonly string[] } {
  const ignoreFile = model.buildContext.dockerignore;
  return ignoreFile ? { file: ignoreFile.name, leaked: ignoreFile.leaked } : { leaked: LEAKY };
}

/**
 * Where a COPY puts a relative destination: joined to the WORKDIR in force, a variable with no
 * value kept as written (`$GOPATH/src`). The base image's own directory is taken to be `/`.
 * Undefined when the directory is not known at all.
 */
function absoluteDestination(model: DockerfileModel, stage: Stage, copy: Instruction, destination: string): string | undefined {
  const expanded = model.expandInStage(stage, destination, copy);
  const value = expanded.unresolved ? destination : expanded.value;
  if (value.startsWith('/') || value.startsWith('$')) return value;
  const workdir = model.workdirAt(stage, copy);
  if (workdir.partial === undefined) return undefined;
  const dir = workdir.partial.startsWith('/') || workdir.partial.startsWith('$') ? workdir.partial : `/${workdir.partial}`;
  return `${dir}/${value}`;
}

/** `/go/src` is `${GOPATH}/src/app` or a folder above it when a tail of it is a head of the known part. */
function mayContain(source: string, knownTail: string): boolean {
  const sourceParts = source.split('/').filter(Boolean);
  const tailParts = knownTail.split('/').filter(Boolean);
  for (let n = Math.min(sourceParts.length, tailParts.length); n > 0; n--) {
    if (sourceParts.slice(-n).join('/') === tailParts.slice(0, n).join('/')) return true;
  }
  return false;
}

/**
 * Whether what a build stage copies from the context can reach an image. A stage an image is
 * made of ships it; a build stage only does when a later `COPY --from=<it>` takes the folder the
 * context went to (or one above it, or `/`): `COPY --from=build /src/dist /app` leaves `.git` behind
 * in the build cache, `COPY --from=build /src /app` ships it. An unknown destination counts as shipped.
 */
interface CopyFrom {
  stage: Stage;
  instruction: Instruction;
}

/** Every `COPY --from=<stage>` by the stage it copies from, found in one pass (not per COPY). */
function copiesFromStages(model: DockerfileModel): Map<Stage, CopyFrom[]> {
  const byStage = new Map<Stage, CopyFrom[]>();
  for (const other of model.stages) {
    for (const instruction of model.instructionsNamed(other, 'COPY')) {
      const from = flagValue(instruction, 'from');
      const source = from ? stageNamed(model, from) : undefined;
      if (!source) continue;
      const list = byStage.get(source);
      if (list) list.push({ stage: other, instruction });
      else byStage.set(source, [{ stage: other, instruction }]);
    }
  }
  return byStage;
}

function contextCopyShips(
  model: DockerfileModel,
  copiesFrom: () => Map<Stage, CopyFrom[]>,
  stage: Stage,
  copy: Instruction,
  destination: string | undefined,
): boolean {
  if (stagesInAnyImage(model).has(stage)) return true;
  if (destination === undefined) return true;
  const absolute = absoluteDestination(model, stage, copy, unquote(destination));
  if (absolute === undefined) return true;
  const target = cleanAbsolutePath(trimTrailingSlashes(absolute));
  const variable = target.lastIndexOf('$');
  // `${GOPATH}/src/app`: only the part after the last variable is known.
  const knownTail =
    variable === -1
      ? undefined
      : target.slice(target.indexOf('/', variable) === -1 ? target.length : target.indexOf('/', variable));
  for (const { stage: other, instruction } of copiesFrom().get(stage) ?? []) {
    for (const source of copyOperands(instruction).sources) {
      const value = unquote(source.value);
      if (isWholeFilesystem(value)) return true;
      const path = cleanAbsolutePath(model.expandInStage(other, value, instruction).value);
      if (path === '/' || path.includes('$') || path.includes('*')) return true;
      if (knownTail === undefined) {
        if (path === '/' || target === path || target.startsWith(`${path}/`)) return true;
      } else if (knownTail === '' || mayContain(path, knownTail)) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'copy-build-context',
  title: 'Whole build context copied without a .dockerignore',
  category: 'security',
  severity: 'info',
  refs: { cwe: 'CWE-538' },
  docs: {
    why: "`COPY . .` copies everything the build context holds. Without a .dockerignore that excludes them, the `.git` folder (full history, sometimes credentials in remotes) and `.env` files (secrets) end up in the image. Shipshape assumes the build context is the Dockerfile's folder and reads `<Dockerfile name>.dockerignore` (e.g. `api.Dockerfile.dockerignore`) or else `.dockerignore` there, as BuildKit does; a build whose context is another folder (Compose `build.context`, `docker build -f`) may see a different ignore file. Patterns are evaluated with Docker's path cleaning (`./.git`, `/.git` and `.git/` all exclude `.git`) and `!` exceptions. A build stage whose files reach the image only through `COPY --from` is reported only when such a copy takes the folder the context went to (or one above it).",
    bad: 'COPY . /app   # with no .dockerignore',
    good: '# .dockerignore\n.git\n.env\n*.env\nnode_modules',
    fix: 'None automatic: add a .dockerignore that excludes at least `.git` and `.env`.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    let cached: ReturnType<typeof leakedPaths> | undefined;
    let copiesFrom: Map<Stage, CopyFrom[]> | undefined;
    const copiesFromIndex = () => (copiesFrom ??= copiesFromStages(ctx.model));
    for (const stage of ctx.model.stages) {
      for (const instruction of ctx.model.instructionsNamed(stage, 'COPY', 'ADD')) {
        const keyword = instruction.getKeyword();
        // --from copies from another stage or image, not from the build context.
        if (flag(instruction, 'from')) continue;
        const operands = copyOperands(instruction);
        for (const source of operands.sources) {
          const value = unquote(source.value);
          if (value !== '.' && value !== './' && value !== '/' && value !== '*' && value !== './*') continue;
          // The ignore file first: with nothing leaked, where the copy ends up does not matter.
          cached ??= leakedPaths(ctx.model);
          if (cached.leaked.length === 0) continue;
          if (!contextCopyShips(ctx.model, copiesFromIndex, stage, instruction, operands.destination?.value)) continue;
          const what = cached.leaked.join(' and ');
          ctx.report({
            range: source.range,
            message: cached.file
              ? `${keyword} ${source.value} copies the whole build context and ${cached.file} does not exclude ${what}; add ${cached.leaked.length === 1 ? 'it' : 'them'} to ${cached.file}`
              : `${keyword} ${source.value} copies the whole build context and there is no .dockerignore, so ${what} would end up in the image; add a .dockerignore that excludes them`,
          });
        }
      }
    }
  },
});
