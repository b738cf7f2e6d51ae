import type { Instruction } from 'dockerfile-ast';
import { isScalar } from 'yaml';
import { insertMapPair, replaceScalarContent } from '../compose/edits';
import { scalarString, type ComposeService } from '../compose/model';
import { lineage, type DockerfileModel, type Stage } from '../dockerfile/model';
import { isRootUser } from '../dockerfile/user-value';
import { copyOperands } from '../dockerfile/copy-operands';
import { argsOf, flag } from '../dockerfile/instruction-args';
import { unquote } from '../dockerfile/paths';
import { effectiveWords, programName, type ShellWord } from '../dockerfile/shell';
import { createdUser, findStage, stageUser, suggestedUser } from '../dockerfile/stage-user';
import { DROP_TOOLS, dropTarget, isDropCall } from '../dockerfile/privilege-drop';
import { isOfficialImage } from '../image-ref';
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
  const instructions = stage.instructions;
  for (let i = instructions.indexOf(instruction) + 1; i < instructions.length; i++)
    if (RUNS_AS_USER.has(instructions[i]!.getKeyword())) return true;
  return false;
}

// Official images whose entrypoint starts as root and steps down to the service's own user
// (docker-library's docker-entrypoint.sh: `exec gosu <user> "$BASH_SOURCE" "$@"` or su-exec).
const OFFICIAL_STEP_DOWN: Record<string, string> = {
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  mongo: 'mongodb',
  redis: 'redis',
  rabbitmq: 'rabbitmq',
  ghost: 'node',
  cassandra: 'cassandra',
  couchdb: 'couchdb',
  zookeeper: 'zookeeper',
};

interface PrivilegeDrop {
  /** What was seen, for the message: "gosu to mysql, used in RUN on line 40". */
  evidence: string;
}

/** The first word naming gosu or su-exec (`gosu`, `su-exec=0.2-r3`, `/usr/local/bin/gosu`). */
function dropToolWord(words: readonly ShellWord[]): ShellWord | undefined {
  for (const w of words) {
    // Both patterns name the tool: a word without it is passed over without running them.
    if (!w.value.includes('gosu') && !w.value.includes('su-exec')) continue;
    if (/^(?:gosu|su-exec)(?:[<>=].*)?$/.test(w.value) || /\/(?:gosu|su-exec)$/.test(w.value)) return w;
  }
  return undefined;
}

/**
 * Whether the stage starts as root to drop privileges at run time, and what shows it: a drop in
 * ENTRYPOINT/CMD, in an entrypoint script the Dockerfile copies (read when it is in the build
 * context), the tool installed or used in a RUN, or an official base image known to step down.
 */
function privilegeDrop(model: DockerfileModel, stage: Stage): PrivilegeDrop | undefined {
  // The stage first, then the stages it builds FROM, each stage's instructions walked in place.
  const chain = chainOf(stage);
  // ENTRYPOINT ["gosu", "app", "server"], CMD ["su-exec", "app", ...]
  for (const chainStage of chain) {
    for (const instruction of chainStage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENTRYPOINT' && keyword !== 'CMD') continue;
      const words = argsOf(instruction).map((a) => a.value);
      const at = words.findIndex((w) => DROP_TOOLS.has(w.split('/').pop()!));
      if (at === -1) continue;
      const tool = words[at]!.split('/').pop()!;
      if (!isDropCall(tool, words.slice(at))) continue;
      const user = dropTarget(tool, words.slice(at));
      return { evidence: `${tool}${user ? ` to ${user}` : ''} in ${keyword} on line ${instruction.getRange().start.line + 1}` };
    }
  }
  // The entrypoint script, when it is in the build context beside the Dockerfile.
  for (const chainStage of chain) {
    for (const instruction of chainStage.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || flag(instruction, 'from')) continue;
      for (const source of copyOperands(instruction).sources) {
        const path = unquote(source.value);
        if (source.heredoc || !/(?:entrypoint|\.sh$)/i.test(path) || path.includes('$') || path.includes('*')) continue;
        const drop = model.buildContext.scriptDrop(path);
        if (drop) return { evidence: `${drop.tool}${drop.user ? ` to ${drop.user}` : ''} in ${path}` };
      }
    }
  }
  // Installed or exercised at build time: `apk add su-exec`, `wget -O /usr/local/bin/gosu`,
  // `gosu node npm ci`: tools whose only purpose is stepping down, so having one means the
  // entrypoint uses it. setpriv and runuser come with util-linux: a RUN using them says nothing.
  let installed: { tool: string; line: number } | undefined;
  const users = new Map<string, number>();
  for (const script of model.runScripts) {
    if (!chain.includes(script.stage)) continue;
    for (const command of script.commands) {
      const effective = effectiveWords(command);
      const tool = programName(effective[0]);
      if (tool === 'gosu' || tool === 'su-exec' || tool === 's6-setuidgid') {
        const user = dropTarget(
          tool,
          effective.map((w: ShellWord) => w.value),
        );
        if (user && !user.includes('$')) users.set(`${tool} to ${user}`, (users.get(`${tool} to ${user}`) ?? 0) + 1);
      }
      if (installed) continue;
      const at = dropToolWord(effective);
      if (at)
        installed = { tool: at.value.includes('su-exec') ? 'su-exec' : 'gosu', line: model.index.position(at.start).line + 1 };
    }
  }
  const used = [...users].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (installed) return { evidence: `${used ?? installed.tool}, installed on line ${installed.line}` };
  if (used) return { evidence: `${used}, used at build time` };
  const ref = stage.base.ref;
  const official = ref && isOfficialImage(ref) ? ref.repository.slice('library/'.length) : undefined;
  const user = official ? OFFICIAL_STEP_DOWN[official] : undefined;
  if (official && user) return { evidence: `the official ${official} image's entrypoint steps down to ${user}` };
  return undefined;
}

// Official server images whose master process starts as root to bind a port below 1024 and runs
// its workers as an unprivileged user: "add USER" breaks them; an unprivileged variant or a high
// port works.
const NGINX_ADVICE =
  "nginx's master process starts as root to bind port 80 and runs its workers unprivileged; to drop root entirely, build FROM nginxinc/nginx-unprivileged (listens on 8080) or listen on a port above 1024 and add USER nginx";
const HTTPD_ADVICE =
  "httpd's parent process starts as root to bind port 80 and runs its workers as an unprivileged user; to drop root entirely, Listen on a port above 1024 and add USER with that user";
const APACHE_PHP_ADVICE =
  'Apache starts as root to bind port 80 and runs PHP as www-data; to drop root entirely, Listen on a port above 1024 (ports.conf) and add USER www-data';
const FPM_ADVICE =
  "php-fpm's master starts as root only to run its workers as www-data; it can run as www-data itself (the pool's user/group lines are then ignored): add USER www-data";

/** The stage, then the stages it builds FROM. */
const chainOf = (stage: Stage): Stage[] => [...lineage(stage)];

/** The stage's instructions after those of the stages it builds FROM, in build order. */
function chainInstructions(stage: Stage): Instruction[] {
  return chainOf(stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

function lastNamed(instructions: readonly Instruction[], keyword: string): Instruction | undefined {
  for (let i = instructions.length - 1; i >= 0; i--) if (instructions[i]!.getKeyword() === keyword) return instructions[i];
  return undefined;
}

const hasNamed = (instructions: readonly Instruction[], keyword: string): boolean =>
  lastNamed(instructions, keyword) !== undefined;

/** The program of the last CMD in the stage chain (`nginx`, `apache2-foreground`, `php-fpm`). */
function defaultProgram(instructions: readonly Instruction[]): string | undefined {
  const cmd = lastNamed(instructions, 'CMD');
  const first = cmd ? argsOf(cmd)[0]?.value : undefined;
  return first?.split('/').pop();
}

/**
 * Servers whose master process starts as root to bind a port below 1024 and runs its workers as
 * an unprivileged user, whether built FROM their official image or being that image (its CMD):
 * "add USER" breaks them; an unprivileged variant or a high port works.
 */
function rootMasterAdvice(stage: Stage, instructions: readonly Instruction[]): string | undefined {
  const program = defaultProgram(instructions) ?? '';
  if (program === 'nginx') return NGINX_ADVICE;
  if (program === 'httpd-foreground' || program === 'httpd') return HTTPD_ADVICE;
  if (program === 'apache2-foreground' || program === 'apachectl' || program === 'apache2ctl') return APACHE_PHP_ADVICE;
  if (/^php-fpm[\d.]*$/.test(program)) return FPM_ADVICE;
  const ref = stage.base.ref;
  if (!ref || !isOfficialImage(ref)) return undefined;
  const name = ref.repository.slice('library/'.length);
  const tag = ref.tag ?? '';
  if (name === 'nginx') return NGINX_ADVICE;
  if (name === 'httpd') return HTTPD_ADVICE;
  const php = name === 'php' || name === 'wordpress' || name === 'drupal' || name === 'nextcloud';
  if (php && /apache/.test(tag)) return APACHE_PHP_ADVICE;
  if (php && /fpm/.test(tag)) return FPM_ADVICE;
  return undefined;
}

// Default commands that start an interactive shell or REPL (`CMD ["irb"]`, `CMD ["bash"]`,
// `CMD ["python3"]`): the image is a base or toolbox to build FROM or run commands in, not a service.
const INTERACTIVE = /^(?:(?:ba|da|z|k|a)?sh|irb|python[\d.]*|node|jshell|ghci|iex|erl|julia|lua[\d.]*|tclsh|pwsh|php)$/;

/**
 * A base image: no EXPOSE in the stage or the stages it builds FROM, and a default command that
 * is a shell or REPL (`CMD ["irb"]`, `CMD ["node"]` behind node's docker-entrypoint.sh wrapper), or
 * none at all with no ENTRYPOINT either (inherited from the base image). Language and SDK images
 * (ruby, rust, golang, node, buildpack-deps) leave the runtime user to the images built FROM
 * them, which is where USER belongs.
 */
function isBaseImageStage(instructions: readonly Instruction[]): boolean {
  if (hasNamed(instructions, 'EXPOSE')) return false;
  const cmd = lastNamed(instructions, 'CMD');
  if (!cmd) return !hasNamed(instructions, 'ENTRYPOINT');
  const words = argsOf(cmd).map((a) => a.value);
  const program = (words[0] ?? '').split('/').pop()!;
  return INTERACTIVE.test(program) && words.slice(1).every((w) => w === '-a' || w === '-i' || w === '-l');
}

function checkDockerfile(ctx: DockerfileContext): void {
  const { model, config } = ctx;
  const stage = model.finalStage;
  // Windows containers have no root: they run as ContainerAdministrator or ContainerUser, and a
  // UNIX `USER 10001:10001` is not a valid user there, so this rule has nothing to say about them.
  if (!stage || stage.isWindows) return;
  const status = stageUser(model, stage, config);
  if (status.kind !== 'root') return;
  const drop = privilegeDrop(model, stage);
  if (drop) {
    // Adding USER would break the entrypoint's root steps: no fix, and info, saying what was seen.
    ctx.report({
      range: status.instruction && status.stage === stage ? status.instruction.getRange() : stage.from.getInstructionRange(),
      severity: 'info',
      message: `The final stage starts as root and drops privileges at run time (${drop.evidence}); make sure every path through the entrypoint does, or add USER if nothing in it needs root`,
    });
    return;
  }
  // The chain's instructions in build order, for the questions below about its CMD, ENTRYPOINT
  // and EXPOSE, which are asked only of a stage without an explicit USER.
  const instructions = status.instruction ? [] : chainInstructions(stage);
  const master = status.instruction ? undefined : rootMasterAdvice(stage, instructions);
  if (master) {
    ctx.report({
      range: stage.from.getInstructionRange(),
      message: `The final stage has no USER instruction, so it runs as root: ${master}`,
    });
    return;
  }
  // A user the Dockerfile creates exists in the image; the configured default UID may not.
  const created = createdUser(model, stage);
  const user = created?.name ?? suggestedUser(status.base, config);
  const which = created ? `the user created with ${created.program} on line ${created.line + 1}` : 'a non-root user';
  const insert: Fix = {
    title: `Run as non-root: add "USER ${user}" to the final stage`,
    edits: [insertUserEdit(model, stage, user)],
    preferred: true,
  };
  if (!status.instruction && !status.base.isScratch && isBaseImageStage(instructions)) {
    ctx.report({
      range: stage.from.getInstructionRange(),
      severity: 'info',
      message: `The final stage runs as root and starts no service of its own (no EXPOSE; its default command ${hasNamed(instructions, 'CMD') ? 'is a shell or REPL' : "is the base image's"}): if it is a base image, make sure the images built FROM it set USER; otherwise add "USER ${user}" (${which})`,
      fixes: [insert],
    });
    return;
  }
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
    const build = service.build;
    const dockerfile = build?.parsed;
    if (!build || !dockerfile) continue;
    const stage = findStage(dockerfile, build.target);
    if (!stage || stage.isWindows) continue;
    const status = stageUser(dockerfile, stage, config);
    if (status.kind !== 'root') continue;
    // The service's entrypoint steps down itself: `user:` would break its root steps.
    if (privilegeDrop(dockerfile, stage)) continue;
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
    why: 'A process that runs as root inside the container is root on the host the moment it escapes (a kernel or runtime bug, a mounted socket, a writable host path), and it can change everything in the image at run time. Most base images default to root, so a Dockerfile without USER runs as root. Shipshape follows the final stage through `FROM <earlier stage>` and ARG expansion; images known to default to a non-root user (distroless `:nonroot`, Chainguard non-`-dev`, and `nonRootImages` in config) pass. Windows images (servercore, nanoserver, `mcr.microsoft.com/windows`, Windows tags of official images, and stages built FROM them) have no root account and are not checked. Images that start as root to step down in their entrypoint (gosu, su-exec, setpriv, runuser, s6-setuidgid, `chroot --userspec` in ENTRYPOINT/CMD or in a copied entrypoint script, gosu or su-exec installed in the Dockerfile, or an official base such as postgres, mysql, mongo, redis or rabbitmq whose entrypoint does) are reported at info, saying what was seen: adding USER would break them, so make sure every path through the entrypoint drops. Base images (no ENTRYPOINT or EXPOSE, a shell or REPL as default command) are reported at info too: the images built FROM them choose the user. For nginx, httpd and PHP (Apache, FPM) bases, whose master process needs root to bind port 80, the advice is an unprivileged variant or a high port. Vendor images known to end with a non-root USER (Jupyter docker-stacks, nginx-unprivileged, Grafana, Prometheus, Keycloak) pass. In Compose, `user: root`/`0` is flagged, and a service without `user:` whose own `build:` Dockerfile ends as root is flagged on the service.',
    bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    good: 'FROM node:22-slim\nCOPY . /app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]',
    fix: 'Inserts `USER <user>` before the final CMD/ENTRYPOINT, or replaces an explicit root USER when nothing after it needs root. The user is the one the final stage (or a stage it builds FROM) creates with `useradd`/`adduser`, else `defaultUser` (10001:10001 unless configured; 65532:65532 on scratch and distroless). In Compose, sets `user:` to `defaultUser`.',
  },
  reach: 'stage-in-place',
  dockerfile: checkDockerfile,
  compose: checkCompose,
});
