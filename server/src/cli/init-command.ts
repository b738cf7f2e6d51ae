// `shipshape init`: a commented starting config, every key explained, nothing silenced.
import * as path from 'node:path';
import { createProjectFile, FileAccessError, ProjectRoot } from '../workspace/file-access';
import type { Io } from './main';

export const INITIAL_CONFIG = `# Shipshape configuration: https://github.com/shipshape-dev/shipshape#configuration-shipshapeyaml
# The nearest .shipshape.yaml up from a file applies (stopping at the git root).

# recommended (default) or strict (every rule on, at least at info).
extends: recommended

# Per-rule severity: off | hint | info | warning | error. \`shipshape rules\` lists the ids.
rules: {}
#  read-only-rootfs: off
#  root-user: error

# Registries and images you trust, on top of Docker Official Images and the built-in vendor list.
trustedRegistries: []
#  - ghcr.io/your-org
trustedImages: []
#  - your-org/base-*

# Images whose default user is not root (so root-user does not flag them).
nonRootImages: []

# The user the root-user fix writes.
defaultUser: "10001:10001"

# Files the CLI does not lint (globs relative to this file).
ignore: []
#  - vendor/**

# Scoped exceptions; the reason is kept with every finding they silence (JSON, SARIF).
overrides: []
#  - rules: { docker-socket: off }
#    services: [traefik]
#    files: ["deploy/**"]
#    reason: "reverse proxy reads container labels (SEC-1234)"
`;

export function writeInitialConfig(args: string[], io: Io): number {
  const force = args.includes('--force');
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    io.stderr(`shipshape init: unexpected ${unknown.join(' ')}\nUsage: shipshape init [--force]\n`);
    return 2;
  }
  const file = path.join(io.cwd, '.shipshape.yaml');
  try {
    // Never through a symlink (dangling or not): a checkout could aim it anywhere.
    createProjectFile(file, INITIAL_CONFIG, new ProjectRoot(io.cwd), { overwrite: force, shownAs: '.shipshape.yaml' });
  } catch (error) {
    if (error instanceof FileAccessError && error.reason === 'exists') {
      io.stderr('shipshape init: .shipshape.yaml already exists (use --force to overwrite)\n');
      return 2;
    }
    io.stderr(`shipshape init: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout('Wrote .shipshape.yaml\n');
  return 0;
}
