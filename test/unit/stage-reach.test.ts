// Re-linting only the stages an edit changed (ADR 009) must give exactly a full lint's findings.
// Every Dockerfile of the fixtures, the examples and (when checked out beside) the shared corpus is
// linted with a memory seeded by the file as it was before an edit to one stage, and compared with
// a full lint: the edited stage is re-linted from its slice, the others come from the memory (moved
// when lines were added above them). A rule that says `reach: 'stage'` and looks at another stage
// makes these fail, naming it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { mergeConfig, type ShipshapeConfig } from '../../server/src/engine/config';
import { SliceMemory } from '../../server/src/engine/slice-reuse';
import { stageSlices } from '../../server/src/engine/dockerfile/stage-slices';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { RULES } from '../../server/src/engine/rules';
import type { Finding, LintInput } from '../../server/src/engine/types';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';
import { ADVERSARIAL } from './stage-reach-texts';

const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');
// Every rule on, at least at info: a rule `recommended` leaves off is held to its reach too.
const STRICT = mergeConfig({ extends: 'strict' });
// A stage before the file's own: its stages then move when the first one is edited.
const EARLIER_STAGE = 'FROM alpine:3.19 AS shipshape-earlier\nRUN true\n';

/** A lint input reading the files beside `file`, as the CLI would (a fixture's `.dockerignore`). */
function inputFor(file: string, text: string): LintInput {
  const dir = path.dirname(file);
  return {
    text,
    kind: 'dockerfile',
    path: path.basename(file),
    readFile: (relative) => {
      const target = path.resolve(dir, relative);
      if (path.dirname(target) !== dir) return undefined;
      try {
        return fs.readFileSync(target, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** The edits tried on each stage: a line added after its FROM (later stages move down), its last line gone, a space typed on its FROM line. */
function editsOf(text: string): string[] {
  const slices = stageSlices(parseDockerfile(text));
  if (!slices) return [];
  const lines = text.split(/(?<=\n)/);
  const edited: string[] = [];
  for (const slice of slices) {
    const own = slice.regions[slice.regions.length - 1]!;
    const from = own.fileLine;
    const last = own.fileLine + own.lines - 1;
    const eol = lines[from]!.endsWith('\r\n') ? '\r\n' : '\n';
    edited.push([...lines.slice(0, from + 1), `# edited${eol}`, ...lines.slice(from + 1)].join(''));
    if (last > from) edited.push([...lines.slice(0, last), ...lines.slice(last + 1)].join(''));
    edited.push([...lines.slice(0, from), lines[from]!.replace(/(\r?\n)?$/, ' $1'), ...lines.slice(from + 1)].join(''));
  }
  return edited;
}

const shown = (findings: Finding[]) => findings.map((finding) => JSON.stringify(finding));

function assertSame(reused: Finding[], full: Finding[], what: string): void {
  const a = shown(reused);
  const b = shown(full);
  if (a.join('\n') === b.join('\n')) return;
  const extra = a.filter((line) => !b.includes(line));
  const missing = b.filter((line) => !a.includes(line));
  const rules = new Set([...extra, ...missing].map((line) => (JSON.parse(line) as Finding).ruleId));
  assert.fail(
    `${what}: reused findings differ from a full lint's (rules: ${[...rules].join(', ') || 'order only'})\n` +
      `only reused: ${extra.slice(0, 3).join('\n')}\nonly full: ${missing.slice(0, 3).join('\n')}`,
  );
}

/** Lints `before`, then each edit of it and `before` again, with one memory; each against a full lint. */
function checkFile(file: string, text: string, config: ShipshapeConfig, what: string): number {
  let checked = 0;
  for (const [e, after] of editsOf(text).entries()) {
    const memory = new SliceMemory();
    const first = lint({ ...inputFor(file, text), memory }, config);
    assertSame(first.findings, lint(inputFor(file, text), config).findings, `${what}, first lint`);
    const edited = lint({ ...inputFor(file, after), memory }, config);
    assertSame(edited.findings, lint(inputFor(file, after), config).findings, `${what}, edit ${e}`);
    const back = lint({ ...inputFor(file, text), memory }, config);
    assertSame(back.findings, first.findings, `${what}, edit ${e} undone`);
    checked++;
  }
  return checked;
}

function filesOf(dir: string): string[] {
  return filesUnder(dir, isDockerfile).sort();
}

/** Each file's text and the variants it is also checked as. */
function checkAll(files: string[], variants: (text: string) => [string, string][]): number {
  let checked = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('\u0000')) continue;
    for (const [variant, shownText] of variants(text))
      checked += checkFile(file, shownText, STRICT, `${path.basename(path.dirname(file))}/${path.basename(file)}${variant}`);
  }
  return checked;
}

const asWritten = (text: string): [string, string][] => [['', text]];
const withVariants = (text: string): [string, string][] => [
  ['', text],
  [' as CRLF', text.replace(/\r?\n/g, '\r\n')],
  [' after another stage', EARLIER_STAGE + text],
];

describe('re-linting only the stages an edit changed (ADR 009)', function () {
  this.timeout(600_000);

  it('marks some rules stage-local, and only rules with a Dockerfile check', () => {
    const local = RULES.filter((rule) => rule.reach !== undefined);
    assert.ok(local.length > 10, `only ${local.length} rules say reach: 'stage'`);
    for (const rule of local) assert.ok(rule.dockerfile, `${rule.id} says reach: 'stage' without a Dockerfile check`);
  });

  it('lints in full, and lets go of the memory, when reusing it fails', () => {
    const text = ADVERSARIAL.aliasChain!;
    const memory = new SliceMemory();
    const input = inputFor('/nonexistent/Dockerfile', text);
    lint({ ...input, memory }, STRICT);
    memory.entries = new (class extends Map<never, never> {
      override get(): never {
        throw new Error('a broken memory');
      }
    })();
    assertSame(lint({ ...input, memory }, STRICT).findings, lint(input, STRICT).findings, 'broken memory');
    assert.equal(memory.entries.size, 0);
    assert.ok(!(memory.entries.get('') as unknown), 'a new, working map');
  });

  it("gives a full lint's findings on texts written to catch a rule looking past its stage", () => {
    let checked = 0;
    for (const [name, text] of Object.entries(ADVERSARIAL))
      for (const [variant, shownText] of withVariants(text))
        checked += checkFile(`/nonexistent/${name}/Dockerfile`, shownText, STRICT, `${name}${variant}`);
    assert.ok(checked > 100, `only ${checked} edits checked`);
  });

  it("gives a full lint's findings on the rule fixtures and examples, as written, as CRLF and after another stage", () => {
    const checked = checkAll([...filesOf(FIXTURES_DIR), ...filesOf(EXAMPLES_DIR)], withVariants);
    assert.ok(checked > 500, `only ${checked} edits checked`);
  });

  it("gives a full lint's findings on the shared corpus", function () {
    const files = filesOf(CORPUS_DIR);
    if (files.length === 0) this.skip();
    assert.ok(checkAll(files, asWritten) > 100);
  });
});
