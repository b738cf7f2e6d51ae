// A checkout written by an attacker, built fresh for each test run (git cannot carry FIFOs, and a
// symlink to /dev/zero or .git/config has no business in this repository's own tree). The CLI and
// language-server tests lint it end to end.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Strings that must never appear in any output: each sits somewhere the attack tries to reach. */
export const PLANTED = {
  /** In .git/config, as CI checkouts keep the job token. */
  jobToken: 'ghs_JobTokenFromGitConfig0123456789ABCDEF',
  /** In a file outside the project. */
  outside: 'OUTSIDE_PROJECT_CONTENT_x81f',
  /** A secret in the project's own Dockerfile (legacy ENV form). */
  envSecret: 'Hx7qLegacyEnvSecret',
  /** A `.env` value interpolated into a Compose port. */
  dotEnvSecret: 'Vb3nDotEnvAdminPass',
  /** An ARG token expanded into an ADD URL. */
  argToken: 'npm_abcdefghijklmnopqrstuvwxyz0123456789',
} as const;

export interface HostileCheckout {
  /** The folder holding the project and its neighbours. */
  base: string;
  /** The repository (has a .git folder). */
  project: string;
  /** A folder beside the project that nothing may read or write. */
  outside: string;
  cleanup(): void;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export function makeHostileCheckout(): HostileCheckout {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-hostile-')));
  const project = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  write(path.join(outside, 'Dockerfile'), `FROM ${PLANTED.outside.toLowerCase()}:1\nUSER root\n`);
  write(path.join(outside, 'target.yaml'), `# ${PLANTED.outside}\n`);
  // A parent config that would silence the rules if lookup climbed out of the repository.
  write(path.join(base, '.shipshape.yaml'), 'rules:\n  root-user: off\n  secret-in-env: off\n  legacy-env-format: off\n');

  write(
    path.join(project, '.git', 'config'),
    `[remote "origin"]\n\turl = https://x-access-token:${PLANTED.jobToken}@github.com/o/r\nFROM evil\nUSER root\n`,
  );
  write(
    path.join(project, 'Dockerfile'),
    [
      'FROM ubuntu:latest',
      `ENV DB_PASSWORD ${PLANTED.envSecret}`,
      `ARG NPM_TOKEN=${PLANTED.argToken}`,
      'ADD https://registry.example/pkg.tgz?token=${NPM_TOKEN} /tmp/',
      'USER root',
      '',
    ].join('\n'),
  );
  write(
    path.join(project, 'compose.yaml'),
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${ADMIN_PASSWORD}:80"\n',
  );
  write(path.join(project, '.env'), `ADMIN_PASSWORD=${PLANTED.dotEnvSecret}\n`);
  // In-tree symlinks aimed out of the project, into .git, and at endless files.
  fs.symlinkSync('.git/config', path.join(project, 'Dockerfile.cfg'));
  fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(project, 'outside.Dockerfile'));
  fs.mkdirSync(path.join(project, 'zero'));
  fs.symlinkSync('/dev/zero', path.join(project, 'zero', '.gitignore'));
  write(path.join(project, 'zero', 'Dockerfile'), 'FROM alpine:latest\nUSER 10001\n');
  fs.mkdirSync(path.join(project, 'fifo'));
  execFileSync('mkfifo', [path.join(project, 'fifo', '.gitignore')]);
  write(path.join(project, 'fifo', 'Dockerfile'), 'FROM alpine:latest\nUSER 10001\n');
  return { base, project, outside, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** A second checkout whose .shipshape.yaml never ends (procfs reports its size as 0). */
export function makeEndlessConfigCheckout(): HostileCheckout {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-hostile-config-')));
  const project = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(outside);
  fs.mkdirSync(path.join(project, '.git'), { recursive: true });
  write(path.join(project, 'Dockerfile'), 'FROM ubuntu:latest\nUSER root\n');
  fs.symlinkSync('/proc/self/pagemap', path.join(project, '.shipshape.yaml'));
  return { base, project, outside, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/** Every planted string found in `text`, for assertion messages. */
export function leaksIn(text: string): string[] {
  return Object.values(PLANTED).filter((secret) => text.includes(secret) || text.includes(secret.toLowerCase()));
}
