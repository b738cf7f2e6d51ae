// Every rule's documented examples are linted: the "bad" one must draw the rule, the "good" one must
// not (a suppression comment with its reason counts as the documented way out, and then it must
// really silence a finding). Docs that contradict the rule teach users to ignore it.
import { strict as assert } from 'node:assert';
import { lint, mergeConfig, RULES, type FileKind, type Finding, type Rule } from '../../server/src/engine';

// A rule on in the default preset is judged there, as a user first meets it; the rest under
// `strict`, which turns them on. (service-hardening exists only where strict is not in force: it
// stands in for three rules that strict reports on their own.)
const recommended = mergeConfig({});
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

interface ExampleFiles {
  linted: { kind: FileKind; text: string }[];
  /** Files beside the linted one (a `.dockerignore`), read through lint's readFile. */
  beside: Map<string, string>;
}

// An example made of several files heads each with its name: `# .dockerignore` ... `# Dockerfile` ...
const FILE_HEADING = /^# (\.dockerignore|Dockerfile)$/m;

/** The files an example stands for: a Compose part starts at a top-level Compose key. */
function filesOf(example: string, targets: readonly FileKind[]): ExampleFiles {
  const beside = new Map<string, string>();
  const parts = example.split(FILE_HEADING);
  if (parts.length > 1 && parts[0]!.trim() === '') {
    let dockerfile = '';
    for (let i = 1; i < parts.length; i += 2) {
      const [name, body] = [parts[i]!, parts[i + 1]!.trim()];
      if (name === 'Dockerfile') dockerfile = body;
      else beside.set(name, `${body}\n`);
    }
    return { linted: [{ kind: 'dockerfile', text: dockerfileOf(dockerfile) }], beside };
  }
  const composeStart = /^(services|include|x-[\w-]+)\s*:/m.exec(example);
  // Comments alone before the Compose part (a file-top suppression) are not a Dockerfile.
  const before = composeStart ? example.slice(0, composeStart.index) : '';
  if (composeStart && targets.includes('dockerfile') && targets.includes('compose') && /^\s*[^#\s]/m.test(before))
    return {
      linted: [
        { kind: 'dockerfile', text: dockerfileOf(example.slice(0, composeStart.index).trim()) },
        { kind: 'compose', text: example.slice(composeStart.index) },
      ],
      beside,
    };
  const kind: FileKind =
    targets.length === 1
      ? targets[0]!
      : /^\s*(FROM|RUN|COPY|ADD|ENV|ARG|USER|EXPOSE|CMD|ENTRYPOINT)\s/m.test(example)
        ? 'dockerfile'
        : 'compose';
  return { linted: [{ kind, text: kind === 'dockerfile' ? dockerfileOf(example) : composeOf(example) }], beside };
}

function lintExample(rule: Rule, example: string): Finding[] {
  const config = rule.severity === 'off' ? strict : recommended;
  const { linted, beside } = filesOf(example, rule.targets);
  return linted.flatMap(
    ({ kind, text }) =>
      lint({ text: `${text}\n`, kind, path: 'example', readFile: (relative) => beside.get(relative) }, config).findings,
  );
}

const unsuppressed = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId && !f.suppressed);

describe('rule documentation examples', () => {
  it('every rule documents a bad and a good example', () => {
    for (const rule of RULES) {
      assert.ok(rule.docs.bad.trim(), `${rule.id} has no bad example`);
      assert.ok(rule.docs.good.trim(), `${rule.id} has no good example`);
    }
  });

  for (const rule of RULES) {
    it(`${rule.id}: the bad example is flagged and the good one is not`, () => {
      const bad = lintExample(rule, rule.docs.bad);
      assert.ok(
        unsuppressed(bad, rule.id).length > 0,
        `the bad example of ${rule.id} draws no ${rule.id} finding:\n${rule.docs.bad}`,
      );
      const good = lintExample(rule, rule.docs.good);
      assert.deepEqual(
        unsuppressed(good, rule.id).map((f) => f.message),
        [],
        `the good example of ${rule.id} is flagged by its own rule:\n${rule.docs.good}`,
      );
      // A suppression shown as the way out must silence something, or the example teaches a no-op.
      assert.deepEqual(
        unsuppressed(good, 'unused-suppression').map((f) => f.message),
        [],
        `the good example of ${rule.id} carries a suppression that silences nothing:\n${rule.docs.good}`,
      );
    });
  }

  // The two "better" examples that were once flagged by their own rule (issue 19).
  for (const id of ['docker-socket', 'host-device']) {
    it(`${id}: the better example's mount is suppressed with a reason, not missed`, () => {
      const rule = RULES.find((r) => r.id === id)!;
      const own = lintExample(rule, rule.docs.good).filter((f) => f.ruleId === id);
      assert.ok(
        own.length > 0 && own.every((f) => f.suppressed?.justification),
        `${id} no longer sees the suppressed mount in its good example`,
      );
    });
  }
});
