#!/usr/bin/env node
// The language server for any LSP client. Clients usually pass --stdio; without a transport flag
// stdio is assumed, so `shipshape-language-server` alone works in an editor's config.
const transports = ['--stdio', '--node-ipc', '--pipe', '--socket', '--clientProcessId'];
if (!process.argv.slice(2).some((arg) => transports.some((t) => arg === t || arg.startsWith(`${t}=`)))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
