// `shipshape init`: a commented starting config, every key explained, nothing silenced.
import * as path from 'node:path';
import { createProjectFile, FileAccessError, ProjectRoot } from '../workspace/file-access';
import type { Io } from './main';

/**
 * The config schema as JSON (the repository's raw file, not its web page), for the
 * `# yaml-language-server: $schema=` line: editors with the YAML language server fetch it from there.
 */
export const SCHEMA_URL = 'https://raw.githubusercontent.com/shipshape-dev/shipshape/main/schemas/shipshape.schema.json';

const INIT_USAGE = `Usage: shipshape init [--force]

Writes a commented .shipshape.yaml in the current folder: every key explained, nothing silenced.

Options:
  --force     Overwrite an existing .shipshape.yaml
  -h, --help  Show this help
`;

export const INITIAL_CONFIG = `# yaml-language-server: $schema=${SCHEMA_URL}
# Shipshape configuration: https://github.com/shipshape-dev/shipshape#configuration-shipshapeyaml
# The nearest .shipshape.yaml up from a file applies, on top of the ones in its parent folders
# (up to the git root); \`root: true\` here would stop that.

# recommended (default) or strict (every rule on, at least at info); or a config file relative to
# this one to build on (e.g. ../policy/shipshape.yaml).
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
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(INIT_USAGE);
    return 0;
  }
  const force = args.includes('--force');
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    io.stderr(`shipshape init: unexpected ${unknown.join(' ')}\n\n${INIT_USAGE}`);
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
