#!/usr/bin/env node
// The compiled bundle is kept between runs (load-bundle.js): a pre-commit hook starts the CLI once
// per commit. A lint and the other commands keep separate entries because each holds the code its run used.
const path = require('node:path');
const { loadBundle } = require('./load-bundle.js');

const variant = process.argv[2] === 'lint' ? 'lint' : 'other';
loadBundle(path.join(__dirname, '../dist/cli.js'), variant).run();
