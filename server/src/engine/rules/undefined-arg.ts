import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../dockerfile/model';
import { defineRule } from '../rule';
import { editDistance, MAX_SUGGESTION_CANDIDATES } from '../edit-distance';

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

/** Whether the instruction's text holds a `$`: dockerfile-ast's getVariables finds variables only at one. */
function holdsDollar(model: DockerfileModel, instruction: Instruction): boolean {
  const range = instruction.getRange();
  const end = model.index.offset(range.end);
  for (let i = model.index.offset(range.start); i < end; i++) if (model.text.charCodeAt(i) === 0x24) return true;
  return false;
}

export default defineRule({
  id: 'undefined-arg',
  title: 'Undefined variable in FROM',
  category: 'correctness',
  severity: 'warning',
  refs: { buildkit: ['UndefinedArgInFrom'] },
  docs: {
    why: "FROM only sees ARGs declared before the first FROM (plus BuildKit's automatic platform args such as BUILDPLATFORM and TARGETARCH). A variable declared later, or misspelled, expands to an empty string, so `FROM node:${NODE_VERSION}` quietly becomes `FROM node:` (latest) or a broken reference.",
    bad: 'FROM node:${NODE_VERSION}-slim\nARG NODE_VERSION=22',
    good: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim',
    fix: 'None automatic: declare the ARG before the first FROM (or fix the name).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    // Made for the first undefined variable: most files have none.
    let declared: string[] | undefined;
    for (const stage of model.stages) {
      // dockerfile-ast's getVariables resolves each variable against every FROM and the initial
      // ARGs, and builds its arguments' text: not worth it for a FROM without a `$`, where it finds none.
      if (!holdsDollar(model, stage.from)) continue;
      for (const variable of stage.from.getVariables()) {
        const name = variable.getName();
        if (model.globalArgs.has(name) || PREDEFINED.has(name)) continue;
        declared ??= [...model.globalArgs.keys(), ...PREDEFINED];
        // BuildKit suggests a declared or built-in name within a small edit distance (`BUILDPLATFROM`).
        const close =
          declared.length > MAX_SUGGESTION_CANDIDATES
            ? []
            : declared.filter((d) => {
                const distance = editDistance(d.toLowerCase(), name.toLowerCase(), 2);
                return distance <= 2 && distance < name.length / 2;
              });
        const hint = close.length === 1 ? ` (did you mean $${close[0]}?)` : '';
        const fallback =
          variable.getModifier() === '-' || variable.getModifier() === ':-' ? variable.getSubstitutionParameter() : null;
        ctx.report({
          range: variable.getRange(),
          message:
            fallback !== null
              ? `$${name} in FROM is not declared by an ARG before the first FROM${hint}, so --build-arg cannot set it and it is always "${fallback}"; declare "ARG ${name}=${fallback}" at the top`
              : `$${name} in FROM is not declared by an ARG before the first FROM${hint}, so it expands to an empty string; declare "ARG ${name}=<default>" at the top`,
        });
      }
    }
  },
});
