import type { Instruction } from 'dockerfile-ast';
import ignore from 'ignore';
import { copyOperands } from '../dockerfile/copy-operands';
import { flag, flagValue } from '../dockerfile/instruction-args';
import { stageNamed, type DockerfileModel, type Stage } from '../dockerfile/model';
import { isWholeFilesystem, trimTrailingSlashes, unquote } from '../dockerfile/paths';
import { stagesInAnyImage } from '../dockerfile/shipped-stages';
import { workdirPathsBefore } from '../dockerfile/workdir';
import { defineRule, type DockerfileContext } from '../rule';

const LEAKY = ['.git', '.env'];

/**
 * A .dockerignore line in the form the `ignore` package (gitignore rules) reads the same way
 * Docker does. Docker cleans each pattern as a path (filepath.Clean: `./x`, `/x` and `x/` all
 * mean `x`, matched from the context root), so the root anchor and trailing slash are dropped
 * and a leading `/` added back to keep gitignore from matching the name at any depth.
 */
export function gitignoreLine(line: string): string | undefined {
  let pattern = line.trim();
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1).trim();
  while (pattern.startsWith('./')) pattern = pattern.slice(2);
  pattern = trimTrailingSlashes(pattern.replace(/^\/+/, ''));
  if (pattern === '' || pattern === '.') return undefined;
  return `${negated ? '!' : ''}/${pattern}`;
}

/** Which of `.git` and `.env` the ignore file leaves in the build context. */
export function leakedBy(dockerignore: string): string[] {
  const rules = ignore();
  for (const line of dockerignore.split(/\r\n|\n|\r/)) {
    const pattern = gitignoreLine(line);
    if (pattern === undefined) continue;
    try {
      rules.add(pattern);
    } catch {
      // A pattern the gitignore parser rejects excludes nothing we can tell.
    }
  }
  return LEAKY.filter((p) => !rules.ignores(p) && !rules.ignores(`${p}/`));
}

/** What the build context's ignore file leaves in. */
function leakedPaths(ctx: DockerfileContext): { file?: string; leaked: string[] } {
  // BuildKit reads `<Dockerfile name>.dockerignore` next to the Dockerfile first, then the
  // context's `.dockerignore`; the context is assumed to be the Dockerfile's folder.
  const candidates = ctx.fileName ? [`${ctx.fileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
  for (const file of candidates) {
    const text = ctx.readFile(file);
    if (text !== undefined) return { file, leaked: leakedBy(text) };
  }
  return { leaked: LEAKY };
}

/** `/a/./b/../c/` -> `/a/c`. */
function normalisePosix(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * Where a COPY puts a relative destination: the WORKDIR in force (following the stage's FROM
 * chain), `/` without one. A path with a variable left unknown keeps its `$`.
 */
function absoluteDestination(workdirs: Map<Instruction, string>, copy: Instruction, destination: string): string {
  if (destination.startsWith('/') || destination.startsWith('$')) return destination;
  return `${workdirs.get(copy) ?? '/'}/${destination}`;
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
    for (const instruction of other.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
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
  workdirs: () => Map<Instruction, string>,
  stage: Stage,
  copy: Instruction,
  destination: string | undefined,
): boolean {
  if (stagesInAnyImage(model).has(stage)) return true;
  if (destination === undefined) return true;
  const written = trimTrailingSlashes(absoluteDestination(workdirs(), copy, unquote(destination)));
  const expanded = model.expandInStage(stage, written, copy);
  const target = normalisePosix(expanded.unresolved ? written : expanded.value);
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
      const path = normalisePosix(model.expandInStage(other, value, instruction).value);
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
  dockerfile(ctx) {
    let cached: ReturnType<typeof leakedPaths> | undefined;
    let copiesFrom: Map<Stage, CopyFrom[]> | undefined;
    const copiesFromIndex = () => (copiesFrom ??= copiesFromStages(ctx.model));
    let workdirs: Map<Instruction, string> | undefined;
    const workdirsIndex = () => (workdirs ??= workdirPathsBefore(ctx.model));
    for (const stage of ctx.model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        // --from copies from another stage or image, not from the build context.
        if ((keyword !== 'COPY' && keyword !== 'ADD') || flag(instruction, 'from')) continue;
        const operands = copyOperands(instruction);
        for (const source of operands.sources) {
          const value = unquote(source.value);
          if (value !== '.' && value !== './' && value !== '/' && value !== '*' && value !== './*') continue;
          // The ignore file first: with nothing leaked, where the copy ends up does not matter.
          cached ??= leakedPaths(ctx);
          if (cached.leaked.length === 0) continue;
          if (!contextCopyShips(ctx.model, copiesFromIndex, workdirsIndex, stage, instruction, operands.destination?.value))
            continue;
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
