// A Dockerfile cut into one slice per stage for re-linting only the stages an edit changed (ADR 009).
// The slice of a stage holds, in file order: the lines before the first FROM (parser directives,
// global ARGs), the stage itself, the stages it builds on through `FROM <stage>` and the stages built
// on it whole, and of
// every other stage its outline: the FROM, and the instructions that can name another stage
// (`COPY --from`, `RUN --mount=from=`). The outline is what rules ask of other stages (which stage
// is last, which stages end up in the image, what a name refers to), so a stage's findings do not
// change when another stage's RUN, ENV or USER does.
import type { Instruction } from 'dockerfile-ast';
import type { SliceRegion, TextSlice } from '../slice-reuse';
import type { DockerfileModel } from './model';

/**
 * Past this many characters of slices per character of the file (many stages repeat each other's
 * outlines, long `FROM <stage>` chains their stages), the whole file is linted instead.
 */
const MAX_SLICED_SIZE = 4;

/** Lines [from, to) of the file. */
type Lines = [from: number, to: number];

/** One slice per stage, in order; undefined for a file with fewer than two stages (nothing to reuse). */
export function stageSlices(model: DockerfileModel): TextSlice[] | undefined {
  const { stages, index, text } = model;
  if (stages.length < 2) return undefined;
  const { lineCount } = index;
  const firstLines = stages.map((stage) => stage.from.getRange().start.line);
  const whole: Lines[] = stages.map((_, s) => [firstLines[s]!, firstLines[s + 1] ?? lineCount]);
  const mentions = new Mentions(text, index);
  const outlines = stages.map((stage, s) => outline(stage.instructions, whole[s]!, mentions));
  const slices: TextSlice[] = [];
  let size = 0;
  for (let s = 0; s < stages.length; s++) {
    const inWhole = new Set<number>([s]);
    for (let parent = stages[s]!.parent; parent && parent.index < s && !inWhole.has(parent.index); parent = parent.parent)
      inWhole.add(parent.index);
    // Stages built on this one, however far down: what they do with what it leaves (apt's lists) is
    // what some rules say about its lines. A child always comes later in the file.
    for (let t = s + 1; t < stages.length; t++) {
      const parent = stages[t]!.parent;
      if (parent && parent.index >= s && parent.index < t && inWhole.has(parent.index)) inWhole.add(t);
    }
    const regions: SliceRegion[] = [];
    let sliceText = '';
    let layout = '';
    const add = ([from, to]: Lines, owned: boolean) => {
      regions.push({ fileLine: from, lines: to - from, owned });
      sliceText += linesOf(index, from, to);
      layout += owned ? `${to - from}o,` : `${to - from},`;
    };
    if (firstLines[0]! > 0) add([0, firstLines[0]!], s === 0);
    for (let t = 0; t < stages.length; t++) {
      if (inWhole.has(t)) add(whole[t]!, t === s);
      else for (const lines of outlines[t]!) add(lines, false);
    }
    size += sliceText.length;
    if (size > MAX_SLICED_SIZE * text.length) return undefined;
    slices.push({
      text: sliceText,
      layout,
      regions,
      ownedLines: whole[s]![1] - whole[s]![0] + (s === 0 ? firstLines[0]! : 0),
      inPlace: () => inPlace(index, regions),
    });
  }
  return slices;
}

/**
 * The stage's FROM and the instructions that may name another stage, each with the lines up to the
 * next instruction (a heredoc's body, comments), merged where they follow each other.
 */
function outline(instructions: readonly Instruction[], [from, to]: Lines, mentions: Mentions): Lines[] {
  const starts: number[] = [];
  const kept: boolean[] = [];
  for (const instruction of instructions) {
    const line = instruction.getRange().start.line;
    // An ONBUILD's trigger shares its line: one entry per line.
    if (line === starts[starts.length - 1]) continue;
    starts.push(line);
    kept.push(false);
  }
  for (let i = 0; i < starts.length; i++) kept[i] = mentions.within(starts[i]!, starts[i + 1] ?? to);
  const lines: Lines[] = [[from, starts[0] ?? to]];
  for (let i = 0; i < starts.length; i++) {
    if (!kept[i]) continue;
    const end = starts[i + 1] ?? to;
    const last = lines[lines.length - 1]!;
    if (last[1] === starts[i]) last[1] = end;
    else lines.push([starts[i]!, end]);
  }
  return lines;
}

/**
 * The lines on which "from" is written, in any case: an instruction that names another stage
 * (`COPY --from=`, `RUN --mount=from=`, `ONBUILD COPY --from=`) has it. Found in one pass over the
 * text, asked in line order.
 */
class Mentions {
  private readonly lines: number[] = [];
  private next = 0;

  constructor(text: string, index: DockerfileModel['index']) {
    // Letters compared with their case bit set (| 32): f, r, o, m.
    for (let at = 0; at + 3 < text.length; at++) {
      if ((text.charCodeAt(at) | 32) !== 102 || (text.charCodeAt(at + 1) | 32) !== 114) continue;
      if ((text.charCodeAt(at + 2) | 32) !== 111 || (text.charCodeAt(at + 3) | 32) !== 109) continue;
      const line = index.position(at).line;
      if (this.lines[this.lines.length - 1] !== line) this.lines.push(line);
    }
  }

  /** Whether "from" is on a line in [from, to); `from` must not go below an earlier question's. */
  within(from: number, to: number): boolean {
    while (this.next < this.lines.length && this.lines[this.next]! < from) this.next++;
    return this.next < this.lines.length && this.lines[this.next]! < to;
  }
}

/**
 * The slice's lines where they are in the file, each line between them empty: what a rule quoting a
 * line number says of it there is what it says of the file. Gaps fall between instructions, where
 * empty lines mean nothing to the parser. An empty line is a line feed, or a carriage return after
 * one (a lone CR ends a line too, and CR then LF would be one line break, not two); a region never
 * starts with a line break (its first line holds a FROM or an instruction).
 */
function inPlace(index: DockerfileModel['index'], regions: readonly SliceRegion[]): string {
  let placed = '';
  let next = 0;
  for (const region of regions) {
    if (region.fileLine > next) {
      const afterCarriageReturn = placed.charCodeAt(placed.length - 1) === 13;
      placed += (afterCarriageReturn ? '\r' : '\n').repeat(region.fileLine - next);
    }
    placed += linesOf(index, region.fileLine, region.fileLine + region.lines);
    next = region.fileLine + region.lines;
  }
  return placed;
}

/** The text of lines [from, to), their line breaks included. */
function linesOf(index: DockerfileModel['index'], from: number, to: number): string {
  return index.text.slice(index.offset({ line: from, character: 0 }), index.offset({ line: to, character: 0 }));
}
