// Every rule's documented examples are linted: the "bad" one must draw the rule, the "good" one must
// not (a suppression comment with its reason counts as the documented way out). Docs that
// contradict the rule teach users to ignore it.
import { strict as assert } from 'node:assert';
import { lint, mergeConfig, RULES, type FileKind } from '../../server/src/engine';

// Every rule on, at its strict level, so rules that are off by default are checked too.
const strict = mergeConfig({ extends: 'strict' });

// Examples are excerpts: a Dockerfile without FROM, a service's keys without `services:`, or a
// Dockerfile and a Compose file one after the other. Each is completed into files the rule can
// judge, with scaffolding no rule objects to.
const SCAFFOLD_IMAGE = `nginx:1.27@sha256:${'a'.repeat(64)}`;

function dockerfileOf(excerpt: string): string {
  return /^\s*FROM\s/im.test(excerpt) ? excerpt : `FROM scratch\n${excerpt}`;
}

function composeOf(excerpt: string): string {
  // volumes:, networks: and the like are service keys too: without services: the excerpt is a service.
  if (/^(services|include)\s*:/m.test(excerpt)) return excerpt;
  const indented = excerpt
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  const hasImage = /^(image|build)\s*:/m.test(excerpt);
  return `services:\n  example:\n${hasImage ? '' : `    image: ${SCAFFOLD_IMAGE}\n`}${indented}`;
}

/** The files an example stands for: a Compose part starts at a top-level Compose key. */
function filesOf(example: string, targets: readonly FileKind[]): { kind: FileKind; text: string }[] {
  const composeStart = /^(services|include|x-[\w-]+)\s*:/m.exec(example);
  if (targets.includes('dockerfile') && targets.includes('compose') && composeStart && composeStart.index > 0)
    return [
      { kind: 'dockerfile', text: dockerfileOf(example.slice(0, composeStart.index).trim()) },
      { kind: 'compose', text: example.slice(composeStart.index) },
    ];
  const kind: FileKind =
    targets.length === 1
      ? targets[0]!
      : /^\s*(FROM|RUN|COPY|ADD|ENV|ARG|USER|EXPOSE|CMD|ENTRYPOINT)\s/m.test(example)
        ? 'dockerfile'
        : 'compose';
  return [{ kind, text: kind === 'dockerfile' ? dockerfileOf(example) : composeOf(example) }];
}

// Rules reported by the engine itself or needing files beside the example (a .dockerignore, a
// service's Dockerfile): their examples are documented, not self-contained.
const NOT_SELF_CONTAINED = new Set(['unused-suppression', 'copy-ignored-file']);

describe('rule documentation examples', () => {
  for (const rule of RULES) {
    if (NOT_SELF_CONTAINED.has(rule.id) || rule.reportedByEngine) continue;
    it(`${rule.id}: the bad example is flagged and the good one is not`, () => {
      const fired = (example: string) =>
        filesOf(example, rule.targets).flatMap(({ kind, text }) =>
          lint({ text: `${text}\n`, kind, path: 'example' }, strict).findings.filter(
            (f) => f.ruleId === rule.id && !f.suppressed,
          ),
        );
      assert.ok(fired(rule.docs.bad).length > 0, `the bad example of ${rule.id} draws no ${rule.id} finding:\n${rule.docs.bad}`);
      const good = fired(rule.docs.good);
      assert.deepEqual(
        good.map((f) => f.message),
        [],
        `the good example of ${rule.id} is flagged by its own rule:\n${rule.docs.good}`,
      );
    });
  }
});
