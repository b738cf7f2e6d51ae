// The two keys that make configs cascade, `root:` and `extends: <path>`, and how the layers of a
// cascade combine. The engine's parseConfig knows one file and the two presets; files and folders
// are the workspace layer's business, so the keys are read (and its complaints about them
// withdrawn) here.
import * as path from 'node:path';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { parseConfig, TextIndex, type ConfigProblem, type PartialConfig, type Range } from '../engine';

type ConfigOverride = NonNullable<PartialConfig['overrides']>[number];

const PRESETS = new Set(['recommended', 'strict']);

export interface ParsedConfigText {
  config: PartialConfig;
  problems: ConfigProblem[];
  /** `root: true`: the cascade stops here; parent folders' configs do not apply. */
  root: boolean;
  /** `extends: ./base.yaml`: a config file, relative to this one, whose settings this one builds on. */
  extendsPath?: { value: string; range: Range };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** parseConfig, plus `root` and a path in `extends`. */
export function parseConfigText(text: string, knownRuleIds?: ReadonlySet<string>): ParsedConfigText {
  const parsed = parseConfig(text, knownRuleIds);
  const result: ParsedConfigText = { config: parsed.config, problems: parsed.problems, root: false };
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return result;
  const index = new TextIndex(text);
  const rangeOf = (node: Node | null | undefined): Range =>
    node?.range ? index.range(node.range[0], node.range[1]) : index.range(0, 0);
  /** Drops the engine's problem at `range` (it does not know the key), optionally for a problem of ours. */
  const replace = (range: Range, message?: string) => {
    result.problems = result.problems.filter((p) => !sameRange(p.range, range));
    if (message) result.problems.push({ message, range });
  };
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'root') {
      const keyRange = rangeOf(pair.key as Node);
      if (isScalar(value) && typeof value.value === 'boolean') {
        replace(keyRange);
        result.root = value.value;
      } else replace(keyRange, '"root" must be true or false');
    } else if (key === 'extends' && isScalar(value) && typeof value.value === 'string' && !PRESETS.has(value.value)) {
      const range = rangeOf(value);
      const target = value.value;
      if (path.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target))
        replace(range, '"extends" takes a path relative to this file (e.g. ../.shipshape.yaml), not an absolute one');
      else if (/\.ya?ml$/i.test(target) || target.includes('/')) {
        replace(range);
        result.extendsPath = { value: target, range };
      } else replace(range, '"extends" must be "recommended", "strict" or a relative path to a config file (e.g. ../base.yaml)');
    }
  }
  return result;
}

export interface ConfigLayer {
  path: string;
  dir: string;
  config: PartialConfig;
}

const LIST_KEYS = ['trustedRegistries', 'trustedImages', 'nonRootImages', 'ignore'] as const;

/** The deepest folder holding all of `dirs`. */
function commonDir(dirs: string[]): string {
  let common = path.resolve(dirs[0]!);
  for (const dir of dirs.slice(1)) {
    const resolved = path.resolve(dir);
    while (path.relative(common, resolved).startsWith('..') || path.isAbsolute(path.relative(common, resolved)))
      common = path.dirname(common);
  }
  return common;
}

/** A literal path as a glob: the matcher's special characters escaped. */
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}()!@+]/g, '\\$&');
}

/** A glob relative to `from`, rewritten relative to the ancestor folder `to`: `x/**` in sub/ is `sub/x/**`. */
function rebase(glob: string, prefix: string): string {
  if (!prefix) return glob;
  return `${prefix}/${glob.replace(/^(\.\/)+/, '')}`;
}

/**
 * One config from the layers of a cascade, outermost first: later layers win key by key, `rules`
 * merge per rule id, and lists add up (a subfolder can trust another registry or ignore more files,
 * but cannot drop its parent's exceptions or ignores silently). Path globs (`ignore`,
 * `overrides.files`) are rewritten relative to the folder that holds every layer, which becomes the
 * config's folder.
 */
export function combineLayers(layers: ConfigLayer[]): { config: PartialConfig; dir: string } {
  if (layers.length === 1) return { config: layers[0]!.config, dir: layers[0]!.dir };
  const dir = commonDir(layers.map((layer) => layer.dir));
  const config: PartialConfig = {};
  for (const layer of layers) {
    const prefix = path.relative(dir, layer.dir).split(path.sep).map(escapeGlob).join('/');
    const { rules, overrides, ...rest } = layer.config;
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined) continue;
      if (key === 'compose') {
        // Compose file sets add up like lists, each path rewritten from its layer's folder.
        const folder = path.relative(dir, layer.dir).split(path.sep).join('/');
        const sets = (value as NonNullable<PartialConfig['compose']>).projects.map((set) =>
          set.map((file) => (folder ? `${folder}/${file}` : file)),
        );
        config.compose = { projects: [...(config.compose?.projects ?? []), ...sets] };
        continue;
      }
      if ((LIST_KEYS as readonly string[]).includes(key)) {
        const list = (value as string[]).map((entry) => (key === 'ignore' ? rebase(entry, prefix) : entry));
        const previous = (config as Record<string, string[] | undefined>)[key] ?? [];
        (config as Record<string, string[]>)[key] = [...previous, ...list.filter((entry) => !previous.includes(entry))];
      } else (config as Record<string, unknown>)[key] = value;
    }
    if (rules) config.rules = { ...config.rules, ...rules };
    if (overrides)
      config.overrides = [
        ...(config.overrides ?? []),
        ...overrides.map((override): ConfigOverride =>
          override.files ? { ...override, files: override.files.map((glob) => rebase(glob, prefix)) } : override,
        ),
      ];
  }
  return { config, dir };
}
