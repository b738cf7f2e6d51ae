// What several Compose rules read from one model is worked out once per lint (image references,
// environment variables, volumes); each rule still gets values of its own, and a project view that
// replaces the model's rangeOf or services (compose/project/view.ts) is read afresh.
import { strict as assert } from 'node:assert';
import { composeImages } from '../../server/src/engine/image-references';
import { parseCompose } from '../../server/src/engine/compose/model';
import { forEachVariable } from '../../server/src/engine/compose/variables';
import { serviceVolumes } from '../../server/src/engine/compose/volumes';
import type { Range } from '../../server/src/engine/types';

const TEXT = [
  'x-env: &env',
  '  TOKEN: abc',
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    environment:',
  '      <<: *env',
  '      MODE: prod',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
].join('\n');

const NOWHERE: Range = { start: { line: -1, character: 0 }, end: { line: -1, character: 0 } };

function variables(model: ReturnType<typeof parseCompose>): { name: string; range: Range }[] {
  const found: { name: string; range: Range }[] = [];
  const environment = model.services[0]!.get('environment')!;
  forEachVariable(environment.document, environment.value, (name, _value, range) => found.push({ name, range: range() }));
  return found;
}

describe('Compose values read once per lint', () => {
  it('gives each caller its own image references and ranges', () => {
    const model = parseCompose(TEXT);
    const first = composeImages(model);
    const second = composeImages(model);
    assert.deepEqual(second, first);
    assert.equal(first[0]!.range.start.line, 4);
    assert.notEqual(second[0], first[0]);
    assert.notEqual(second[0]!.range, first[0]!.range);
    assert.notEqual(second[0]!.range.start, first[0]!.range.start);
  });

  it('reads the image references again when a project view replaces rangeOf or the services', () => {
    const model = parseCompose(TEXT);
    assert.equal(composeImages(model)[0]!.range.start.line, 4);
    model.rangeOf = () => NOWHERE;
    assert.equal(composeImages(model)[0]!.range.start.line, -1);
    model.services = [];
    assert.deepEqual(composeImages(model), []);
  });

  it('visits every variable where it is written, each with a range of its own', () => {
    const model = parseCompose(TEXT);
    const first = variables(model);
    const second = variables(model);
    assert.deepEqual(
      first.map((v) => [v.name, v.range.start.line]),
      [
        ['TOKEN', 1],
        ['MODE', 7],
      ],
    );
    assert.deepEqual(second, first);
    assert.notEqual(second[0]!.range, first[0]!.range);
    model.rangeOf = () => NOWHERE;
    assert.deepEqual(
      variables(model).map((v) => v.range.start.line),
      [-1, -1],
    );
  });

  it('parses a service volumes once per model', () => {
    const model = parseCompose(TEXT);
    const service = model.services[0]!;
    const volumes = serviceVolumes(model, service);
    assert.equal(volumes[0]!.source, '/var/run/docker.sock');
    assert.equal(serviceVolumes(model, service), volumes);
    assert.notEqual(serviceVolumes(parseCompose(TEXT), parseCompose(TEXT).services[0]!), volumes);
  });
});
