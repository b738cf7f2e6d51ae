import ignore from 'ignore';
import { copyOperands } from '../dockerfile/copy-operands';
import { flag } from '../dockerfile/instruction-args';
import { trimTrailingSlashes, unquote } from '../dockerfile/paths';
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

export default defineRule({
  id: 'copy-build-context',
  title: 'Whole build context copied without a .dockerignore',
  category: 'security',
  severity: 'info',
  refs: { cwe: 'CWE-538' },
  docs: {
    why: "`COPY . .` copies everything the build context holds. Without a .dockerignore that excludes them, the `.git` folder (full history, sometimes credentials in remotes) and `.env` files (secrets) end up in the image. Shipshape assumes the build context is the Dockerfile's folder and reads `<Dockerfile name>.dockerignore` (e.g. `api.Dockerfile.dockerignore`) or else `.dockerignore` there, as BuildKit does; a build whose context is another folder (Compose `build.context`, `docker build -f`) may see a different ignore file. Patterns are evaluated with Docker's path cleaning (`./.git`, `/.git` and `.git/` all exclude `.git`) and `!` exceptions.",
    bad: 'COPY . /app   # with no .dockerignore',
    good: '# .dockerignore\n.git\n.env\n*.env\nnode_modules',
    fix: 'None automatic: add a .dockerignore that excludes at least `.git` and `.env`.',
  },
  dockerfile(ctx) {
    let cached: ReturnType<typeof leakedPaths> | undefined;
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      // --from copies from another stage or image, not from the build context.
      if ((keyword !== 'COPY' && keyword !== 'ADD') || flag(instruction, 'from')) continue;
      for (const source of copyOperands(instruction).sources) {
        const value = unquote(source.value);
        if (value !== '.' && value !== './' && value !== '/' && value !== '*' && value !== './*') continue;
        cached ??= leakedPaths(ctx);
        if (cached.leaked.length === 0) continue;
        const what = cached.leaked.join(' and ');
        ctx.report({
          range: source.range,
          message: cached.file
            ? `${keyword} ${source.value} copies the whole build context and ${cached.file} does not exclude ${what}; add ${cached.leaked.length === 1 ? 'it' : 'them'} to ${cached.file}`
            : `${keyword} ${source.value} copies the whole build context and there is no .dockerignore, so ${what} would end up in the image; add a .dockerignore that excludes them`,
        });
      }
    }
  },
});
