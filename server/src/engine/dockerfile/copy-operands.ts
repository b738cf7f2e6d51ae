// Sources and destination of COPY and ADD, in shell form, JSON form and with heredocs.
// dockerfile-ast lists a heredoc's body lines among the instruction's arguments
// (`COPY <<EOF /etc/app.conf` + body + `EOF` gives five "arguments"), so rules that take "the
// last argument" as the destination must cut the body off first.
import type { Instruction } from 'dockerfile-ast';
import { instructionMemo } from './ast-memo';
import { argsOf, heredocsOf, type Arg } from './instruction-args';

export interface CopySource extends Arg {
  /** `<<EOF`: the content is inline, not a path in the build context. */
  heredoc: boolean;
}

export interface CopyOperands {
  readonly sources: readonly CopySource[];
  readonly destination?: Arg;
}

// Seven rules read the operands of every COPY/ADD; compute them once per parsed instruction.
export const copyOperands: (instruction: Instruction) => CopyOperands = instructionMemo(
  (instruction) => instruction,
  computeCopyOperands,
);

function computeCopyOperands(instruction: Instruction): CopyOperands {
  let args = argsOf(instruction);
  const heredocs = heredocsOf(instruction);
  if (heredocs.length > 0) {
    // Everything from the first heredoc body on is content; the operands sit on the first line(s).
    const bodyStart = Math.min(
      ...heredocs.map(
        (h) => h.getContentRange()?.start.line ?? h.getDelimiterRange()?.start.line ?? h.getStartRange().end.line + 1,
      ),
    );
    args = args.filter((a) => a.range.start.line < bodyStart);
  }
  if (args.length < 2) return { sources: [] };
  const destination = args[args.length - 1]!;
  const sources = args.slice(0, -1).map((a) => ({ ...a, heredoc: heredocs.length > 0 && a.value.startsWith('<<') }));
  return { sources, destination };
}

/** A URL ADD downloads (`https://`, `git@host:repo`), as opposed to a path in the build context. */
export function isRemoteSource(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@[^:]+:/.test(value);
}
