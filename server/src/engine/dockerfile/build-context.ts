// What the lint knows of the files a Dockerfile's build sends to the builder (its build context):
// the ignore file, package-manager configs and entrypoint scripts it copies. Read through the
// lint's reader, each file once per lint and parsed once, and shared by every rule that asks; the
// rules never read a file themselves. The context is taken to be the Dockerfile's folder (what
// `docker build .` next to it sends); a build with another context may see other files.
import { parseDockerignore, type DockerIgnore } from './dockerignore';
import { holdsCredentials, isPackageManagerConfig } from './credential-files';
import { cleanAbsolutePath } from './paths';
import { scriptDrop, type ScriptDrop } from './privilege-drop';

/** Reads a file relative to the Dockerfile's folder; undefined when it is absent or unreadable. */
export type ContextReader = (relativePath: string) => string | undefined;

export interface BuildContext {
  /**
   * The ignore file BuildKit applies: `<Dockerfile name>.dockerignore` next to the Dockerfile,
   * else the context's `.dockerignore` (Dockerfile reference, ".dockerignore file"); undefined
   * when neither can be read.
   */
  readonly dockerignore: DockerIgnore | undefined;
  /**
   * For a package-manager config a COPY names (`.npmrc`, `.yarnrc.yml`, `.pypirc`): whether it holds
   * a literal credential. Undefined when the source is no such config or cannot be read.
   */
  holdsCredentials(source: string): boolean | undefined;
  /** The privilege drop (gosu, su-exec...) in a script a COPY names, when it can be read and has one. */
  scriptDrop(source: string): ScriptDrop | undefined;
}

/** A COPY source as a path in the context: `./a`, `/a` and `a/../a` are all `a` (BuildKit cleans sources against the context root). */
export function contextPath(source: string): string {
  return cleanAbsolutePath(source).slice(1);
}

/**
 * The build context of a Dockerfile named `dockerfileName`, read through `read`. Nothing is read
 * until a rule asks; without a reader (a Dockerfile parsed for a hover, or for a Compose service
 * whose context is elsewhere) every answer is "unknown".
 */
export function readBuildContext(read: ContextReader | undefined, dockerfileName: string | undefined): BuildContext {
  const texts = new Map<string, string | undefined>();
  const text = (path: string): string | undefined => {
    if (!read || path === '') return undefined;
    if (!texts.has(path)) texts.set(path, read(path));
    return texts.get(path);
  };
  let ignoreFile: { value: DockerIgnore | undefined } | undefined;
  const credentials = new Map<string, boolean | undefined>();
  const drops = new Map<string, ScriptDrop | undefined>();
  return {
    get dockerignore() {
      if (ignoreFile) return ignoreFile.value;
      const candidates = dockerfileName ? [`${dockerfileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
      for (const name of candidates) {
        const found = text(name);
        if (found !== undefined) return (ignoreFile = { value: parseDockerignore(name, found) }).value;
      }
      return (ignoreFile = { value: undefined }).value;
    },
    holdsCredentials(source) {
      const path = contextPath(source);
      if (!credentials.has(path)) {
        const base = path.split('/').pop()!;
        const found = isPackageManagerConfig(base) ? text(path) : undefined;
        credentials.set(path, found === undefined ? undefined : holdsCredentials(base, found));
      }
      return credentials.get(path);
    },
    scriptDrop(source) {
      const path = contextPath(source);
      if (!drops.has(path)) {
        const found = text(path);
        drops.set(path, found === undefined ? undefined : scriptDrop(found));
      }
      return drops.get(path);
    },
  };
}
