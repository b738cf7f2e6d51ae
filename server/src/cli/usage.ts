// What every command shares: the error that prints usage, and the process streams it writes to.
export class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, read whole (`shipshape lint -`). */
  readStdin?: () => string;
}
