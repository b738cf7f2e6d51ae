// someInLineage keeps each stage's answer: it must answer exactly as walking the chain each time
// would, whatever order the stages are asked in, and stay linear on a chain thousands long.
import { strict as assert } from 'node:assert';
import { lineage, parseDockerfile, type Stage } from '../../server/src/engine/dockerfile/model';
import { someAncestor, someInLineage } from '../../server/src/engine/dockerfile/lineage-fold';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Stages FROM random earlier ones (or an image), some with a marker ENV. */
function forest(seed: number, count: number): string {
  const next = random(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const parent = i > 0 && next() < 0.7 ? `s${Math.floor(next() * i)}` : 'debian:12';
    lines.push(`FROM ${parent} AS s${i}`);
    if (next() < 0.15) lines.push('ENV MARK=1');
    lines.push(`RUN echo ${i}`);
  }
  return lines.join('\n') + '\n';
}

const marked = (stage: Stage) => stage.instructions.some((i) => i.getKeyword() === 'ENV');

describe('someInLineage (per-stage answers along FROM chains)', () => {
  it('answers as a walk of the whole chain would, in any order of questions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const model = parseDockerfile(forest(seed, 60));
      const shuffle = random(seed * 7919);
      const order = [...model.stages].sort(() => shuffle() - 0.5);
      // A fresh test function per model: answers are kept per function and stage.
      const test = (stage: Stage) => marked(stage);
      for (const stage of [...order, ...order.reverse()]) {
        assert.equal(someInLineage(stage, test), [...lineage(stage)].some(marked), `seed ${seed}, stage ${stage.index}`);
        assert.equal(someAncestor(stage, test), [...lineage(stage)].slice(1).some(marked), `seed ${seed}, stage ${stage.index}`);
      }
    }
  });

  it('asks the test once per stage on a chain of 20,000 stages', () => {
    const lines = ['FROM debian:12 AS s0'];
    for (let i = 1; i < 20_000; i++) lines.push(`FROM s${i - 1} AS s${i}`);
    const model = parseDockerfile(lines.join('\n'));
    let calls = 0;
    const test = (stage: Stage) => (calls++, marked(stage));
    for (const stage of model.stages) assert.equal(someInLineage(stage, test), false);
    assert.equal(calls, model.stages.length);
  });
});
