#!/usr/bin/env node
// The compiled bundle is kept between runs (load-bundle.js): a pre-commit hook starts the CLI once
// per commit. A lint and the other commands keep separate entries because each holds the code its run used.
const path = require('node:path');

const command = process.argv[2];
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
  loadBundle(path.join(__dirname, '../dist/cli.js'), command === 'lint' ? 'lint' : 'other').run();
}
