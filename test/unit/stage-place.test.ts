// The model keeps the variables in scope, the SHELL and the WORKDIR before each instruction in
// arrays in stage order, found through each instruction's stage and index (stage-place.ts), where
// they were Maps keyed by instruction: the scope per stage (an instruction of another stage, or of
// no stage, gets the asked stage's scope at its end), the SHELL and WORKDIR across the model (an
// instruction's own stage's, whichever stage is asked; one of no stage gets the asked stage's at
// its end). These check both, and every stage instruction's place, on fixtures and texts with
// several stages, ONBUILD triggers and ARGs before the first FROM.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { Instruction } from 'dockerfile-ast';
import { parseDockerfile, type DockerfileModel } from '../../server/src/engine/dockerfile/model';
import { placeInStage, stageOf } from '../../server/src/engine/dockerfile/stage-place';
import { FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

const TEXTS = [
  [
    'ARG BASE=alpine',
    'ARG V=1',
    'FROM $BASE AS build',
    'ENV A=one',
    'SHELL ["/bin/bash", "-c"]',
    'WORKDIR /src',
    'ARG V',
    'RUN echo $A $V',
    'ONBUILD RUN echo trigger',
    'ONBUILD USER nobody',
    'FROM build AS next',
    'ENV B=$A',
    'ENV A=two',
    'WORKDIR sub',
    'RUN echo $A $B',
    'FROM alpine',
    'SHELL ["pwsh", "-c"]',
    'WORKDIR /other',
    'ENV A=three',
    'RUN echo $A',
  ].join('\n'),
  'FROM a\r\nENV X=1\r\nRUN x\r\nFROM b\r\nENV X=2\r\nRUN y\r\n',
];

// An instruction of another parse: in no stage of the model.
const stranger = parseDockerfile('FROM x\nRUN y').stages[0]!.instructions[0]!;

function check(model: DockerfileModel, label: string): number {
  let checked = 0;
  const expand = (stage: (typeof model.stages)[number], at: Instruction) => model.expandInStage(stage, '$A|$B|$V|$X', at).value;
  for (const stage of model.stages)
    stage.instructions.forEach((instruction, index) => {
      assert.equal(stageOf(instruction), stage, label);
      assert.equal(placeInStage(instruction), index, label);
    });
  for (const instruction of model.instructions) {
    const own = stageOf(instruction);
    if (own === undefined) assert.equal(placeInStage(instruction), -1, label);
    for (const stage of model.stages) {
      const line = `${label}, line ${instruction.getRange().start.line + 1}, stage ${stage.index}`;
      // Scope: per stage.
      if (own !== stage) assert.equal(expand(stage, instruction), expand(stage, stranger), line);
      // SHELL and WORKDIR: the instruction's own stage's, whichever is asked.
      const asked = own ?? stage;
      const at = own ? instruction : stranger;
      assert.equal(model.shellAt(stage, instruction), model.shellAt(asked, at), line);
      assert.equal(model.workdirAt(stage, instruction), model.workdirAt(asked, at), line);
      checked++;
    }
  }
  return checked;
}

describe('stage places (the per-instruction facts kept in stage order)', () => {
  it('finds each instruction of the texts in its stage, and answers other stages as the Maps did', () => {
    for (const text of TEXTS) check(parseDockerfile(text), JSON.stringify(text.slice(0, 30)));
    const model = parseDockerfile(TEXTS[0]!);
    const [build, next, last] = model.stages;
    const runIn = (stage: typeof build) => stage!.instructions.find((i) => i.getKeyword() === 'RUN')!;
    assert.equal(model.expandInStage(build!, '$A $V', runIn(build)).value, 'one 1');
    assert.equal(model.expandInStage(next!, '$A $B', runIn(next)).value, 'two one');
    assert.equal(model.expandInStage(last!, '$A', runIn(last)).value, 'three');
    // Before its first instruction a stage has the scope it inherits, not the stage's at its end.
    assert.equal(model.expandInStage(next!, '$A', next!.instructions[0]!).value, 'one');
    assert.equal(model.workdirAt(next!, runIn(next)).path, '/src/sub');
    assert.deepEqual(model.shellAt(next!, runIn(next)).argv, ['/bin/bash', '-c']);
    assert.deepEqual(model.shellAt(next!, runIn(last)).argv, ['pwsh', '-c']);
    // An instruction outside the stage asked about: the stage's value at its end.
    assert.deepEqual(model.shellAt(last!, stranger).argv, ['pwsh', '-c']);
    assert.equal(model.workdirAt(next!, stranger).path, '/src/sub');
    assert.equal(model.workdirAt(last!, runIn(build)).path, '/src', "another stage's instruction: its own stage's");
    // A stage of another parse (with the index of one of this model's) is none of this model's.
    const foreign = parseDockerfile('FROM a\nSHELL ["/bin/zsh", "-c"]\nWORKDIR /elsewhere\nFROM b').stages[1]!;
    assert.deepEqual(model.shellAt(foreign, stranger).argv, ['/bin/sh', '-c']);
    assert.equal(model.workdirAt(foreign, stranger).set, false);
  });

  it('answers as the Maps did on every rule fixture', () => {
    let checked = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile))
      checked += check(parseDockerfile(fs.readFileSync(file, 'utf8')), file);
    assert.ok(checked > 1000, `only ${checked} pairs checked`);
  });
});
