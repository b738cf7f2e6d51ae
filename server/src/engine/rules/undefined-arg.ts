import { defineRule } from '../rule';

// Build arguments BuildKit defines itself (docs: "Automatic platform ARGs in the global scope").
const PREDEFINED = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'ftp_proxy',
  'no_proxy',
  'all_proxy',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'SOURCE_DATE_EPOCH',
]);

export default defineRule({
  id: 'undefined-arg',
  title: 'Undefined variable in FROM',
  category: 'correctness',
  severity: 'warning',
  refs: { buildkit: ['UndefinedArgInFrom'], checkov: [] },
  docs: {
    why: "FROM only sees ARGs declared before the first FROM (plus BuildKit's platform args). A variable declared later, or misspelled, expands to an empty string, so `FROM node:${NODE_VERSION}` quietly becomes `FROM node:` (latest) or a broken reference.",
    bad: 'FROM node:${NODE_VERSION}-slim\nARG NODE_VERSION=22',
    good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim',
    fix: 'None automatic: declare the ARG before the first FROM (or fix the name).',
  },
  dockerfile(ctx) {
    for (const stage of ctx.model.stages) {
      for (const variable of stage.from.getVariables()) {
        const name = variable.getName();
        if (ctx.model.globalArgs.has(name) || PREDEFINED.has(name)) continue;
        ctx.report({
          range: variable.getRange(),
          message: `$${name} in FROM is not declared by an ARG before the first FROM, so it expands to an empty string; add "ARG ${name}=<default>" at the top`,
        });
      }
    }
  },
});
