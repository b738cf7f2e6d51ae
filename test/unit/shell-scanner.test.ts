// parseShell groups words into commands while it scans, where it used to make a token per word and
// group them afterwards (test/unit/reference/shell-773e942.ts). Every RUN-reading rule sees its
// commands, so it must give the same commands, words, offsets and separators on every input: compared
// on each instruction and whole file of the rule fixtures and the shared corpus (when checked out),
// edge cases of quoting, escapes, redirections, line endings and heredocs, and random texts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DockerfileParser, type Run } from 'dockerfile-ast';
import { parseShell } from '../../server/src/engine/dockerfile/shell';
import { parseShell as referenceParseShell } from './reference/shell-773e942';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

interface Word {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

interface Command {
  assignments: Word[];
  words: Word[];
  redirects: Word[];
  prev?: string;
  next?: string;
  start: number;
  end: number;
}

// The new commands always carry prev and next (undefined when there is no separator); the old ones
// left them out. Rules read them only as values, so the comparison does too.
const plain = (commands: Command[]) =>
  commands.map((c) => ({
    assignments: c.assignments.map((w) => ({ ...w })),
    words: c.words.map((w) => ({ ...w })),
    redirects: c.redirects.map((w) => ({ ...w })),
    prev: c.prev,
    next: c.next,
    start: c.start,
    end: c.end,
  }));

let compared = 0;

function assertSame(source: string, from: number, to: number, continuationChar: string | undefined, label: string): void {
  const options = continuationChar === undefined ? {} : { continuationChar };
  const ours = parseShell(source, from, to, options);
  const reference = referenceParseShell(source, from, to, options);
  assert.deepStrictEqual(plain(ours), plain(reference), `${label} [${from}, ${to})`);
  compared++;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') offsets.push(i + 1);
  }
  return offsets;
}

/** Each instruction's arguments (as a RUN's script is read), each heredoc's body, and the whole text. */
function assertSameOnDockerfile(text: string, label: string): void {
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  const lines = lineOffsets(text);
  const offset = (p: { line: number; character: number }) => Math.min(text.length, lines[p.line]! + p.character);
  for (const instruction of dockerfile.getInstructions()) {
    const args = instruction.getArgumentsRange();
    if (!args) continue;
    const line = `${label}, line ${instruction.getRange().start.line + 1}`;
    assertSame(text, offset(args.start), offset(instruction.getRange().end), escape, line);
    for (const heredoc of (instruction as unknown as Run).getHeredocs()) {
      const content = heredoc.getContentRange();
      if (content) assertSame(text, offset(content.start), offset(content.end), undefined, `${line} heredoc`);
    }
  }
  assertSame(text, 0, text.length, escape, label);
  assertSame(text, 0, text.length, undefined, label);
}

describe('parseShell (commands grouped while scanning)', () => {
  it('gives the commands of the previous scanner on the rule fixtures', () => {
    compared = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) assertSameOnDockerfile(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} scripts compared`);
  });

  it('gives the commands of the previous scanner on the shared corpus', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    for (const file of files) assertSameOnDockerfile(fs.readFileSync(file, 'utf8'), file);
  });

  it('gives the commands of the previous scanner on quoting, escapes, redirections, separators and line endings', () => {
    const cases = [
      'RUN apt-get update && apt-get install -y curl || exit 1; echo done & wait',
      'RUN a | b |& c ;; d && (e; f) || { g; }',
      'RUN echo hi > /dev/null 2>&1 && cmd &> log && x 2> err <in >>out >&2 3>&- y>|z',
      'RUN cat <&0 >&0 10>&2 x9>y 2>&1x',
      'RUN echo "a b" \'c d\' e"f g"h "x\\"y\\\\z\\$w\\`v\\q" \'no\\escape\'',
      'RUN echo $(date +%s) ${HOME:-/root} "$(echo \'x y\' | tr a b)" `uname -r` $((1 + 2))',
      'RUN echo $(a \\\n  b) "q \\\n r" ${X \\\n}',
      'RUN FOO=1 BAR+=2 make X=3 && env A=1 sudo -u root B=2 cmd',
      'RUN if [ -f x ]; then echo y; elif z; then w; else v; fi && while true; do x; done && ! y',
      'RUN for i in 1 2; do echo $i; done; case $x in a) b;; esac; function f { g; }; select s in a; do :; done',
      'RUN time make && { a; b; } && "if" quoted keyword && x=1',
      'RUN a \\\n  b \\\n# comment \\ with escape\n  c \\\n\n\n  d',
      'RUN a\\\r\nb \\\r\n  c\r\nRUN d\r\n',
      'RUN a \\  \n  b\\ \t\n c',
      'RUN echo \\#not-a-comment # a comment && not a command\nRUN b',
      'RUN echo "unterminated',
      "RUN echo 'unterminated",
      'RUN echo $(unterminated',
      'RUN echo trailing\\',
      'RUN 2>',
      'RUN >',
      'RUN &',
      'RUN a;',
      '\uFEFFRUN echo bom && x',
      '# escape=`\nRUN a `\n  b c`d `$e `` f\nRUN x`\r\n y',
      '# escape=`\nRUN dir c:\\ `\n  && echo \\ done',
      'RUN <<EOF\necho a b\nset -e && x | y\nEOF',
      'RUN bash <<EOF\ncd /x\nmake\nEOF',
      'RUN cat <<EOF > /etc/f && <<-TWO cat\nbody\nEOF\n\tmore\n\tTWO',
      'RUN ["sh", "-c", "echo a && b"]',
      'RUN --mount=type=cache,target=/root/.cache pip install -r r.txt',
    ];
    for (const text of cases) assertSameOnDockerfile(text, JSON.stringify(text));
  });

  it('gives the commands of the previous scanner on random texts of the characters it treats specially', () => {
    const alphabet = [
      'a',
      '1',
      '2',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\\',
      '`',
      '$',
      '(',
      ')',
      '{',
      '}',
      '#',
      '"',
      "'",
      '=',
      '-',
      '>',
      '<',
      '&',
      '|',
      ';',
      'if ',
      'fi',
      'for ',
      'X=1 ',
      'do ',
      'done',
      'sudo ',
      // A continuation character scan() has no other use for, and a character outside ASCII.
      '^',
      '\u00e9',
    ];
    let state = 2024;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 4000; n++) {
      let body = '';
      for (let i = 0, length = Math.floor(next() * 50); i < length; i++) body += alphabet[Math.floor(next() * alphabet.length)];
      const text = `RUN ${body}\nRUN x`;
      assertSame(text, 0, text.length, '\\', 'random');
      assertSame(text, 0, text.length, '`', 'random');
      assertSame(text, 0, text.length, undefined, 'random');
      assertSame(text, 0, text.length, '^', 'random');
      assertSame(text, 4, Math.max(4, text.length - 3), '\\', 'random');
    }
  });
});
