// Which stages reach an image or a build (shipped-stages.ts), read from COPY --from and
// RUN --mount=from=: an instruction that reads no stage shares one empty answer, and the answers
// must stay those of the stage graph below.
import { strict as assert } from 'node:assert';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import { stagesInAnyImage, stagesInBuild, stagesInFinalImage } from '../../server/src/engine/dockerfile/shipped-stages';

const TEXT = [
  'FROM alpine AS base',
  'RUN echo base',
  'FROM alpine AS tools',
  'RUN echo tools',
  'FROM alpine AS cache',
  'FROM alpine AS whole',
  'FROM alpine AS dev',
  'RUN echo dev',
  'FROM base AS final',
  'COPY --from=tools /usr/bin/tool /usr/bin/',
  'COPY --from=whole / /',
  'RUN --network=none --mount=type=cache,target=/c --mount=type=bind,from=cache,target=/x echo hi',
  'WORKDIR /app',
].join('\n');

const names = (stages: Set<{ alias?: string }>) => [...stages].map((stage) => stage.alias).sort();

describe('stages shipped, built and read (shipped-stages)', () => {
  it('follows FROM, COPY --from (whole or not) and RUN --mount=from', () => {
    const model = parseDockerfile(TEXT);
    assert.deepStrictEqual(names(stagesInFinalImage(model)), ['base', 'final', 'whole']);
    assert.deepStrictEqual(names(stagesInBuild(model)), ['base', 'cache', 'final', 'tools', 'whole']);
    assert.deepStrictEqual(names(stagesInAnyImage(model)), ['base', 'dev', 'final', 'whole']);
  });

  it('builds only the final stage and its parents when nothing reads another stage', () => {
    const model = parseDockerfile('FROM alpine AS a\nRUN x\nFROM a AS b\nRUN --mount=type=cache,target=/c y\nCOPY . .');
    assert.deepStrictEqual(names(stagesInBuild(model)), ['a', 'b']);
    assert.deepStrictEqual(names(stagesInFinalImage(model)), ['a', 'b']);
  });
});
