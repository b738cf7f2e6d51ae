import { copyOperands, isRemoteSource } from '../dockerfile/copy-operands';
import { flag } from '../dockerfile/instruction-args';
import { isOnbuildTrigger } from '../dockerfile/model';
import { trimTrailingSlashes, unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

export default defineRule({
  id: 'copy-ignored-file',
  title: 'COPY of a path .dockerignore excludes',
  category: 'correctness',
  severity: 'warning',
  refs: { hadolint: [], kics: [], checkov: [], trivy: [], buildkit: ['CopyIgnoredFile'] },
  docs: {
    why: "Files that `.dockerignore` excludes are never sent to the builder, so a COPY or ADD that names one fails (`not found`) or, through a folder, silently copies less than it says. It usually means the ignore file and the Dockerfile drifted apart: either the file is needed and the pattern is too wide, or the COPY is stale. Shipshape assumes the build context is the Dockerfile's folder and reads `<Dockerfile name>.dockerignore` or else `.dockerignore` there, as BuildKit does (BuildKit's own check is CopyIgnoredFile). Sources with wildcards or unresolved variables, `COPY --from`, heredocs and URLs are not checked, nor a path a later `!` exception may bring back.",
    bad: '# .dockerignore\n*.env\nconfig/local/\n\n# Dockerfile\nCOPY defaults.env /app/\nCOPY config/local/settings.yaml /app/config/',
    good: '# .dockerignore\n*.env\n!defaults.env\n\n# Dockerfile\nCOPY defaults.env /app/',
    fix: 'None automatic: add a `!path` exception to .dockerignore when the file belongs in the image, or remove the source from the COPY.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const file = ctx.model.buildContext.dockerignore;
    if (!file || file.patterns.length === 0) return;
    for (const stage of ctx.model.stages) {
      for (const instruction of ctx.model.instructionsNamed(stage, 'COPY', 'ADD')) {
        const keyword = instruction.getKeyword();
        // An ONBUILD COPY reads the context of the image built FROM this one, not this folder.
        if (flag(instruction, 'from') || isOnbuildTrigger(instruction)) continue;
        for (const source of copyOperands(instruction).sources) {
          if (source.heredoc || isRemoteSource(source.value)) continue;
          const expanded = ctx.model.expandInStage(stage, unquote(source.value), instruction);
          if (expanded.unresolved) continue;
          // Docker cleans source paths like patterns: `./a`, `/a` and `a/` are all `a` in the context.
          let path = expanded.value;
          while (path.startsWith('./')) path = path.slice(2);
          path = trimTrailingSlashes(path.replace(/^\/+/, ''));
          if (path === '' || path === '.' || path.includes('..') || /[*?[\\]/.test(path)) continue;
          const pattern = file.excluding(path);
          if (!pattern) continue;
          ctx.report({
            range: source.range,
            message: `${keyword} ${source.value}: "${path}" is excluded from the build context by ${file.name} (line ${pattern.line}: ${pattern.written}), so the builder never gets it; add "!${path}" to ${file.name} if the image needs it, or drop it from the ${keyword}`,
          });
        }
      }
    }
  },
});
