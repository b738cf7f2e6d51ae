import ignore from 'ignore';
import { copyOperands, isRemoteSource } from '../dockerfile/copy-operands';
import { flag } from '../dockerfile/instruction-args';
import { isOnbuildTrigger } from '../dockerfile/model';
import { trimTrailingSlashes, unquote } from '../dockerfile/paths';
import { defineRule, type DockerfileContext } from '../rule';
import { gitignoreLine } from './copy-build-context';

interface IgnorePattern {
  /** As written in the file. */
  written: string;
  line: number;
  negated: boolean;
  /** In the form the `ignore` package (gitignore rules) reads as Docker does: see gitignoreLine. */
  gitignore: string;
}

interface IgnoreFile {
  name: string;
  patterns: IgnorePattern[];
}

/**
 * The build context's ignore file: BuildKit reads `<Dockerfile name>.dockerignore` next to the
 * Dockerfile first, then the context's `.dockerignore` (Dockerfile reference, ".dockerignore
 * file"). The context is assumed to be the Dockerfile's folder, as copy-build-context does.
 */
function ignoreFile(ctx: DockerfileContext): IgnoreFile | undefined {
  const candidates = ctx.fileName ? [`${ctx.fileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
  for (const name of candidates) {
    const text = ctx.readFile(name);
    if (text === undefined) continue;
    const patterns: IgnorePattern[] = [];
    text.split(/\r\n|\n|\r/).forEach((line, index) => {
      const gitignore = gitignoreLine(line);
      if (gitignore !== undefined)
        patterns.push({ written: line.trim(), line: index + 1, negated: gitignore.startsWith('!'), gitignore });
    });
    return { name, patterns };
  }
  return undefined;
}

function matches(pattern: string, path: string): boolean {
  try {
    return ignore().add(pattern).ignores(path);
  } catch {
    // A pattern the gitignore parser rejects excludes nothing we can tell.
    return false;
  }
}

/**
 * The pattern that excludes `path` from the context, or undefined when it is sent. Docker lets a
 * later `!` pattern re-include a file inside an excluded folder (gitignore does not), so any
 * exception that could bring back the path, or something under it, counts as "maybe sent" and
 * the source is not reported.
 */
function excludingPattern(file: IgnoreFile, path: string): IgnorePattern | undefined {
  let excluding: IgnorePattern | undefined;
  for (const pattern of file.patterns) {
    if (pattern.negated) {
      const reincluded = pattern.gitignore.slice(2); // without "!/"
      if (matches(pattern.gitignore.slice(1), path) || reincluded.startsWith(`${path}/`) || /[*?[]/.test(reincluded))
        excluding = undefined;
    } else if (matches(pattern.gitignore, path)) excluding = pattern;
  }
  return excluding;
}

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
  dockerfile(ctx) {
    const file = ignoreFile(ctx);
    if (!file || file.patterns.length === 0) return;
    for (const stage of ctx.model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        // An ONBUILD COPY reads the context of the image built FROM this one, not this folder.
        if ((keyword !== 'COPY' && keyword !== 'ADD') || flag(instruction, 'from') || isOnbuildTrigger(instruction)) continue;
        for (const source of copyOperands(instruction).sources) {
          if (source.heredoc || isRemoteSource(source.value)) continue;
          const expanded = ctx.model.expandInStage(stage, unquote(source.value), instruction);
          if (expanded.unresolved) continue;
          // Docker cleans source paths like patterns: `./a`, `/a` and `a/` are all `a` in the context.
          let path = expanded.value;
          while (path.startsWith('./')) path = path.slice(2);
          path = trimTrailingSlashes(path.replace(/^\/+/, ''));
          if (path === '' || path === '.' || path.includes('..') || /[*?[\\]/.test(path)) continue;
          const pattern = excludingPattern(file, path);
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
