// dockerfile-ast 0.7 throws from getHeredocs on some instructions without a heredoc; the engine
// answers "no heredoc" there, so no rule fails on the file.
import { strict as assert } from 'node:assert';
import { lint } from '../../server/src/engine/lint';
import { mergeConfig } from '../../server/src/engine/config';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';

const STRICT = mergeConfig({ extends: 'strict' });

describe('heredocs of instructions dockerfile-ast cannot read', () => {
  for (const [name, text] of [
    ['a continuation, then a line starting with an escaped #', 'FROM alpine:3.19\nRUN a \\\n\\#foo\nb\n'],
    ['the same with CRLF', 'FROM alpine:3.19\r\nRUN a \\\r\n\\#foo\r\nb\r\n'],
    ['in a COPY', 'FROM alpine:3.19\nCOPY a \\\n\\#foo\nb /x/\n'],
    ['with the backtick escape', '# escape=`\nFROM alpine:3.19\nRUN a `\n`#foo\nb\n'],
  ] as const) {
    it(`lints ${name} with no rule failing`, () => {
      const failed = lint({ text, kind: 'dockerfile' }, STRICT).findings.filter((f) => /failed on this file/.test(f.message));
      assert.deepEqual(
        failed.map((f) => f.ruleId),
        [],
      );
    });
  }

  it('still reads the heredocs an instruction has', () => {
    const model = parseDockerfile('FROM alpine:3.19\nRUN <<EOF\napk add curl\nEOF\n');
    const run = model.stages[0]!.instructions[0]! as unknown as { getHeredocs(): { getName(): string }[] };
    assert.equal(run.getHeredocs().length, 1);
    assert.equal(run.getHeredocs()[0]!.getName(), 'EOF');
  });
});
