// What the engine, the CLI, the language server, the docs and the extension manifest need to know
// about one kind of file. Each kind is two modules, its info and its implementation; `index.ts` lists
// the infos and `implementations.ts` the implementations, and nothing else spells out which kinds exist.
import type { ShipshapeConfig } from '../config';
import type { ImageReference } from '../image-references';
import type { PinTarget } from '../pin';
import type { Report, Rule } from '../rule';
import type { TextSlice } from '../slice-reuse';
import type { TextIndex } from '../text';
import type { Finding, Fix, Range } from '../types';

/** Lines a suppression comment covers (0-based, inclusive). */
export interface LineScope {
  first: number;
  last: number;
}

/** What a kind's extra lint step is given (Compose's one service-hardening finding per service). */
export interface EngineStepInput<Model> {
  model: Model;
  config: ShipshapeConfig;
  path: string | undefined;
  rules: readonly Rule[];
  runSafely(rule: Rule, run: () => void): void;
}

/** Findings the engine adds after a kind's rules ran, and how it settles them once suppressions are known. */
export interface EngineStep {
  findings: Finding[];
  /** Rules that ran inside the step (their suppressions are used, not stale). */
  ran: readonly Rule[];
  /** Called with every finding after suppressions are applied. */
  finish(findings: Finding[]): void;
}

/**
 * What the CLI, the language server, the docs and the manifest know about a kind without loading
 * its model and checks (its names, wording and globs): a Dockerfile lint in the CLI never loads the
 * Compose implementation (esbuild.mjs, ADR 008).
 */
export interface FileKindInfo<Id extends string = string> {
  /** The `--kind` value, the rules' `targets` entry and the key of a rule's check function. */
  id: Id;
  /** How messages and docs name one file of this kind, with its article: "a Dockerfile". */
  singular: string;
  /** And several: "Dockerfiles". */
  plural: string;
  /** The language of a docs example's code fence. */
  fenceLanguage: string;
  /** The name a text without one (standard input with only `--kind`) is linted as. */
  defaultFileName: string;
  /**
   * Editor language ids of these documents. The first is the one package.json contributes file
   * names to; a document with any of them is this kind unless its name is a lookalike.
   */
  languageIds: readonly [string, ...string[]];
  names: {
    /**
     * Globs over a base name (the `*`/`?`/`{a,b}` that VS Code's `filenamePatterns`, LSP file
     * watchers and picomatch share) that cover every name `matches` accepts, plus lookalikes.
     */
    globs: readonly string[];
    /** Whether a base name (no folder) is a file of this kind. */
    matches(baseName: string): boolean;
    /**
     * Whether a base name fits the globs but is not such a file (`Dockerfile.md`): editors give
     * it this kind's language anyway, so the language id is not trusted for it.
     */
    isLookalike(baseName: string): boolean;
  };
  /**
   * Extensions of this kind's files (with the dot), for collections whose names carry only that
   * (rule fixtures `<case>.Dockerfile`, `<case>.yaml`): not enough to claim a file found on disk.
   */
  extensions: readonly string[];
  /**
   * Globs of the files next to one of these that its lint reads (`.env`, `.dockerignore`): an
   * edit to one on disk re-lints the open documents.
   */
  siblingGlobs: readonly string[];
  /** Whether the parse takes the `.env` next to the file (Compose interpolation). */
  readsDotEnv: boolean;
}

/** A kind with its implementation: the parse, the checks it runs and the edits it allows. */
export interface FileKindModule<Id extends string = string, Model = unknown> extends FileKindInfo<Id> {
  /** `context` is the lint's: Compose loads the project the file belongs to through its reader. */
  parse(text: string, dotEnv: string | undefined, context?: ParseContext): Model;
  /**
   * A report as this file shows it, or undefined when it belongs to another file (a Compose value
   * written in another file of the project is that file's finding).
   */
  placeReport?<T extends { range: Range; fixes?: Fix[]; service?: string }>(model: Model, report: T): T | undefined;
  index(model: Model): TextIndex;
  /** A rule's check for this kind (the function under the rule's `id` key), if it has one. */
  checkOf(rule: Rule): ((ctx: { model: Model } & CheckContextBase) => void) | undefined;
  /**
   * The file cut into slices whose findings, for the rules with `reach: 'stage'`, are a function of
   * each slice's text (ADR 009), or undefined when there is nothing to reuse: kinds without it are
   * linted whole every time.
   */
  slices?(model: Model): TextSlice[] | undefined;
  /** Findings the engine itself adds after the rules ran, if this kind has such a step. */
  engineStep?(input: EngineStepInput<Model>): EngineStep | undefined;
  /**
   * Why no automatic edit (fix, pin) may be computed from this parse, or undefined: after a YAML
   * syntax error the recovered tree can put nodes in the wrong place.
   */
  editsBlockedReason(model: Model): string | undefined;
  suppression: {
    /** What a `# shipshape-ignore` comment before `line` covers. */
    scopes(model: Model): (line: number) => LineScope;
    /** The line a "suppress for this line" comment goes before, for a finding on `line`. */
    anchorLine(index: TextIndex, line: number): number;
    /** The first line a "suppress for this file" comment may go on. */
    fileCommentLine(index: TextIndex): number;
  };
  /** Image references, for hovers. */
  images(model: Model): ImageReference[];
  /** Image references "pin to digest" can rewrite, in any order. */
  pinTargets(model: Model): PinTarget[];
}

/** What a parse may read besides the text: the lint's cross-file reader and the file's path. */
export interface ParseContext {
  readFile(relativePath: string): string | undefined;
  path?: string;
  /** The config's Compose file sets (`compose.projects`), relative to the folder `path` is relative to. */
  composeProjects?: readonly (readonly string[])[];
}

/** What every rule check receives besides the model (rule.ts's BaseContext). */
export interface CheckContextBase {
  config: ShipshapeConfig;
  report(report: Report): void;
}
