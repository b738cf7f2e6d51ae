// One file's lint as the CLI and the language server both run it: the project root it stays in,
// the config that applies, the reader its cross-file checks use (open editor buffers first), its
// `.env`, and the fix loop. Hover, pin and fix-all ask the session the lint used, so they see the
// same buffer, config and `.env` rather than reading the disk again.
import * as path from 'node:path';
import {
  fileKind,
  lint,
  mergeConfig,
  parseFile,
  type FileKind,
  type LintInput,
  type LintResult,
  type ParsedFile,
  type PartialConfig,
  type ShipshapeConfig,
} from '../engine';
import type { FixAllOptions } from '../engine/apply-edits';
import { fixAll, type FixedText } from '../engine/fix-loop';
import type { SliceMemory } from '../engine/slice-reuse';
import { configRelativePath, findConfigFile, loadConfigFile, MAX_SIBLING_BYTES, type LoadedConfig } from './config-loader';
import { tryReadProjectFile, type ProjectRoot } from './file-access';

/** Loaded configs by path, shared by every session of a run (the CLI) or until a config changes (the editor). */
export class ConfigStore {
  private readonly loaded = new Map<string, LoadedConfig>();

  /** Which config applies in each folder; kept only for a run, in which no config file appears. */
  private readonly lookups?: Map<string, string | undefined>;

  /**
   * `onLoad` sees each config once, when it is first read (the CLI reports its problems then).
   * `run`: the store lives for one CLI run, so each folder's lookup is made once.
   */
  constructor(
    private readonly onLoad?: (config: LoadedConfig) => void,
    options: { run?: boolean } = {},
  ) {
    if (options.run) this.lookups = new Map();
  }

  load(configPath: string, root: ProjectRoot): LoadedConfig {
    let config = this.loaded.get(configPath);
    if (!config) {
      config = loadConfigFile(configPath, root);
      this.loaded.set(configPath, config);
      this.onLoad?.(config);
    }
    return config;
  }

  /** The config that applies to a file in `root`: the nearest one up from its folder. */
  lookup(filePath: string, root: ProjectRoot): LoadedConfig | undefined {
    const configPath = findConfigFile(path.dirname(filePath), root, this.lookups);
    return configPath ? this.load(configPath, root) : undefined;
  }

  clear(): void {
    this.loaded.clear();
    this.lookups?.clear();
  }
}

/** What differs between the CLI and the editor; everything else a session does the same way. */
export interface SessionPolicy {
  /** The folder a file's config lookup and cross-file reads stay inside. */
  rootOf(filePath: string): ProjectRoot;
  configs: ConfigStore;
  /** One config for every file (`--config FILE`) instead of the lookup. */
  forced?: LoadedConfig;
  /** Beneath the file config (what the environment supplies, e.g. SOURCE_DATE_EPOCH). */
  defaults?: PartialConfig;
  /** Over the file config (editor settings, `--rule`): the file config is team policy, these are personal. */
  overrides?: PartialConfig;
  /** The folder override globs are relative to when no config file applies. */
  pathBase(filePath: string): string | undefined;
  /**
   * Text that stands in for a file on disk: an unsaved editor buffer, a staged blob. Used only
   * where the file itself could be read (inside the root).
   */
  overlay?(absolutePath: string): string | undefined;
  /** Reads shared by every session of a run in which files do not change under it (a CLI run). */
  runReads?: RunReads;
}

/**
 * What a run has read, per project root (a root decides which symlinks may be followed, so one
 * root's answer is not another's). In a CLI run every Compose file of a folder reads the same
 * default and override files and `.env`, and probes the same missing names: once per run, not
 * once per file. A file the run writes (`--fix`) is forgotten.
 */
export class RunReads {
  private readonly byRoot = new Map<string, Map<string, string | undefined>>();

  read(root: ProjectRoot, target: string, load: () => string | undefined): string | undefined {
    let reads = this.byRoot.get(root.dir);
    if (!reads) this.byRoot.set(root.dir, (reads = new Map()));
    if (reads.has(target)) return reads.get(target);
    const text = load();
    reads.set(target, text);
    return text;
  }

  forget(target: string): void {
    for (const reads of this.byRoot.values()) reads.delete(target);
  }
}

/**
 * The config of each loaded config file (or none) under a policy, merged once: every lint makes a
 * session, and one config object for as long as neither changes lets the engine keep what it worked
 * out for it (the active rules, the memory of the last lint).
 */
const merged = new WeakMap<SessionPolicy, { none?: ShipshapeConfig; byFile: WeakMap<LoadedConfig, ShipshapeConfig> }>();

function mergedConfig(policy: SessionPolicy, loaded: LoadedConfig | undefined): ShipshapeConfig {
  let known = merged.get(policy);
  if (!known) merged.set(policy, (known = { byFile: new WeakMap() }));
  if (!loaded) return (known.none ??= mergeConfig(policy.defaults, undefined, policy.overrides));
  let config = known.byFile.get(loaded);
  if (!config) known.byFile.set(loaded, (config = mergeConfig(policy.defaults, loaded.config, policy.overrides)));
  return config;
}

export class FileSession {
  /** Absolute paths of every file the lint read or tried to read (a Compose file's Dockerfiles, `.env`). */
  readonly reads = new Set<string>();
  private readonly cache = new Map<string, string | undefined>();
  private fileConfig?: { loaded?: LoadedConfig; config: ShipshapeConfig };
  private dotEnvText?: { text?: string };
  private folder?: string;

  /** `filePath` undefined: an editor buffer with no file behind it (untitled), linted on its own. */
  constructor(
    readonly filePath: string | undefined,
    private readonly policy: SessionPolicy,
    readonly root: ProjectRoot | undefined = filePath ? policy.rootOf(filePath) : undefined,
  ) {}

  /** The config file that applies, if one does. */
  get loaded(): LoadedConfig | undefined {
    return this.settings().loaded;
  }

  get config(): ShipshapeConfig {
    return this.settings().config;
  }

  /** The file's path relative to its config's folder, for `ignore` and override globs. */
  get relativePath(): string | undefined {
    if (!this.filePath) return undefined;
    return configRelativePath(this.filePath, this.loaded?.dir ?? this.policy.pathBase(this.filePath));
  }

  private settings(): { loaded?: LoadedConfig; config: ShipshapeConfig } {
    if (this.fileConfig) return this.fileConfig;
    const { policy, filePath, root } = this;
    const loaded = policy.forced ?? (filePath && root ? policy.configs.lookup(filePath, root) : undefined);
    // A config that fails validation keeps only its valid keys; its problems are reported apart.
    const config = mergedConfig(policy, loaded);
    this.fileConfig = loaded ? { loaded, config } : { config };
    return this.fileConfig;
  }

  /**
   * Reads a file relative to this one's folder: an overlay (open buffer) where there is one, else
   * the disk through the file-access layer. Reads stay inside the root, for overlays as for the
   * disk; each file is read once per session, so every pass of a fix loop sees the same text.
   */
  readonly readFile = (relative: string): string | undefined => {
    const { filePath, root } = this;
    if (!filePath || !root) return undefined;
    const target = path.resolve((this.folder ??= path.dirname(path.resolve(filePath))), relative);
    if (!root.contains(target)) return undefined;
    this.reads.add(target);
    if (this.cache.has(target)) return this.cache.get(target);
    const open = this.policy.overlay?.(target);
    const fromDisk = () => tryReadProjectFile(target, root, { maxBytes: MAX_SIBLING_BYTES });
    const text =
      open !== undefined && root.allowsOpenBuffer(target)
        ? open
        : this.policy.runReads
          ? this.policy.runReads.read(root, target, fromDisk)
          : fromDisk();
    this.cache.set(target, text);
    return text;
  };

  /** After the run wrote `filePath` (`--fix`): later sessions read it anew. */
  forgetRunRead(filePath: string): void {
    this.policy.runReads?.forget(path.resolve(filePath));
  }

  /** The Compose file's `.env`, as the lint read it; undefined for a Dockerfile. */
  dotEnv(kind: FileKind): string | undefined {
    if (!fileKind(kind).readsDotEnv) return undefined;
    this.dotEnvText ??= { text: this.readFile('.env') };
    return this.dotEnvText.text;
  }

  input(text: string, kind: FileKind): LintInput {
    const relativePath = this.relativePath;
    return this.filePath && this.root && relativePath !== undefined
      ? { text, kind, path: relativePath, readFile: this.readFile }
      : { text, kind };
  }

  /** `memory`: what the document's last lint left for this one to reuse (the editor keeps it). */
  lint(text: string, kind: FileKind, memory?: SliceMemory): LintResult {
    const input = this.input(text, kind);
    if (memory) input.memory = memory;
    return lint(input, this.config);
  }

  /** A parse of `text` with the `.env` the lint used (for hovers and pins when the lint's parse was dropped). */
  parse(text: string, kind: FileKind): ParsedFile {
    return parseFile(text, kind, this.dotEnv(kind));
  }

  /** Every preferred fix, pass after pass, from `first` (the lint of `text`; linted here when absent). */
  fix(text: string, kind: FileKind, options: FixAllOptions = {}, first = this.lint(text, kind)): FixedText {
    return fixAll(text, first, (next) => this.lint(next, kind), options);
  }
}

/** Opens sessions under one policy. */
export function sessionFactory(policy: SessionPolicy): (filePath: string | undefined) => FileSession {
  return (filePath) => new FileSession(filePath, policy);
}
