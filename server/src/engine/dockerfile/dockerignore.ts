// A .dockerignore read the way Docker reads it. Parsed once per lint (BuildContext.dockerignore) and
// shared by copy-build-context (does it keep `.git` and `.env` out?) and copy-ignored-file (does
// it exclude what a COPY names?).
import ignore, { type Ignore } from 'ignore';
import { trimTrailingSlashes } from './paths';

export interface IgnorePattern {
  /** As written in the file. */
  written: string;
  /** 1-based. */
  line: number;
  negated: boolean;
  /** In the form the `ignore` package (gitignore rules) reads as Docker does: see gitignoreLine. */
  gitignore: string;
}

export interface DockerIgnore {
  /** The file's name next to the Dockerfile: `api.Dockerfile.dockerignore` or `.dockerignore`. */
  name: string;
  patterns: readonly IgnorePattern[];
  /**
   * The pattern that excludes `path` (relative to the context root, cleaned: no `./`, no leading or
   * trailing `/`) from the context, or undefined when it is sent. Docker lets a later `!` pattern
   * re-include a file inside an excluded folder (gitignore does not), so any exception that could
   * bring back the path, or something under it, counts as "maybe sent".
   */
  excluding(path: string): IgnorePattern | undefined;
  /** Which of `.git` and `.env` the file leaves in the context. */
  readonly leaked: readonly string[];
}

/** What a build context without an ignore file sends that it should not. */
export const LEAKY: readonly string[] = ['.git', '.env'];

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

/** A matcher for one gitignore pattern; undefined when the gitignore parser rejects it (it then excludes nothing we can tell). */
function matcher(pattern: string): Ignore | undefined {
  try {
    return ignore().add(pattern);
  } catch {
    return undefined;
  }
}

export function parseDockerignore(name: string, text: string): DockerIgnore {
  const patterns: IgnorePattern[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    const gitignore = gitignoreLine(line);
    if (gitignore !== undefined)
      patterns.push({ written: line.trim(), line: index + 1, negated: gitignore.startsWith('!'), gitignore });
  });
  // One matcher per pattern, built on first use and kept: every COPY source is tried against each.
  const matchers = new Map<IgnorePattern, Ignore | undefined>();
  const matches = (pattern: IgnorePattern, path: string): boolean => {
    if (!matchers.has(pattern)) matchers.set(pattern, matcher(pattern.negated ? pattern.gitignore.slice(1) : pattern.gitignore));
    return matchers.get(pattern)?.ignores(path) ?? false;
  };
  let leaked: readonly string[] | undefined;
  return {
    name,
    patterns,
    excluding(path) {
      let excluding: IgnorePattern | undefined;
      for (const pattern of patterns) {
        if (pattern.negated) {
          const reincluded = pattern.gitignore.slice(2); // without "!/"
          if (matches(pattern, path) || reincluded.startsWith(`${path}/`) || /[*?[]/.test(reincluded)) excluding = undefined;
        } else if (matches(pattern, path)) excluding = pattern;
      }
      return excluding;
    },
    get leaked() {
      if (leaked) return leaked;
      // All the patterns in one gitignore set: there a later `!` re-includes only what gitignore allows.
      const rules = ignore();
      for (const pattern of patterns) {
        try {
          rules.add(pattern.gitignore);
        } catch {
          // A pattern the gitignore parser rejects excludes nothing we can tell.
        }
      }
      return (leaked = LEAKY.filter((p) => !rules.ignores(p) && !rules.ignores(`${p}/`)));
    },
  };
}
