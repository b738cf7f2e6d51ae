// DockerfileModel.instructionsNamed keys its cached lists by a bit set of the keywords asked for
// (any order, no string per question) and copies each out at its length: every list must hold the
// instructions with one of the keywords, in file order, whatever the order, repetition or
// spelling of the keywords, for the whole file and for each stage.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { parseDockerfile, type DockerfileModel, type Stage } from '../../server/src/engine/dockerfile/model';
import { FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

const QUESTIONS: string[][] = [
  ['COPY'],
  ['COPY', 'ADD'],
  ['ADD', 'COPY'],
  ['COPY', 'COPY'],
  ['ENV', 'ARG'],
  ['RUN'],
  ['MAINTAINER'],
  ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'],
  ['copy'],
  ['NOT-A-KEYWORD', 'RUN'],
  ['RUN', 'NOT-A-KEYWORD'],
  [],
];

function check(model: DockerfileModel, label: string): number {
  let checked = 0;
  for (const stage of [undefined, ...model.stages] as (Stage | undefined)[]) {
    const all = stage ? stage.instructions : model.instructions;
    for (const keywords of QUESTIONS) {
      const expected = all.filter((instruction) => keywords.includes(instruction.getKeyword()));
      const list = model.instructionsNamed(stage, ...keywords);
      assert.deepStrictEqual([...list], expected, `${label}: ${keywords.join(' ')}`);
      // Asked again, in any order: the same list (the same array when every keyword is an instruction's).
      const again = model.instructionsNamed(stage, ...[...keywords].reverse());
      if (keywords.every((keyword) => /^[A-Z]+$/.test(keyword))) assert.equal(again, list, `${label}: ${keywords.join(' ')}`);
      else assert.deepStrictEqual([...again], expected, `${label}: ${keywords.join(' ')}`);
      checked += list.length;
    }
  }
  return checked;
}

describe('instructionsNamed (lists keyed by a keyword bit set)', () => {
  it('lists the instructions with the keywords, in order, on a text with several stages and an unknown keyword', () => {
    const model = parseDockerfile(
      'ARG A\nFROM a AS one\nCOPY x y\nADD z w\nRUN r\nNOT-A-KEYWORD q\nFROM one\nCOPY --from=one a b\nENV E=1\nCMD c',
    );
    assert.ok(check(model, 'text') > 0);
    assert.deepStrictEqual(
      model.instructionsNamed(undefined, 'ADD', 'COPY').map((i) => i.getKeyword()),
      ['COPY', 'ADD', 'COPY'],
    );
    assert.equal(model.instructionsNamed(model.stages[1], 'NOT-A-KEYWORD', 'RUN').length, 0);
    assert.equal(model.instructionsNamed(model.stages[0], 'RUN', 'NOT-A-KEYWORD').length, 2);
  });

  it('lists the same instructions as a filter on every rule fixture', () => {
    let checked = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile))
      checked += check(parseDockerfile(fs.readFileSync(file, 'utf8')), file);
    assert.ok(checked > 1000, `only ${checked} instructions listed`);
  });
});
