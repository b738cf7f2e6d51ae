#!/usr/bin/env node
// The compiled bundle is kept between runs (load-bundle.js): a pre-commit hook starts the CLI once
// per commit.
const path = require('node:path');

const args = process.argv.slice(2);
const command = args[0];

/**
 * Which cache entry a run reads: an entry holds the code its first run compiled, so runs that use
 * different code keep separate ones. A lint naming a YAML file (or `--kind compose`) runs the
 * Compose model and rules, other lints mostly the Dockerfile ones (a Dockerfile lint reading an
 * entry written by a Compose lint, or the reverse, was about 0.12x of Node's start-up slower), and
 * the other commands little of either. Only the speed depends on this guess, never the result.
 */
function cacheVariant() {
  if (command !== 'lint') return 'other';
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
