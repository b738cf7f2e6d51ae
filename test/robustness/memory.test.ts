// A few hundred KB must not exhaust the heap (SECURITY.md, "Bounded work on any input"). The
// engine runs in a child process with a small heap, so this is in the integration tier.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('memory', () => {
  it('30,000 ENV lines lint in a 256 MB heap (the scope was copied at every ENV)', function () {
    this.timeout(60000);
    // A child process with a small heap: on failure V8 aborts it, which must not take the test run down.
    const script = `
      const { DEFAULT_CONFIG, lint, RULES } = require('./server/src/engine');
      const rules = RULES.filter((rule) => rule.id === 'workdir-relative');
      let text = 'FROM alpine:3.20\\n';
      for (let i = 0; i < 30000; i++) text += 'ENV V' + i + '=value' + i + '\\n';
      text += 'WORKDIR $V29999/x\\n';
      const { findings } = lint({ text, kind: 'dockerfile', path: 'Dockerfile' }, DEFAULT_CONFIG, rules);
      process.stdout.write(String(findings.filter((f) => f.ruleId === 'workdir-relative').length));
    `;
    const out = execFileSync(process.execPath, ['--max-old-space-size=256', '--require', 'tsx/cjs', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(out, '1');
  });
});
