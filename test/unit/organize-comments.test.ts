// organizeComments replaces dockerfile-ast's Dockerfile.organizeComments, asking each build stage
// for its range once per parse instead of once per comment: every stage (and the instructions
// before the first FROM) must end up with the comments, in the order, the library gives it.
// Compared on the rule fixtures, the shared corpus and texts with comments before, between, inside
// and after stages, continuations, CRLF and a BOM.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { installAstMemo } from '../../server/src/engine/dockerfile/ast-memo';
import { dockerfileAstOrganizeComments, organizeComments } from '../../server/src/engine/dockerfile/organize-comments';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

interface Template {
  getComments(): { getRange(): unknown; getContent(): string }[];
}
interface Internals {
  initialInstructions: Template;
  buildStages: Template[];
}

type Organize = typeof organizeComments;

/** Each stage's comments (the initial instructions' first) after `organize` ran on a fresh parse. */
function organized(text: string, organize: Organize): unknown[] {
  installAstMemo();
  const dockerfile = DockerfileParser.parse(text);
  // The parse already organized its comments once: start again from empty stages.
  const internals = dockerfile as unknown as Internals;
  for (const template of [internals.initialInstructions, ...internals.buildStages]) template.getComments().length = 0;
  organize.call(dockerfile as unknown as ThisParameterType<Organize>);
  return [internals.initialInstructions, ...internals.buildStages].map((template) =>
    template.getComments().map((comment) => ({ range: comment.getRange(), content: comment.getContent() })),
  );
}

function assertSame(text: string, label: string): number {
  const ours = organized(text, organizeComments);
  assert.deepStrictEqual(ours, organized(text, dockerfileAstOrganizeComments), label);
  return ours.reduce<number>((n, comments) => n + (comments as unknown[]).length, 0);
}

describe('organizeComments (stage ranges asked once per parse)', () => {
  it('gives every stage the comments dockerfile-ast gives it, on the rule fixtures', () => {
    let comments = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) comments += assertSame(fs.readFileSync(file, 'utf8'), file);
    assert.ok(comments > 100, `only ${comments} comments placed`);
  });

  it('gives every stage the comments dockerfile-ast gives it, on the shared corpus', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    let comments = 0;
    for (const file of files) comments += assertSame(fs.readFileSync(file, 'utf8'), file);
    assert.ok(comments > 1000, `only ${comments} comments placed`);
  });

  it('places comments before, between, inside and after stages', () => {
    const cases = [
      '# only a comment',
      '# c0\nARG A=1\n# c1\nFROM a AS one\n# c2\nRUN x\n# c3\nFROM one\n# c4\nRUN y \\\n# inside\n  z\n# last',
      '\uFEFF# bom\r\nFROM a\r\n# c\r\nRUN b \\\r\n  # in\r\n  c\r\n# end',
      'FROM a\n# one\nFROM b\n# two\n\n\nFROM c\n# three',
      '# escape=`\n# c\nFROM a\nRUN b `\n# in\n c',
      'ARG A\n# before any stage\nARG B',
      'FROM a # same line\n# next',
    ];
    for (const text of cases) assertSame(text, JSON.stringify(text));
  });
});
