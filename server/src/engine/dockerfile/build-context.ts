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
  return new FilesBesideDockerfile(read, dockerfileName);
}

// A class rather than an object literal with a getter: V8 builds such a literal in old space, where
// a dead one keeps what it points to alive through young-generation collections (see
// ParsedDockerfile in model.ts).
class FilesBesideDockerfile implements BuildContext {
  private readonly texts = new Map<string, string | undefined>();
  private ignoreFile: { value: DockerIgnore | undefined } | undefined;
  private readonly credentials = new Map<string, boolean | undefined>();
  private readonly drops = new Map<string, ScriptDrop | undefined>();

  constructor(
    private readonly read: ContextReader | undefined,
    private readonly dockerfileName: string | undefined,
  ) {}

  private text(path: string): string | undefined {
    if (!this.read || path === '') return undefined;
    if (!this.texts.has(path)) this.texts.set(path, this.read(path));
    return this.texts.get(path);
  }

  get dockerignore(): DockerIgnore | undefined {
    if (this.ignoreFile) return this.ignoreFile.value;
    const candidates = this.dockerfileName ? [`${this.dockerfileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
    for (const name of candidates) {
      const found = this.text(name);
      if (found !== undefined) return (this.ignoreFile = { value: parseDockerignore(name, found) }).value;
    }
    return (this.ignoreFile = { value: undefined }).value;
  }

  holdsCredentials(source: string): boolean | undefined {
    const path = contextPath(source);
    if (!this.credentials.has(path)) {
      const base = path.split('/').pop()!;
      const found = isPackageManagerConfig(base) ? this.text(path) : undefined;
      this.credentials.set(path, found === undefined ? undefined : holdsCredentials(base, found));
    }
    return this.credentials.get(path);
  }

  scriptDrop(source: string): ScriptDrop | undefined {
    const path = contextPath(source);
    if (!this.drops.has(path)) {
      const found = this.text(path);
      this.drops.set(path, found === undefined ? undefined : scriptDrop(found));
    }
    return this.drops.get(path);
  }
}
