#!/usr/bin/env node
// Node 22+ can keep the compiled bundle on disk between runs: about a fifth of a one-file lint's
// start-up (pre-commit hooks start the CLI once per commit). Older Node has no such cache.
try {
  require('node:module').enableCompileCache?.();
} catch {
  // A read-only or full temp folder only costs the cache.
}
require('../dist/cli.js').run();
