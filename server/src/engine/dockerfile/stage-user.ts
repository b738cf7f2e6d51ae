import type { Instruction } from 'dockerfile-ast';
import type { ShipshapeConfig } from '../config';
import { isDistroless, isKnownNonRootImage } from '../image-trust';
import { isRootUser, lineage, type DockerfileModel, type Stage } from './model';
import { effectiveWords, programName, type ShellWord } from './shell';

export type StageUser =
  | { kind: 'non-root'; user: string }
  | { kind: 'unknown' }
  /** `instruction` is the USER that selects root; absent when no USER sets one (the base image's root). */
  | { kind: 'root'; user: string; instruction?: Instruction; stage: Stage; base: Stage };

function lastUser(stage: Stage): Instruction | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    if (stage.instructions[i]!.getKeyword() === 'USER') return stage.instructions[i];
  }
  return undefined;
}

/** The USER in force at the end of a stage: its last one, else that of the stage it builds on. */
export function userInForce(stage: Stage): { stage: Stage; instruction: Instruction } | undefined {
  for (const current of lineage(stage)) {
    const instruction = lastUser(current);
    if (instruction) return { stage: current, instruction };
  }
  return undefined;
}

/**
 * Who a stage's processes run as: its last USER, else the stage it builds on, else the base
 * image's default (root, unless the image is known to default to a non-root user).
 */
export function stageUser(model: DockerfileModel, stage: Stage, config: ShipshapeConfig): StageUser {
  const set = userInForce(stage);
  if (set) {
    const { stage: current, instruction } = set;
    const written = instruction.getArgumentsContent() ?? '';
    const expanded = model.expandInStage(current, written, instruction);
    if (expanded.unresolved || !expanded.value.trim()) return { kind: 'unknown' };
    if (!isRootUser(expanded.value)) return { kind: 'non-root', user: expanded.value };
    return { kind: 'root', user: expanded.value.trim(), instruction, stage: current, base: stage.base };
  }
  const { base } = stage;
  if (base.ref && isKnownNonRootImage(base.ref, config)) return { kind: 'non-root', user: '(image default)' };
  return { kind: 'root', user: 'root', stage: base, base };
}

/** Distroless and scratch images have no /etc/passwd entries to name: use the conventional 65532. */
export function suggestedUser(base: Stage, config: ShipshapeConfig): string {
  if (base.isScratch || (base.ref && isDistroless(base.ref))) return '65532:65532';
  return config.defaultUser;
}

export interface CreatedUser {
  name: string;
  /** `useradd` or `adduser`, for the message. */
  program: string;
  /** 0-based line of the command. */
  line: number;
}

// Options that take a value, so the word after them is not the login name. useradd is
// shadow-utils'; adduser is Debian's (long options) or BusyBox's (short ones, as in Alpine),
// whose -g is the GECOS field and -D means "no password" rather than useradd's "defaults".
const USERADD_VALUE_OPTIONS = new Set([
  ...'bcdefgGkKpRPsuZ'.split('').map((c) => `-${c}`),
  '--base-dir',
  '--comment',
  '--home-dir',
  '--expiredate',
  '--inactive',
  '--gid',
  '--groups',
  '--skel',
  '--key',
  '--password',
  '--root',
  '--prefix',
  '--shell',
  '--uid',
  '--selinux-user',
  '--selinux-range',
]);
const ADDUSER_VALUE_OPTIONS = new Set([
  ...'hgsGuk'.split('').map((c) => `-${c}`),
  '--home',
  '--shell',
  '--uid',
  '--gid',
  '--ingroup',
  '--gecos',
  '--comment',
  '--conf',
  '--firstuid',
  '--lastuid',
  '--firstgid',
  '--lastgid',
]);
const LOGIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}\$?$/;

/** The login name a `useradd`/`adduser` command creates, as written (`$VAR` unexpanded). */
function loginOperand(program: string, args: ShellWord[]): ShellWord | undefined {
  const withValue = program === 'useradd' ? USERADD_VALUE_OPTIONS : ADDUSER_VALUE_OPTIONS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!.value;
    if (arg === '--') return args[i + 1];
    if (!arg.startsWith('-') || arg === '-') return args[i];
    // `useradd -D` shows or sets the defaults; Debian `adduser --group x` without --system makes a group.
    if (program === 'useradd' && (arg === '-D' || arg === '--defaults')) return undefined;
    if (program === 'adduser' && arg === '--group' && !args.some((a) => a.value === '--system')) return undefined;
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && withValue.has(arg)) i++;
      continue;
    }
    // A cluster of short options (`-rm`, `-ms /bin/bash`, `-u1000`): a value option takes the rest or the next word.
    for (let c = 1; c < arg.length; c++) {
      if (!withValue.has(`-${arg[c]}`)) continue;
      if (c === arg.length - 1) i++;
      break;
    }
  }
  return undefined;
}

/** The UID a `useradd`/`adduser` command asks for (`-u 0`, `-u0`, `--uid 0`, `--uid=0`), if any. */
function requestedUid(args: ShellWord[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!.value;
    if (arg === '-u' || arg === '--uid') return args[i + 1]?.value;
    if (arg.startsWith('--uid=')) return arg.slice('--uid='.length);
    const short = /^-[a-zA-Z]*u(\d+)$/.exec(arg);
    if (short) return short[1];
  }
  return undefined;
}

/** Debian's `adduser USER GROUP` adds an existing user to a group: a second operand means no new account. */
function addsToGroup(program: string, args: ShellWord[], login: ShellWord): boolean {
  if (program !== 'adduser') return false;
  const after = args.slice(args.indexOf(login) + 1);
  return after.some((word) => !word.value.startsWith('-'));
}

/**
 * The user the stage (or a stage it builds FROM) creates with `useradd`/`adduser`, the last one
 * when there are several: `USER <it>` names an account that exists in the image, where a
 * configured UID may not.
 */
export function createdUser(model: DockerfileModel, stage: Stage): CreatedUser | undefined {
  const deleted = new Set<string>();
  for (const current of lineage(stage)) {
    const own = model.runScriptsOf(current);
    for (let s = own.length - 1; s >= 0; s--) {
      const script = own[s]!;
      for (let c = script.commands.length - 1; c >= 0; c--) {
        const words = effectiveWords(script.commands[c]!);
        const program = programName(words[0]);
        // Walking backwards, a later `userdel x` is seen before the `useradd x` it undoes.
        if (program === 'userdel' || program === 'deluser') {
          const operand = words.slice(1).filter((w) => !w.value.startsWith('-'))[0];
          if (operand) deleted.add(operand.value);
          continue;
        }
        if (program !== 'useradd' && program !== 'adduser') continue;
        const args = words.slice(1);
        const login = loginOperand(program, args);
        if (!login || addsToGroup(program, args, login)) continue;
        // An account with UID 0 is root under another name: suggesting it would keep the finding's cause.
        const uid = requestedUid(args);
        if (uid !== undefined && /^0+$/.test(uid)) continue;
        const expanded = model.expandInStage(script.stage, login.value, script.instruction);
        if (expanded.unresolved || !LOGIN_NAME.test(expanded.value) || isRootUser(expanded.value)) continue;
        if (deleted.has(login.value) || deleted.has(expanded.value)) continue;
        return { name: expanded.value, program, line: model.index.position(login.start).line };
      }
    }
  }
  return undefined;
}

export function findStage(model: DockerfileModel, target: string | undefined): Stage | undefined {
  if (!target) return model.finalStage;
  return model.stageAliases.get(target.toLowerCase());
}
