// The shell commands a RUN instruction executes, with offsets into the Dockerfile text.
import { unquoteFlagValue } from './instruction-args';
import type { Flag, JSONInstruction, Run } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import { effectiveWords, parseShell, programName, type ShellCommand, type ShellWord } from './shell';

export interface RunMount {
  type: string;
  target?: string;
}

export interface RunScript {
  instruction: Run;
  stage: Stage;
  commands: ShellCommand[];
  execForm: boolean;
  mounts: readonly RunMount[];
  flags: Flag[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

export interface RunScripts {
  all: RunScript[];
  /** The RUNs of each stage, in order: indexed once, not filtered out of every RUN per question. */
  byStage: Map<Stage, RunScript[]>;
}

/** Every RUN in every stage, parsed. The model calls this once, on first use; rules read `model.runScripts`. */
export function readRunScripts(model: DockerfileModel): RunScripts {
  const all: RunScript[] = [];
  const byStage = new Map<Stage, RunScript[]>();
  for (const stage of model.stages) {
    const own: RunScript[] = [];
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const script = parseRun(model, stage, instruction as Run);
      all.push(script);
      own.push(script);
    }
    if (own.length > 0) byStage.set(stage, own);
  }
  return { all, byStage };
}

// Most RUNs have no flags: they share one empty list of mounts (never added to).
const NO_MOUNTS: readonly RunMount[] = [];

function parseMounts(flags: Flag[]): readonly RunMount[] {
  if (flags.length === 0) return NO_MOUNTS;
  const mounts: RunMount[] = [];
  for (const flag of flags) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const fields = new Map<string, string>();
    for (const part of unquoteFlagValue(flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      fields.set((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), eq === -1 ? '' : part.slice(eq + 1).trim());
    }
    const mount: RunMount = { type: fields.get('type') || 'bind' };
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target) mount.target = target;
    mounts.push(mount);
  }
  return mounts;
}

function parseRun(model: DockerfileModel, stage: Stage, instruction: Run): RunScript {
  const flags = instruction.getFlags();
  const script: RunScript = { instruction, stage, commands: [], execForm: false, mounts: parseMounts(flags), flags };
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) return script;
  const { index } = model;
  const lastFlag = flags[flags.length - 1];
  const start = lastFlag ? index.offset(lastFlag.getRange().end) : index.offset(argsRange.start);
  const end = index.offset(instruction.getRange().end);
  const jsonStrings = (instruction as unknown as JSONInstruction).getJSONStrings();
  if (jsonStrings.length > 0 && (instruction as unknown as JSONInstruction).getOpeningBracket()) {
    script.execForm = true;
    script.commands = execFormCommands(model, jsonStrings);
    return script;
  }
  const heredocs = instruction.getHeredocs();
  if (heredocs.length === 0) {
    script.commands = parseShell(model.text, start, end, { continuationChar: model.escapeChar });
    return script;
  }
  // `RUN <<EOF` (or `RUN bash <<EOF`) runs the body as a script; `RUN cat <<EOF > f` feeds it data.
  const firstLineEnd = index.lineEnd(argsRange.start.line);
  const head = parseShell(model.text, start, Math.min(firstLineEnd, end), { continuationChar: model.escapeChar });
  script.commands = head.slice();
  const headProgram = head.length === 0 ? '' : programName(effectiveWords(head[0]!)[0]);
  if (head.length > 1 || (headProgram !== '' && !SHELLS.has(headProgram))) return script;
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    if (!content) continue;
    // A loop, not a spread: one heredoc can hold tens of thousands of commands.
    for (const command of parseShell(model.text, index.offset(content.start), index.offset(content.end)))
      script.commands.push(command);
  }
  return script;
}

interface JsonStringLike {
  getValue(): string;
  getJSONValue(): string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `["sh", "-c", "script"]` runs the script; any other exec form is one command. */
function execFormCommands(model: DockerfileModel, strings: JsonStringLike[]): ShellCommand[] {
  const words: ShellWord[] = strings.map((s) => ({
    value: s.getJSONValue(),
    start: model.index.offset(s.getRange().start),
    end: model.index.offset(s.getRange().end),
    quoted: true,
  }));
  if (words.length >= 3 && SHELLS.has(programName(words[0])) && words[1]!.value === '-c') {
    const scriptWord = words[2]!;
    // Offsets inside the JSON string are approximate when it contains escapes.
    return parseShell(model.text, scriptWord.start + 1, scriptWord.end - 1);
  }
  if (words.length === 0) return [];
  return [{ assignments: [], words, redirects: [], start: words[0]!.start, end: words[words.length - 1]!.end }];
}
