// Re-linting only what an edit changed (ADR 009). A file is cut into slices, each a function of its
// own text for the rules that say so (a Dockerfile stage: `reach: 'stage'`); the findings of those
// rules on a slice whose text did not change since the last lint are taken from the caller's memory
// instead of running the rules again. Everything else (the whole file's parse, the other rules,
// suppressions, redaction) runs on every lint as before, so the result is the same as a full lint's.
import type { ShipshapeConfig } from './config';
import type { Report, Rule } from './rule';
import type { Fix, Range, TextEdit } from './types';

/** A run of the file's lines that a slice holds. */
export interface SliceRegion {
  fileLine: number;
  lines: number;
  /** Reports starting on these lines are the slice's own (the others belong to another slice). */
  owned: boolean;
}

/** Part of a file: the lines it is made of, and where they come from. */
export interface TextSlice {
  /** Its lines one after another: with the layout, what its findings are a function of. */
  text: string;
  /** How many lines each region has and which it owns: one text can be cut into slices two ways. */
  layout: string;
  regions: readonly SliceRegion[];
  /** How many of the file's lines the slice owns: re-linting it costs about that share of the file. */
  ownedLines: number;
  /** The text a slice is linted as: its lines at their lines in the file, the others empty. */
  inPlace(): string;
}

type Check<Model> = (ctx: { model: Model; config: ShipshapeConfig; report(report: Report): void }) => void;

interface SliceEntry {
  layout: string;
  /** Each region's first line in the file when the reports were stored: they are in file lines. */
  at: number[];
  /** Every file the lint that stored it read, with what it read: a change to one means a miss. */
  reads: ReadonlyMap<string, string | undefined>;
  reports: Map<Rule, Report[]>;
  /** Rules whose reports could not be kept per slice (one threw, or a fix edits lines the slice lacks). */
  whole?: Set<Rule>;
}

/**
 * What the caller keeps between lints of one document (the editor does, per open document): the last
 * lint's slices and their reports. Opaque to the caller; the lint reads and replaces it.
 */
export class SliceMemory {
  /** @internal The config and the list of active rules the entries were made with. */
  config: ShipshapeConfig | undefined;
  /** @internal */
  active: readonly Rule[] | undefined;
  /** @internal By slice text. */
  entries = new Map<string, SliceEntry>();

  /** Lets go of what it holds (a document no longer edited); the next lint is a whole one. */
  forget(): void {
    this.entries = new Map();
  }
}

export interface SliceRun<Model> {
  memory: SliceMemory;
  slices: readonly TextSlice[];
  /** The lint's active rules (the memory is only valid for the same list, which the engine caches per config). */
  active: readonly Rule[];
  /** Those of them whose reports are kept per slice. */
  local: readonly Rule[];
  config: ShipshapeConfig;
  /** The whole file's model, and how to make a slice's. */
  model: Model;
  parse(text: string): Model;
  checkOf(rule: Rule): Check<Model> | undefined;
  /** What the lint has read so far, and its reader (which records what it reads there). */
  reads: ReadonlyMap<string, string | undefined>;
  readFile(path: string): string | undefined;
}

/**
 * The reports of each rule in `local`, slice by slice in file order and in file lines, or undefined
 * for a rule that must run on the whole file this time. Updates the memory.
 */
export function sliceReports<Model>(run: SliceRun<Model>): (rule: Rule) => readonly (readonly Report[])[] | undefined {
  const { memory, slices } = run;
  if (memory.config !== run.config || memory.active !== run.active) {
    memory.config = run.config;
    memory.active = run.active;
    memory.entries = new Map();
  }
  const entries = new Array<SliceEntry | undefined>(slices.length);
  const texts = new Set<string>();
  // Two slices with the same text (a stage copied whole) report at different lines: neither is kept.
  const twins = new Set<string>();
  for (const slice of slices) (texts.has(slice.text) ? twins : texts).add(slice.text);
  const missed: number[] = [];
  for (let i = 0; i < slices.length; i++) {
    const entry = twins.has(slices[i]!.text) ? undefined : memory.entries.get(slices[i]!.text);
    if (entry && entry.layout === slices[i]!.layout && readsHold(entry, run.readFile)) entries[i] = entry;
    else missed.push(i);
  }
  if (missed.length > 0) {
    let missedLines = 0;
    let allLines = 0;
    for (const slice of slices) allLines += slice.ownedLines;
    for (const i of missed) missedLines += slices[i]!.ownedLines;
    // Parsing the changed slices anew costs more than the whole file's rules once most lines changed.
    if (missed.length > 1 && missedLines * 2 > allLines) {
      for (const i of missed) entries[i] = newEntry(slices[i]!);
      fromWholeFile(run, missed, entries, run.local);
    } else for (const i of missed) entries[i] = fromSlice(run, slices[i]!);
    // Taken after the rules ran: an entry depends on every file read so far, its slice's or not.
    const reads = new Map(run.reads);
    for (const i of missed) entries[i]!.reads = reads;
  }
  const moved: number[] = [];
  const next = new Map<string, SliceEntry>();
  for (let i = 0; i < slices.length; i++) {
    const entry = entries[i]!;
    if (moveTo(entry, slices[i]!)) moved.push(i);
    if (!twins.has(slices[i]!.text)) next.set(slices[i]!.text, entry);
  }
  memory.entries = next;
  // Rules that quote line numbers said something else where the slice was: theirs are made anew.
  const inPlace = moved.length > 0 ? run.local.filter((rule) => rule.reach === 'stage-in-place') : [];
  if (inPlace.length > 0) {
    for (const i of moved)
      for (const rule of inPlace) {
        entries[i]!.reports.delete(rule);
        entries[i]!.whole?.delete(rule);
      }
    fromWholeFile(run, moved, entries, inPlace);
  }
  return (rule) => {
    if (!rule.reach || !run.local.includes(rule)) return undefined;
    const reports: Report[][] = [];
    for (const entry of entries) {
      if (entry!.whole?.has(rule)) return undefined;
      const own = entry!.reports.get(rule);
      if (own) reports.push(own);
    }
    return reports;
  };
}

function readsHold(entry: SliceEntry, readFile: (path: string) => string | undefined): boolean {
  for (const [path, text] of entry.reads) if (readFile(path) !== text) return false;
  return true;
}

function newEntry(slice: TextSlice): SliceEntry {
  return { layout: slice.layout, at: slice.regions.map((region) => region.fileLine), reads: new Map(), reports: new Map() };
}

function keepWhole(entry: SliceEntry, rule: Rule): void {
  (entry.whole ??= new Set()).add(rule);
  entry.reports.delete(rule);
}

/** Runs `rules` on the whole file's model and hands each target slice's entry the reports on its lines. */
function fromWholeFile<Model>(
  run: SliceRun<Model>,
  targets: readonly number[],
  entries: readonly (SliceEntry | undefined)[],
  rules: readonly Rule[],
): void {
  const { slices } = run;
  // Which slice owns each line: owned regions do not overlap and cover the file.
  const owners: { from: number; to: number; slice: number }[] = [];
  for (let i = 0; i < slices.length; i++)
    for (const region of slices[i]!.regions)
      if (region.owned) owners.push({ from: region.fileLine, to: region.fileLine + region.lines, slice: i });
  owners.sort((a, b) => a.from - b.from);
  const ownerOf = (line: number): number => {
    let low = 0;
    let high = owners.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (owners[mid]!.from <= line) low = mid;
      else high = mid - 1;
    }
    const owner = owners[low];
    return owner && line >= owner.from && line < owner.to ? owner.slice : -1;
  };
  const target = new Array<boolean>(slices.length).fill(false);
  for (const i of targets) target[i] = true;
  const keepAllWhole = (rule: Rule) => {
    for (const i of targets) keepWhole(entries[i]!, rule);
  };
  for (const rule of rules) {
    const reports = collect(run, run.model, rule);
    if (!reports) {
      keepAllWhole(rule);
      continue;
    }
    for (const report of reports) {
      const i = ownerOf(report.range.start.line);
      if (i === -1) {
        keepAllWhole(rule);
        break;
      }
      // A report on another slice: its entry already holds it.
      if (!target[i]) continue;
      const entry = entries[i]!;
      if (entry.whole?.has(rule)) continue;
      // In the file's lines already; it must only stay within the slice's lines.
      const placed = relocate(report, slices[i]!.regions, 'file', undefined);
      if (placed) pushReport(entry, rule, placed);
      else keepWhole(entry, rule);
    }
  }
}

/** Runs the rules on the slice's own model and keeps the reports on the lines it owns. */
function fromSlice<Model>(run: SliceRun<Model>, slice: TextSlice): SliceEntry {
  const entry = newEntry(slice);
  const model = run.parse(slice.inPlace());
  for (const rule of run.local) {
    const reports = collect(run, model, rule);
    if (!reports) {
      keepWhole(entry, rule);
      continue;
    }
    for (const report of reports) {
      const r = regionIndex(slice.regions, 'file', report.range.start.line);
      if (r === -1 || !slice.regions[r]!.owned) continue;
      const placed = relocate(report, slice.regions, 'file', undefined);
      if (!placed) {
        keepWhole(entry, rule);
        break;
      }
      pushReport(entry, rule, placed);
    }
  }
  return entry;
}

function collect<Model>(run: SliceRun<Model>, model: Model, rule: Rule): Report[] | undefined {
  const reports: Report[] = [];
  try {
    run.checkOf(rule)!({ model, config: run.config, report: (report) => reports.push(report) });
  } catch {
    // Run again on the whole file, where its failure is reported as any rule's is.
    return undefined;
  }
  return reports;
}

function pushReport(entry: SliceEntry, rule: Rule, report: Report): void {
  const own = entry.reports.get(rule);
  if (own) own.push(report);
  else entry.reports.set(rule, [report]);
}

/**
 * Shifts the entry's reports to where its slice's regions are now (lines added or removed above);
 * whether they moved.
 */
function moveTo(entry: SliceEntry, slice: TextSlice): boolean {
  const { regions } = slice;
  let moved = false;
  for (let r = 0; r < regions.length; r++) if (entry.at[r] !== regions[r]!.fileLine) moved = true;
  if (!moved) return false;
  for (const [rule, reports] of entry.reports)
    entry.reports.set(
      rule,
      reports.map((report) => relocate(report, regions, 'stored', entry.at)!),
    );
  entry.at = regions.map((region) => region.fileLine);
  return true;
}

/** Which lines a range is in: the file's now, or the file's when the entry was stored. */
type Lines = 'file' | 'stored';

function firstLine(regions: readonly SliceRegion[], r: number, lines: Lines, at: readonly number[] | undefined): number {
  return lines === 'file' ? regions[r]!.fileLine : at![r]!;
}

function regionIndex(regions: readonly SliceRegion[], lines: Lines, line: number, at?: readonly number[]): number {
  for (let r = 0; r < regions.length; r++) {
    const first = firstLine(regions, r, lines, at);
    if (line >= first && line < first + regions[r]!.lines) return r;
  }
  return -1;
}

/**
 * The report with each of its ranges (its own, its fixes' edits) moved from `lines` to the file's
 * lines as the regions are now, each by the region its start is on; undefined when a range starts
 * outside the regions or ends past the line after its region (an edit of lines the slice lacks).
 */
function relocate(
  report: Report,
  regions: readonly SliceRegion[],
  lines: Lines,
  at: readonly number[] | undefined,
): Report | undefined {
  let changed = false;
  const move = (range: Range): Range | undefined => {
    const r = regionIndex(regions, lines, range.start.line, at);
    if (r === -1) return undefined;
    const first = firstLine(regions, r, lines, at);
    if (range.end.line > first + regions[r]!.lines) return undefined;
    const delta = regions[r]!.fileLine - first;
    if (delta === 0) return range;
    changed = true;
    return {
      start: { line: range.start.line + delta, character: range.start.character },
      end: { line: range.end.line + delta, character: range.end.character },
    };
  };
  const range = move(report.range);
  if (!range) return undefined;
  // New lists only for what moved: checking a report against its slice (no move) allocates nothing.
  const fixes = report.fixes;
  let movedFixes: Fix[] | undefined;
  for (let f = 0; fixes && f < fixes.length; f++) {
    const fix = fixes[f]!;
    let edits: TextEdit[] | undefined;
    for (let e = 0; e < fix.edits.length; e++) {
      const edit = fix.edits[e]!;
      const editRange = move(edit.range);
      if (!editRange) return undefined;
      if (editRange !== edit.range) (edits ??= fix.edits.slice(0, e)).push({ ...edit, range: editRange });
      else edits?.push(edit);
    }
    if (edits) (movedFixes ??= fixes.slice(0, f)).push({ ...fix, edits });
    else movedFixes?.push(fix);
  }
  return changed ? { ...report, range, ...(movedFixes ? { fixes: movedFixes } : {}) } : report;
}
