import type { Instruction } from 'dockerfile-ast';
import { isMap, isScalar, type Node } from 'yaml';
import { insertMapPair, replaceScalarContent } from '../compose/edits';
import { keyName, scalarString, type ComposeService } from '../compose/model';
import { isRootUser, parseDockerfile, type DockerfileModel, type Stage } from '../dockerfile/model';
import { baseStage, createdUser, findStage, stageUser, suggestedUser } from '../dockerfile/stage-user';
import { isWindowsImage } from '../image-trust';
import { indentationOf, insertLinesAfter, insertLinesBefore } from '../fix';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Fix, TextEdit } from '../types';

const RUNS_AS_USER = new Set(['RUN']);
const STARTS_PROCESS = new Set(['CMD', 'ENTRYPOINT']);

/** Where `USER x` goes: before the CMD/ENTRYPOINT that follows the last RUN, else at the stage's end. */
function insertUserEdit(model: DockerfileModel, stage: Stage, user: string): TextEdit {
  const instructions = stage.instructions;
  let lastRun = -1;
  instructions.forEach((instruction, i) => {
    if (RUNS_AS_USER.has(instruction.getKeyword())) lastRun = i;
  });
  const before = instructions.find((instruction, i) => i > lastRun && STARTS_PROCESS.has(instruction.getKeyword()));
  if (before) {
    const line = before.getRange().start.line;
    return insertLinesBefore(model.index, line, [`USER ${user}`], indentationOf(model.index, line));
  }
  const last: Instruction = instructions[instructions.length - 1] ?? stage.from;
  return insertLinesAfter(
    model.index,
    last.getRange().end.line,
    [`USER ${user}`],
    indentationOf(model.index, stage.from.getRange().start.line),
  );
}

function hasRunAfter(stage: Stage, instruction: Instruction): boolean {
  const at = stage.instructions.indexOf(instruction);
  return stage.instructions.slice(at + 1).some((i) => RUNS_AS_USER.has(i.getKeyword()));
}

/**
 * A stage built on a Windows image, directly, through ARGs or through a `FROM <stage>` chain.
 * Windows containers have no root: they run as ContainerAdministrator (the default of
 * servercore) or ContainerUser (nanoserver's), and a UNIX `USER 10001:10001` is not a valid
 * user there, so this rule has nothing to say about them.
 */
function isWindowsStage(stage: Stage): boolean {
  const base = baseStage(stage);
  return [base.image?.value, base.imageText].some((text) => text !== undefined && isWindowsImage(text));
}

function checkDockerfile(ctx: DockerfileContext): void {
  const { model, config } = ctx;
  const stage = model.finalStage;
  if (!stage || isWindowsStage(stage)) return;
  const status = stageUser(model, stage, config);
  if (status.kind !== 'root') return;
  // A user the Dockerfile creates exists in the image; the configured default UID may not.
  const created = createdUser(model, stage);
  const user = created?.name ?? suggestedUser(status.base, config);
  const which = created ? `the user created with ${created.program} on line ${created.line + 1}` : 'a non-root user';
  const insert: Fix = {
    title: `Run as non-root: add "USER ${user}" to the final stage`,
    edits: [insertUserEdit(model, stage, user)],
    preferred: true,
  };
  const explicit = status.instruction;
  if (explicit && status.stage === stage) {
    // Replacing is only safe when no RUN after it still needs root; otherwise add a USER later.
    const argsRange = explicit.getArgumentsRange();
    const replace: Fix | undefined =
      argsRange && !hasRunAfter(stage, explicit)
        ? { title: `Replace with "USER ${user}"`, edits: [{ range: argsRange, newText: user }], preferred: true }
        : undefined;
    ctx.report({
      range: explicit.getRange(),
      message: `The final stage runs as root (USER ${status.user}); switch to ${created ? `${user}, ${which}` : `a non-root user such as ${user}`}`,
      fixes: replace ? [replace] : [insert],
    });
    return;
  }
  const why = explicit
    ? `inherits USER ${status.user} from stage "${status.stage.alias ?? status.stage.index}"`
    : status.base.isScratch
      ? 'is FROM scratch with no USER, so it runs as UID 0'
      : 'has no USER instruction, so it runs as the base image default, root';
  ctx.report({
    range: stage.from.getInstructionRange(),
    message: `The final stage ${why}; add "USER ${user}" (${which}) before CMD/ENTRYPOINT`,
    fixes: [insert],
  });
}

/** Joins relative POSIX paths (Compose paths use forward slashes on every OS). */
function joinPath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else segments.push(part);
  }
  return segments.join('/') || '.';
}

interface BuildInfo {
  text: string;
  label: string;
  target?: string;
}

/** The Dockerfile a service builds, read through the engine's file reader. */
function serviceDockerfile(ctx: ComposeContext, service: ComposeService): BuildInfo | undefined {
  const build = service.get('build')?.value;
  let context = '.';
  let dockerfile = 'Dockerfile';
  let target: string | undefined;
  if (isScalar(build)) {
    context = scalarString(ctx.model, build)?.value ?? '.';
  } else if (isMap(build)) {
    const field = (name: string) => {
      const pair = build.items.find((p) => keyName(p.key) === name);
      const value = pair ? scalarString(ctx.model, pair.value as Node) : undefined;
      return value && !value.unresolved ? value.value : undefined;
    };
    const inline = field('dockerfile_inline');
    target = field('target');
    if (inline !== undefined) return { text: inline, label: 'dockerfile_inline', ...(target ? { target } : {}) };
    context = field('context') ?? '.';
    dockerfile = field('dockerfile') ?? 'Dockerfile';
  } else {
    return undefined;
  }
  // Remote contexts (git, https) are not on disk.
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) return undefined;
  const path = dockerfile.startsWith('/') ? dockerfile : joinPath(context, dockerfile);
  const text = ctx.readFile(path);
  return text === undefined ? undefined : { text, label: path, ...(target ? { target } : {}) };
}

function setUserFix(ctx: ComposeContext, service: ComposeService, user: string): Fix {
  return {
    title: `Set user: "${user}"`,
    edits: [insertMapPair(ctx.model, service.node, [`user: "${user}"`])],
    preferred: true,
  };
}

function checkCompose(ctx: ComposeContext): void {
  const { model, config } = ctx;
  for (const service of model.services) {
    const entry = service.get('user');
    if (entry) {
      const value = scalarString(model, entry.value);
      if (!value || value.unresolved || !isRootUser(value.value)) continue;
      const node = entry.value!;
      const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
      const edit = quoted
        ? replaceScalarContent(model, node, config.defaultUser)
        : { range: model.rangeOf(node), newText: `"${config.defaultUser}"` };
      ctx.report({
        range: model.rangeOf(node),
        service: service.name,
        message: `Service "${service.name}" runs as root (user: ${value.value}); use a non-root user such as "${config.defaultUser}"`,
        fixes: [{ title: `Set user: "${config.defaultUser}"`, edits: [edit], preferred: true }],
      });
      continue;
    }
    const build = serviceDockerfile(ctx, service);
    if (!build) continue;
    const dockerfile = parseDockerfile(build.text);
    const stage = findStage(dockerfile, build.target);
    if (!stage || isWindowsStage(stage)) continue;
    const status = stageUser(dockerfile, stage, config);
    if (status.kind !== 'root') continue;
    const user = suggestedUser(status.base, config);
    ctx.report({
      range: model.rangeOf(service.key),
      service: service.name,
      message: `Service "${service.name}" has no user: and its Dockerfile (${build.label}) runs as root in ${build.target ? `stage "${build.target}"` : 'the final stage'}; set user: or add USER to the Dockerfile`,
      fixes: [setUserFix(ctx, service, user)],
    });
  }
}

export default defineRule({
  id: 'root-user',
  title: 'Container runs as root',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: {
    cis: '4.1',
    cwe: 'CWE-250',
    hadolint: ['DL3002'],
    kics: ['Missing User Instruction', "Last User Is 'root'"],
    checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
    trivy: ['DS002'],
  },
  docs: {
    why: 'A process that runs as root inside the container is root on the host the moment it escapes (a kernel or runtime bug, a mounted socket, a writable host path), and it can change everything in the image at run time. Most base images default to root, so a Dockerfile without USER runs as root. Shipshape follows the final stage through `FROM <earlier stage>` and ARG expansion; images known to default to a non-root user (distroless `:nonroot`, Chainguard non-`-dev`, and `nonRootImages` in config) pass. Windows images (servercore, nanoserver, `mcr.microsoft.com/windows`, Windows tags of official images, and stages built FROM them) have no root account and are not checked. In Compose, `user: root`/`0` is flagged, and a service without `user:` whose own `build:` Dockerfile ends as root is flagged on the service.',
    bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    good: 'FROM node:22-slim\nCOPY . /app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]',
    fix: 'Inserts `USER <user>` before the final CMD/ENTRYPOINT, or replaces an explicit root USER when nothing after it needs root. The user is the one the final stage (or a stage it builds FROM) creates with `useradd`/`adduser`, else `defaultUser` (10001:10001 unless configured; 65532:65532 on scratch and distroless). In Compose, sets `user:` to `defaultUser`.',
  },
  dockerfile: checkDockerfile,
  compose: checkCompose,
});
