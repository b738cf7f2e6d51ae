// Bounded output and memory on hostile input (SECURITY.md, "Bounded work on any input"): a few
// hundred bytes must not turn into hundreds of megabytes of report, a few hundred KB must not
// exhaust the heap (memory.test.ts, a process with a small heap, in the integration tier), and
// nothing in a file may make the engine go silent about it.
import { strict as assert } from 'node:assert';
import { DockerfileParser } from 'dockerfile-ast';
import { DEFAULT_CONFIG, lint, RULES, type Finding } from '../../server/src/engine';
import { defineRule } from '../../server/src/engine/rule';
import { MAX_QUOTED_LENGTH } from '../../server/src/engine/quote';
import { ScopeMap } from '../../server/src/engine/dockerfile/scope-map';

function reportSize(findings: Finding[]): number {
  return JSON.stringify(findings).length;
}

describe('expansion bomb', () => {
  it('24 lines of ENV A=$A$A and 20 WORKDIR $A give a small report, not 268 MB', () => {
    const text = 'FROM alpine:3.20\nENV A=x\n' + 'ENV A=$A$A\n'.repeat(24) + 'WORKDIR $A\n'.repeat(20);
    const { findings } = lint({ text, kind: 'dockerfile', path: 'Dockerfile' });
    assert.ok(reportSize(findings) < 64 * 1024, `report is ${reportSize(findings)} characters`);
  });

  it('a value just under the cap, used on every line, is quoted truncated in each message', () => {
    // 2^11 = 2,048 characters: still expanded, then quoted in 500 findings.
    const text = 'FROM alpine:3.20\nWORKDIR /app\nENV A=x\n' + 'ENV A=$A$A\n'.repeat(11) + 'WORKDIR $A\n'.repeat(500);
    const { findings } = lint({ text, kind: 'dockerfile', path: 'Dockerfile' });
    const workdirs = findings.filter((f) => f.ruleId === 'workdir-relative');
    assert.equal(workdirs.length, 500);
    for (const finding of workdirs) assert.ok(finding.message.length < 6 * MAX_QUOTED_LENGTH, finding.message);
  });
});

describe('ScopeMap (persistent ARG/ENV scopes)', () => {
  it('agrees with a Map after any sequence of sets and deletes, and old versions stay as they were', () => {
    let seed = 20261206;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let scope = ScopeMap.EMPTY;
    const expected = new Map<string, string>();
    const versions: [ScopeMap, Map<string, string>][] = [];
    for (let step = 0; step < 5000; step++) {
      const name = `V${random(300)}`;
      if (random(4) === 0) {
        scope = scope.delete(name);
        expected.delete(name);
      } else {
        const value = `v${step}`;
        scope = scope.set(name, value);
        expected.set(name, value);
      }
      if (step % 500 === 0) versions.push([scope, new Map(expected)]);
    }
    versions.push([scope, expected]);
    for (const [version, map] of versions) {
      for (let i = 0; i < 300; i++) assert.equal(version.get(`V${i}`), map.get(`V${i}`), `V${i}`);
    }
  });
});

describe('nothing goes silent', () => {
  it('a block-sequence nesting bomb under an x- key is a syntax error, and the rest of the file is still linted', () => {
    const text =
      'x-a:\n  ' +
      '- '.repeat(3000) +
      'x\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';
    assert.ok(text.length > 6000);
    const { findings } = lint({ text, kind: 'compose', path: 'compose.yaml' });
    const ids = new Set(findings.map((f) => f.ruleId));
    const syntax = findings.find((f) => f.ruleId === 'syntax-error');
    assert.ok(syntax, 'no syntax-error finding');
    assert.equal(syntax.severity, 'error');
    assert.equal(syntax.range.start.line, 1);
    assert.ok(ids.has('privileged'), `privileged not reported: ${[...ids].join(', ')}`);
    assert.ok(ids.has('docker-socket'), `docker-socket not reported: ${[...ids].join(', ')}`);
  });

  it('flow and block nesting bombs in a service leave the other services linted', () => {
    for (const bomb of ['[', '{a: ', '- ', '? ']) {
      const text =
        'services:\n  evil:\n    image: nginx:1.27\n    x-deep: ' +
        bomb.repeat(4000) +
        '\n  web:\n    image: nginx:1.27\n    privileged: true\n';
      const { findings } = lint({ text, kind: 'compose', path: 'compose.yaml' });
      assert.ok(
        findings.some((f) => f.ruleId === 'syntax-error' && f.severity === 'error'),
        `${bomb}: no syntax error`,
      );
      assert.ok(
        findings.some((f) => f.ruleId === 'privileged' && f.service === 'web'),
        `${bomb}: privileged in "web" not reported`,
      );
    }
  });

  it('a 260 KB RUN still gets every shell-based finding (Math.min(...words) overflowed the stack)', () => {
    const text =
      'FROM alpine:3.20\nRUN curl -fsSL https://example.com/i.sh | sh && sudo chmod 777 /app && echo ' +
      'a '.repeat(130_000) +
      '\n';
    const { findings } = lint({ text, kind: 'dockerfile', path: 'Dockerfile' });
    assert.ok(!findings.some((f) => /failed on this file/.test(f.message)), findings.map((f) => f.message).join('\n'));
    const ids = new Set(findings.map((f) => f.ruleId));
    for (const id of ['pipe-to-shell', 'sudo', 'world-writable']) assert.ok(ids.has(id), `${id} not reported`);
  });

  it('300,000 unknown ids in one suppression comment make a bounded list, not a stack overflow', () => {
    const text = 'FROM alpine:3.20\n# shipshape-ignore-file ' + 'a '.repeat(300_000) + '\nRUN ls\n';
    const { findings } = lint({ text, kind: 'dockerfile', path: 'Dockerfile' });
    const unused = findings.filter((f) => f.ruleId === 'unused-suppression');
    assert.ok(unused.length > 0 && unused.length <= 1001, `${unused.length} unused-suppression findings`);
    assert.match(unused[unused.length - 1]!.message, /299000 more/);
  });

  it('a Dockerfile the parser throws on is a syntax-error finding, not a lint that throws', () => {
    const original = DockerfileParser.parse.bind(DockerfileParser);
    DockerfileParser.parse = (content: string) => {
      if (content !== '') throw new Error('parser failure');
      return original(content);
    };
    try {
      const { findings } = lint({ text: 'FROM alpine:3.20\nUSER root\n', kind: 'dockerfile', path: 'Dockerfile' });
      const syntax = findings.find((f) => f.ruleId === 'syntax-error');
      assert.ok(syntax, 'no syntax-error finding');
      assert.equal(syntax.severity, 'error');
      assert.match(syntax.message, /parser failure/);
    } finally {
      DockerfileParser.parse = original;
    }
  });

  it('a rule that throws reports itself as an error, and the other rules still run', () => {
    const broken = defineRule({
      id: 'broken-rule',
      title: 'Throws',
      category: 'correctness',
      severity: 'warning',
      refs: {},
      docs: { why: '', bad: '', good: '', fix: '' },
      dockerfile() {
        throw new Error('boom '.repeat(10_000));
      },
    });
    const rules = [broken, ...RULES.filter((rule) => rule.id === 'sudo')];
    const { findings } = lint({ text: 'FROM alpine:3.20\nRUN sudo ls\n', kind: 'dockerfile' }, DEFAULT_CONFIG, rules);
    const failure = findings.find((f) => f.ruleId === 'broken-rule');
    assert.ok(failure, 'the failure is not reported');
    assert.equal(failure.severity, 'error');
    assert.ok(failure.message.length < 400, 'the error message is not truncated');
    assert.ok(findings.some((f) => f.ruleId === 'sudo'));
  });
});
