#!/usr/bin/env node
// The compiled bundle is kept between runs (load-bundle.js): a pre-commit hook starts the CLI once
// per commit.
const path = require('node:path');

const args = process.argv.slice(2);
const command = args[0];

// Options of `lint` that take a value as the next argument (cli/main.ts), to tell paths from values.
const LINT_VALUE_OPTIONS = new Set([
  '-f',
  '--format',
  '-o',
  '--output-file',
  '--stdin-filename',
  '--kind',
  '-c',
  '--config',
  '--fail-on',
  '--ignore-path',
  '--max-warnings',
]);
// Past this many paths a run is a folder's worth of files, whatever they are.
const FEW_PATHS = 8;

/** The paths a `lint` names (its arguments that are neither options nor their values). */
function lintPaths() {
  const paths = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return paths.concat(args.slice(i + 1));
    if (LINT_VALUE_OPTIONS.has(arg)) i++;
    else if (arg === '-' || !arg.startsWith('-')) paths.push(arg);
  }
  return paths;
}

/**
 * Which cache entry a run reads: an entry holds the code its first run compiled, so runs that use
 * different code keep separate ones. A lint naming a YAML file (or `--kind compose`) runs the
 * Compose model and rules, other lints mostly the Dockerfile ones (a Dockerfile lint reading an
 * entry written by a Compose lint, or the reverse, was about 0.12x of Node's start-up slower), and
 * the other commands little of either. A lint of a folder (or of many files) runs both kinds, the
 * folder walk and most rules' branches: its entries are about a third larger, and a one-file run
 * reading them spent that much longer deserialising code it never ran, for good if the first run
 * after an install was `lint .`. Only the speed depends on this guess, never the result.
 */
function cacheVariant() {
  if (command !== 'lint') return 'other';
  if (!args.includes('--staged')) {
    const paths = lintPaths();
    if (paths.length === 0 || paths.length > FEW_PATHS) return 'lint-tree';
    const fs = require('node:fs');
    for (const target of paths) {
      if (target !== '-' && fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) return 'lint-tree';
    }
  }
  const compose = args.some(
    (arg, i) => /\.ya?ml$/i.test(arg) || arg === '--kind=compose' || (arg === 'compose' && args[i - 1] === '--kind'),
  );
  return compose ? 'lint-compose' : 'lint';
}

if (command === '--version' || command === '-v') {
  // The version is all this needs, and loading the bundle would be most of its time. The bundle
  // answers the same from the same package.json (cli/main.ts); a test checks that they agree.
  try {
    require('node:fs').writeSync(1, `${require('../package.json').version}\n`);
  } catch {
    // A closed pipe: nothing to tell anyone.
  }
} else {
  const { loadBundle } = require('./load-bundle.js');
  loadBundle(path.join(__dirname, '../dist/cli.js'), cacheVariant()).run();
}
