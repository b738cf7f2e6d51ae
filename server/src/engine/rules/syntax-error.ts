import type { Instruction } from 'dockerfile-ast';
import { editDistance } from '../edit-distance';
import { defineRule, type DockerfileContext } from '../rule';

// Instructions BuildKit's parser accepts (frontend/dockerfile/instructions).
const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

// Flags each instruction accepts in the current Dockerfile frontend; anything else fails the build.
const KNOWN_FLAGS: Record<string, readonly string[]> = {
  FROM: ['platform'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack'],
  RUN: ['mount', 'network', 'security'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

// Instructions whose arguments may be a JSON array; a `[` that is not valid JSON is silently
// run as a shell command, which is never what the author meant.
const JSON_FORM = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD']);

function closestKeyword(word: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  const upper = word.toUpperCase();
  for (const keyword of KNOWN_INSTRUCTIONS) {
    const distance = editDistance(upper, keyword, bestDistance - 1);
    if (distance < bestDistance) {
      best = keyword;
      bestDistance = distance;
    }
  }
  return best;
}

interface FlagLike {
  getName(): string;
  getNameRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

function checkInstruction(ctx: DockerfileContext, instruction: Instruction, beforeFirstFrom: boolean): void {
  const keyword = instruction.getKeyword();
  const keywordRange = instruction.getInstructionRange();
  if (!KNOWN_INSTRUCTIONS.has(keyword)) {
    const suggestion = closestKeyword(keyword);
    ctx.report({
      range: keywordRange,
      message: `Unknown instruction "${instruction.getInstruction()}"${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      fixes: suggestion
        ? [{ title: `Change to ${suggestion}`, edits: [{ range: keywordRange, newText: suggestion }], preferred: true }]
        : [],
    });
    return;
  }
  if (beforeFirstFrom && keyword !== 'ARG' && keyword !== 'FROM') {
    ctx.report({ range: keywordRange, message: `${keyword} before the first FROM: only ARG may come before FROM` });
  }
  const args = instruction.getArguments();
  if (args.length === 0) {
    ctx.report({ range: keywordRange, message: `${keyword} needs at least one argument` });
    return;
  }
  const flags = (instruction as unknown as { getFlags?: () => FlagLike[] }).getFlags?.() ?? [];
  const allowed = KNOWN_FLAGS[keyword];
  for (const flag of flags) {
    if (!allowed || !allowed.includes(flag.getName().toLowerCase())) {
      const name = flag.getName() || '(empty)';
      ctx.report({
        range: flag.getRange(),
        message: allowed
          ? `Unknown flag --${name} for ${keyword}; ${keyword} accepts ${allowed.map((f) => `--${f}`).join(', ')}`
          : `${keyword} takes no flags (--${name})`,
      });
    }
  }
  if (keyword === 'FROM') checkFrom(ctx, instruction);
  if (JSON_FORM.has(keyword)) checkJsonForm(ctx, instruction);
  if (keyword === 'ENV' || keyword === 'LABEL') checkProperties(ctx, instruction);
}

function checkFrom(ctx: DockerfileContext, instruction: Instruction): void {
  const words = instruction.getArguments().filter((a) => !a.getValue().startsWith('--'));
  const valid = words.length === 1 || (words.length === 3 && words[1]!.getValue().toUpperCase() === 'AS');
  if (!valid) {
    ctx.report({
      range: instruction.getArgumentsRange() ?? instruction.getInstructionRange(),
      message: 'FROM takes an image and an optional "AS name": FROM [--platform=...] image [AS name]',
    });
  }
}

// The escape character followed by a line break, per escape character (`\\` or a backtick).
const continuationPatterns = new Map<string, RegExp>();

function continuationPattern(escape: string): RegExp {
  let pattern = continuationPatterns.get(escape);
  if (!pattern) continuationPatterns.set(escape, (pattern = new RegExp(`\\${escape}\\r?\\n`)));
  return pattern;
}

function checkJsonForm(ctx: DockerfileContext, instruction: Instruction): void {
  const content = instruction.getRawArgumentsContent();
  const argsRange = instruction.getArgumentsRange();
  if (!content || !argsRange) return;
  // Leading flags and blanks can only be there when the text starts with a blank or `-`: most
  // instructions are read without a new string.
  const withoutFlags = /^[\s-]/.test(content) ? content.replace(/^(?:\s*--\S+)*\s*/, '') : content;
  if (!withoutFlags.startsWith('[')) {
    if (instruction.getKeyword() === 'SHELL')
      ctx.report({ range: argsRange, message: 'SHELL must be written in JSON form: SHELL ["/bin/sh", "-c"]' });
    return;
  }
  const escape = ctx.model.escapeChar;
  // Line continuations are not part of the JSON text.
  const joined = withoutFlags.includes(escape) ? withoutFlags.split(continuationPattern(escape)).join('') : withoutFlags;
  try {
    const parsed: unknown = JSON.parse(joined);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return;
  } catch {
    // reported below
  }
  ctx.report({
    range: argsRange,
    message: `${instruction.getKeyword()} looks like JSON exec form but is not a valid JSON array of double-quoted strings, so Docker runs it as a shell command`,
  });
}

function checkProperties(ctx: DockerfileContext, instruction: Instruction): void {
  const properties = (
    instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null; getRange(): never }[] }
  ).getProperties();
  for (const property of properties) {
    if (property.getValue() === null) {
      ctx.report({
        range: property.getRange(),
        message: `${instruction.getKeyword()} ${property.getName()} has no value: write ${property.getName()}=value`,
      });
    }
  }
}

export default defineRule({
  id: 'syntax-error',
  title: 'File does not parse',
  category: 'correctness',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { hadolint: [], buildkit: [] },
  docs: {
    why: 'A Dockerfile with an unknown instruction or flag, a missing argument or broken JSON fails to build, or worse, builds something else: an exec-form CMD with a typo is silently run through a shell. A Compose file with a YAML error is rejected by `docker compose`. Shipshape still lints everything it can parse around the error.',
    bad: 'FORM ubuntu:24.04\nCMD ["node", "server.js]',
    good: 'FROM ubuntu:24.04\nCMD ["node", "server.js"]',
    fix: 'Correct the text at the reported range. An unknown instruction one typo away from a real one gets a rename fix.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const problem of ctx.model.problems) ctx.report({ range: problem.range, message: problem.message });
    let seenFrom = false;
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() === 'FROM') seenFrom = true;
      checkInstruction(ctx, instruction, !seenFrom);
    }
    const hasContent = ctx.model.instructions.length > 0;
    if (hasContent && ctx.model.stages.length === 0) {
      ctx.report({
        range: ctx.model.instructions[0]!.getInstructionRange(),
        message: 'No FROM instruction: a Dockerfile must start a build stage with FROM',
      });
    }
  },
  compose(ctx) {
    for (const problem of ctx.model.problems) ctx.report({ range: problem.range, message: problem.message });
    for (const limit of ctx.model.limits) ctx.report({ range: limit.range, message: limit.message });
  },
});
