import ignore from 'ignore';
import { argsOf, flag } from '../dockerfile/instruction-args';
import { defineRule, type DockerfileContext } from '../rule';

/** What the build context's ignore file leaves in: `.git` and `.env` are the ones that leak. */
function leakedPaths(ctx: DockerfileContext): { file?: string; leaked: string[] } {
  // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile first, then `.dockerignore`.
  const candidates = ctx.fileName ? [`${ctx.fileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
  for (const file of candidates) {
    const text = ctx.readFile(file);
    if (text === undefined) continue;
    const rules = ignore().add(text);
    const leaked = ['.git', '.env'].filter((p) => !rules.ignores(p) && !rules.ignores(`${p}/`));
    return { file, leaked };
  }
  return { leaked: ['.git', '.env'] };
}

export default defineRule({
  id: 'copy-build-context',
  title: 'Whole build context copied without a .dockerignore',
  category: 'security',
  severity: 'info',
  refs: { cwe: 'CWE-538', hadolint: [], checkov: [] },
  docs: {
    why: "`COPY . .` copies everything the build context holds. Without a .dockerignore that excludes them, the `.git` folder (full history, sometimes credentials in remotes) and `.env` files (secrets) end up in the image. The build context is assumed to be the Dockerfile's folder; `<name>.Dockerfile.dockerignore` and `.dockerignore` are read as BuildKit does.",
    bad: 'COPY . /app   # with no .dockerignore',
    good: '# .dockerignore\n.git\n.env\n*.env\nnode_modules',
    fix: 'None automatic: add a .dockerignore that excludes at least `.git` and `.env`.',
  },
  dockerfile(ctx) {
    let cached: ReturnType<typeof leakedPaths> | undefined;
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || flag(instruction, 'from')) continue;
      for (const source of argsOf(instruction).slice(0, -1)) {
        if (source.value !== '.' && source.value !== './') continue;
        cached ??= leakedPaths(ctx);
        if (cached.leaked.length === 0) continue;
        const what = cached.leaked.join(' and ');
        ctx.report({
          range: source.range,
          message: cached.file
            ? `${keyword} ${source.value} copies the whole build context and ${cached.file} does not exclude ${what}; add them to it`
            : `${keyword} ${source.value} copies the whole build context and there is no .dockerignore, so ${what} end up in the image; add a .dockerignore`,
        });
      }
    }
  },
});
