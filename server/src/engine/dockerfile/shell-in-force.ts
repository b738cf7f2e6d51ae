// The SHELL in force at each instruction. Docker runs a shell-form RUN, CMD, ENTRYPOINT or
// HEALTHCHECK CMD as the last SHELL before it in the stage, inherited through `FROM <stage>`, plus
// the command text; without one, `/bin/sh -c` on Linux and `cmd /S /C` on Windows (Dockerfile
// reference, "SHELL"). Worked out once per model, in file order: a parent stage always comes
// before the stages built on it, so its SHELL at the end is known when they start.
import type { Instruction } from 'dockerfile-ast';
import { argsOf, isJsonForm } from './instruction-args';
import type { Stage } from './model';
import { inForce } from './stage-place';

export interface ShellInForce {
  /** The argv of the SHELL instruction in force, as written; undefined when no SHELL applies. */
  written?: readonly string[];
  /** What Docker wraps a shell-form command in: `written`, else the platform's default. */
  argv: readonly string[];
  /** Whether that shell splits words and runs pipes like /bin/sh (cmd and PowerShell do not). */
  posix: boolean;
}

export interface ShellsInForce {
  /** The shell in force just before `instruction`; for an instruction outside the stage, at its end. */
  at(stage: Stage, instruction: Instruction): ShellInForce;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const LINUX_DEFAULT: ShellInForce = { argv: ['/bin/sh', '-c'], posix: true };
const WINDOWS_DEFAULT: ShellInForce = { argv: ['cmd', '/S', '/C'], posix: false };

function written(argv: string[]): ShellInForce {
  const program = (argv[0] ?? '').split(/[\\/]/).pop()!.toLowerCase();
  return { written: argv, argv, posix: POSIX_SHELLS.has(program) };
}

export function shellsInForce(stages: readonly Stage[]): ShellsInForce {
  // One object per SHELL: instructions under the same SHELL share it.
  const at = inForce<ShellInForce>(
    stages,
    (stage) => (stage.isWindows ? WINDOWS_DEFAULT : LINUX_DEFAULT),
    // A SHELL not in JSON form fails the build (syntax-error reports it); it changes nothing here.
    (shell, instruction) =>
      instruction.getKeyword() === 'SHELL' && isJsonForm(instruction) ? written(argsOf(instruction).map((a) => a.value)) : shell,
  );
  return { at: (stage, instruction) => at(stage, instruction) ?? LINUX_DEFAULT };
}
