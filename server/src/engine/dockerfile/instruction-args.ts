// Argument access shared by instruction-level rules: flags excluded, JSON and shell forms alike.
import type { Flag, Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Range } from '../types';

export interface Arg {
  value: string;
  range: Range;
}

interface Flagged {
  getFlags?: () => Flag[];
}

export function flagsOf(instruction: Instruction): Flag[] {
  return (instruction as unknown as Flagged).getFlags?.() ?? [];
}

export function flag(instruction: Instruction, name: string): Flag | undefined {
  return flagsOf(instruction).find((f) => f.getName().toLowerCase() === name);
}

/**
 * A flag's value as BuildKit reads it: its flag scanner drops quote characters anywhere in the word
 * and takes a backslash as escaping the next character, so `--from="build"` names the stage build.
 */
export function unquoteFlagValue(text: string): string {
  let value = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
    else if (ch === '\\' && i + 1 < text.length) value += text[++i];
    else if (ch !== '\\') value += ch;
  }
  return value;
}

/** The value of `--name=...`, unquoted as BuildKit does; undefined when the flag is absent or has no value. */
export function flagValue(instruction: Instruction, name: string): string | undefined {
  const value = flag(instruction, name)?.getValue();
  return value === null || value === undefined ? undefined : unquoteFlagValue(value);
}

/** True when the arguments are a JSON array (`COPY ["a b", "/dst/"]`). */
export function isJsonForm(instruction: Instruction): boolean {
  const json = instruction as unknown as JSONInstruction;
  return typeof json.getOpeningBracket === 'function' && json.getOpeningBracket() !== null && json.getJSONStrings().length > 0;
}

/**
 * The value of a JSON-form string. dockerfile-ast 0.7's getJSONValue() drops the whitespace inside
 * the string (`"app one.py"` comes back as `appone.py`), so the raw text is parsed instead.
 */
export function jsonStringValue(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Not strict JSON (a stray escape): fall back to the text between the quotes.
  }
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}

/** The arguments after any flags, unquoted for the JSON form. */
export function argsOf(instruction: Instruction): Arg[] {
  if (isJsonForm(instruction)) {
    // getRangeContent is dockerfile-ast's (untyped) accessor for the instruction's source text.
    const source = instruction as unknown as { getRangeContent?: (range: Range) => string | null };
    return (instruction as unknown as JSONInstruction).getJSONStrings().map((s) => ({
      value: jsonStringValue(source.getRangeContent?.(s.getRange()) ?? s.toString()),
      range: s.getRange(),
    }));
  }
  return instruction.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
}

interface WithHeredocs {
  getHeredocs?: () => Heredoc[];
}

/** Heredocs of RUN, COPY and ADD (`COPY <<EOF /etc/conf`); none for other instructions. */
export function heredocsOf(instruction: Instruction): Heredoc[] {
  return (instruction as unknown as WithHeredocs).getHeredocs?.() ?? [];
}
