// A comment line after a line continuation at the very end of a RUN's script made the shell
// scanner loop forever (found by differential fuzzing in #22's review): one such line in a hostile
// or half-typed Dockerfile froze the CLI and the language server. Each text is linted in a child
// process with a time limit, so that a hang fails this test instead of stalling the suite.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** RUNs that end in a continuation and a comment line, in the shapes that hung and their neighbours. */
function texts(): string[] {
  const runs = ['RUN a \\', 'RUN a \\ \\', 'RUN a \\  ', 'RUN a && \\', 'RUN echo "$(x \\', 'RUN a `'];
  const comments = ['# c', '#', '  # c', '#\\'];
  const after = ['', '\n', '\nRUN <<EOF', '\nRUN <<EOF\nEOF\n', '\nRUN b', '\n# d'];
  const out: string[] = [];
  for (const escape of ['', '# escape=`\n'])
    for (const run of runs)
      for (const comment of comments)
        for (const rest of after) {
          const line = escape ? run.replace(/\\/g, '`') : run;
          const text = `${escape}FROM alpine\n${line}\n${comment}${rest}`;
          out.push(text, text.replace(/\n/g, '\r\n'));
        }
  return out;
}

describe('shell scanner: a comment line after a continuation at the end of a RUN', () => {
  it('every such text is linted, none hangs', function () {
    this.timeout(120_000);
    const all = texts();
    const script = `
      const { lint } = require('./server/src/engine');
      let done = 0;
      for (const text of JSON.parse(process.argv[1])) { lint({ kind: 'dockerfile', text }); done++; }
      process.stdout.write(String(done));
    `;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script, JSON.stringify(all)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.signal, null, `the lint did not end (killed by ${run.signal})`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, String(all.length));
  });
});
