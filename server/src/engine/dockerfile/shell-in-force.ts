// The SHELL in force at each instruction. Docker runs a shell-form RUN, CMD, ENTRYPOINT or
// HEALTHCHECK CMD as the last SHELL before it in the stage, inherited through `FROM <stage>`, plus
// the command text; without one, `/bin/sh -c` on Linux and `cmd /S /C` on Windows (Dockerfile
// reference, "SHELL"). Worked out once per model, in file order: a parent stage always comes
// before the stages built on it, so its SHELL at the end is known when they start.
import type { Instruction } from 'dockerfile-ast';
import { argsOf, isJsonForm } from './instruction-args';
import type { Stage } from './model';
import { placeInStage, stageOf } from './stage-place';

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
  // By stage index, the shell before each of the stage's instructions, in order (stageOf/
  // placeInStage find an instruction's) and at its end; one object per SHELL: instructions under
  // the same SHELL share it.
  const before = new Array<ShellInForce[]>(stages.length);
  const atEnd = new Array<ShellInForce>(stages.length);
  const indexOf = (stage: Stage) => (stages[stage.index] === stage ? stage.index : -1);
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    let shell = (stage.parent && atEnd[indexOf(stage.parent)]) ?? (stage.isWindows ? WINDOWS_DEFAULT : LINUX_DEFAULT);
    const { instructions } = stage;
    const shells = new Array<ShellInForce>(instructions.length);
    before[s] = shells;
    for (let i = 0; i < instructions.length; i++) {
      const instruction = instructions[i]!;
      shells[i] = shell;
      // A SHELL not in JSON form fails the build (syntax-error reports it); it changes nothing here.
      if (instruction.getKeyword() === 'SHELL' && isJsonForm(instruction))
        shell = written(argsOf(instruction).map((a) => a.value));
    }
    atEnd[s] = shell;
  }
  return {
    at: (stage, instruction) => {
      const own = stageOf(instruction);
      return (own && before[indexOf(own)]?.[placeInStage(instruction)]) ?? atEnd[indexOf(stage)] ?? LINUX_DEFAULT;
    },
  };
}
