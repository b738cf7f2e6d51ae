// propertyValue answers dockerfile-ast's Property.getValue without its scan when the text is plain;
// for every text it must give the library's answer, since every ENV, ARG and LABEL name and value
// goes through it. Compared on the properties of the rule fixtures and the shared corpus (as the
// Property constructor passes them: the raw text of the name and of the value), on the characters
// that change the answer, and on random texts of them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { installAstMemo } from '../../server/src/engine/dockerfile/ast-memo';
import { dockerfileAstPropertyValue, propertyValue } from '../../server/src/engine/dockerfile/property-value';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface PropertyLike {
  getNameRange(): RangeLike;
  getValueRange(): RangeLike | null;
}

function same(text: string, escapeChar: string, label: string): void {
  assert.equal(
    propertyValue(text, escapeChar),
    dockerfileAstPropertyValue(text, escapeChar),
    `${label}: ${JSON.stringify(text)}`,
  );
}

/** The raw name and value texts of every property in the file, as the Property constructor reads them. */
function compareFile(text: string, label: string): number {
  installAstMemo();
  const dockerfile = DockerfileParser.parse(text);
  const escapeChar = dockerfile.getEscapeCharacter();
  const lines = text.split(/\r\n|\r|\n/);
  const lineStarts: number[] = [];
  for (let i = 0, offset = 0; i < lines.length; i++) {
    lineStarts.push(offset);
    offset += lines[i]!.length + (text.startsWith('\r\n', offset + lines[i]!.length) ? 2 : 1);
  }
  const at = (p: { line: number; character: number }) => lineStarts[p.line]! + p.character;
  let compared = 0;
  for (const instruction of dockerfile.getInstructions() as (Instruction & { getProperties?(): PropertyLike[] })[]) {
    for (const property of instruction.getProperties?.() ?? []) {
      for (const range of [property.getNameRange(), property.getValueRange()]) {
        if (range === null) continue;
        same(text.substring(at(range.start), at(range.end)), escapeChar, label);
        compared++;
      }
    }
  }
  return compared;
}

describe('propertyValue (Property.getValue without a string per character)', () => {
  it('matches dockerfile-ast on every property of the rule fixtures', () => {
    let compared = 0;
    for (const file of filesUnder(FIXTURES_DIR, isDockerfile)) compared += compareFile(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 300, `only ${compared} names and values compared`);
  });

  it('matches dockerfile-ast on every property of the shared corpus', function () {
    const files = filesUnder(CORPUS_DIR, isDockerfile);
    if (files.length === 0) this.skip();
    let compared = 0;
    for (const file of files) compared += compareFile(fs.readFileSync(file, 'utf8'), file);
    assert.ok(compared > 1000, `only ${compared} names and values compared`);
  });

  it('matches dockerfile-ast on the characters that change the value', () => {
    const cases = [
      '',
      'plain',
      '/srv/app:$PATH',
      ' leading',
      '\tleading',
      '  # comment\n  value',
      '"quoted value"',
      "'single'",
      '"open',
      'a"b"',
      "it's",
      'a\\ b',
      'a\\\\b',
      'a \\\n  b',
      'a\\\r\n  b',
      'a\r\nb',
      'a\rb',
      'trailing\\',
      'x # not a comment',
      'a`b',
      '`',
    ];
    for (const text of cases) for (const escapeChar of ['\\', '`']) same(text, escapeChar, 'case');
  });

  it('matches dockerfile-ast on random texts of those characters', () => {
    const alphabet = ['a', 'b', ' ', '\t', '\n', '\r\n', '\r', '\\', '`', '$', '#', '"', "'", '='];
    let state = 4242;
    const next = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let n = 0; n < 20000; n++) {
      let text = '';
      for (let i = 0, length = Math.floor(next() * 12); i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      same(text, next() < 0.5 ? '\\' : '`', 'random');
    }
  });
});
