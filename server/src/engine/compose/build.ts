// A service's `build:` as Compose reads it (Compose Build Specification): the short form is the
// context path; the long form has context, dockerfile, dockerfile_inline, target and args. The
// Dockerfile it names is read through the lint's cross-file reader and parsed once per path, on
// first use, so rules ask the model instead of working the build out themselves.
import { isMap, isScalar } from 'yaml';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import { childOf, fieldText, type Field } from './reader';

export interface ServiceBuild {
  /** The service's `build` key. */
  entry: Field;
  /** The build context after interpolation ('.' when not written); undefined when a variable leaves it unknown. */
  context: string | undefined;
  /** The context is a URL (git, https): nothing of it is on disk here. */
  remote: boolean;
  /** `dockerfile:` after interpolation ('Dockerfile' when not written); undefined when unknown. */
  dockerfile: string | undefined;
  /** `dockerfile_inline:`, the Dockerfile written in the Compose file. */
  inline?: string;
  /** `target:`, the stage built; undefined for the final stage (or when unknown). */
  target?: string;
  /** `args:` (a map or a list of `KEY=value`). */
  args?: Field;
  /**
   * Where the Dockerfile is: its path relative to the Compose file, or `dockerfile_inline`;
   * undefined when it is not on disk here (remote context) or not known (a variable).
   */
  label?: string;
  /** The Dockerfile parsed; undefined when there is none to read (missing, remote, unknown path). */
  readonly parsed: DockerfileModel | undefined;
}

/** Reads a file relative to the linted file; undefined when unavailable. */
export type FileReader = (relativePath: string) => string | undefined;

/** Parses each Dockerfile path once per lint, whichever services build it. */
export class DockerfileCache {
  private readonly parsed = new Map<string, DockerfileModel | undefined>();

  constructor(private readonly readFile: FileReader | undefined) {}

  get(path: string): DockerfileModel | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const text = this.readFile?.(path);
    const model = text === undefined ? undefined : parseDockerfile(text);
    this.parsed.set(path, model);
    return model;
  }
}

/** Joins relative POSIX paths (Compose paths use forward slashes on every OS). */
export function joinPath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else segments.push(part);
  }
  return segments.join('/') || '.';
}

/** A value that is known at lint time: the interpolated text, or undefined when absent or unresolved. */
function known(field: Field | undefined): string | undefined {
  const value = fieldText(field);
  return value && !value.unresolved ? value.value : undefined;
}

/** A path setting: the fallback when not written (or empty), undefined when a variable leaves it unknown. */
function pathOr(field: Field | undefined, fallback: string): string | undefined {
  const value = fieldText(field);
  if (!value) return fallback;
  return value.unresolved ? undefined : value.value;
}

/** The service's build, or undefined when `build` is absent or neither a path nor a mapping. */
export function resolveBuild(entry: Field | undefined, dockerfiles: DockerfileCache): ServiceBuild | undefined {
  if (!entry) return undefined;
  const value = entry.value;
  let build: Omit<ServiceBuild, 'parsed' | 'remote'>;
  if (isScalar(value)) {
    build = { entry, context: pathOr(entry, '.'), dockerfile: 'Dockerfile' };
  } else if (isMap(value)) {
    build = {
      entry,
      context: pathOr(childOf(entry, 'context'), '.'),
      dockerfile: pathOr(childOf(entry, 'dockerfile'), 'Dockerfile'),
    };
    const inline = known(childOf(entry, 'dockerfile_inline'));
    const target = known(childOf(entry, 'target'));
    const args = childOf(entry, 'args');
    if (inline !== undefined) build.inline = inline;
    if (target) build.target = target;
    if (args) build.args = args;
  } else {
    return undefined;
  }
  const remote = build.context !== undefined && isRemoteContext(build.context);
  let label: string | undefined;
  if (build.inline !== undefined) label = 'dockerfile_inline';
  else if (!remote && build.context !== undefined && build.dockerfile !== undefined)
    label = build.dockerfile.startsWith('/') ? build.dockerfile : joinPath(build.context, build.dockerfile);
  const inline = build.inline;
  let parsedInline: DockerfileModel | undefined;
  return {
    ...build,
    remote,
    ...(label !== undefined ? { label } : {}),
    get parsed(): DockerfileModel | undefined {
      if (inline !== undefined) return (parsedInline ??= parseDockerfile(inline));
      return label === undefined ? undefined : dockerfiles.get(label);
    },
  };
}

/** Remote build contexts: a URL (git, https) or a git SSH address; they are not on disk. */
function isRemoteContext(context: string): boolean {
  return /^[a-z]+:\/\//i.test(context) || context.startsWith('git@');
}
