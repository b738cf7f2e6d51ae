// Re-linting only the stages an edit changed (ADR 009) promises a full lint's findings for any
// sequence of texts linted with one memory. stage-reach.test.ts checks one edit from a freshly seeded
// memory; this keeps ONE memory across long random edit sequences (characters typed and deleted
// anywhere, FROM lines, `AS` names, `--from`, continuations, heredoc markers, directives, whole lines
// and stages inserted, moved, duplicated and deleted, line breaks swapped, a BOM, undo), while the
// files the lint reads (.dockerignore, <name>.dockerignore, copied files) and the config object
// change between lints, and compares every lint with a full one. Seeds are fixed: a failure names
// its seed and step, and replays.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { lint } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG, mergeConfig, type ShipshapeConfig } from '../../server/src/engine/config';
import { SliceMemory } from '../../server/src/engine/slice-reuse';
import { stageSlices } from '../../server/src/engine/dockerfile/stage-slices';
import { parseDockerfile } from '../../server/src/engine/dockerfile/model';
import type { Finding, LintInput } from '../../server/src/engine/types';
import { random, syntheticDockerfile } from '../../bench/latency';
import { FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';
import { ADVERSARIAL } from './stage-reach-texts';

const STRICT = mergeConfig({ extends: 'strict' });

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const linesOf = (text: string) => text.split(/(?<=\n)/);

/** Lines that move findings between stages: stage boundaries, names, `--from`, continuations, heredocs, directives. */
const LINES = [
  'FROM debian:12 AS build',
  'FROM build',
  'FROM build AS next',
  'FROM alpine',
  'FROM scratch',
  'FROM ${BASE}',
  'FROM node:20 as web',
  'COPY --from=build /a /a',
  'COPY --from=0 / /',
  'COPY --from=next /x /y',
  'COPY . .',
  'COPY .npmrc /root/',
  'COPY entrypoint.sh /',
  'RUN --mount=type=cache,from=build,target=/t true',
  'RUN apt-get update',
  'RUN apt-get install -y curl',
  'RUN curl http://x | sh',
  'RUN wget http://y',
  'RUN echo hunter2secretvalue',
  'ENV API_TOKEN=abcdef123456',
  'ARG VERSION=1',
  'ARG BASE=debian:12',
  'USER root',
  'USER app',
  'HEALTHCHECK CMD true',
  'HEALTHCHECK NONE',
  'WORKDIR app',
  'EXPOSE 22',
  'CMD ["a"]',
  'CMD x',
  'ENTRYPOINT /entrypoint.sh',
  'RUN <<EOF',
  'EOF',
  'COPY <<CONF /etc/x',
  'CONF',
  'RUN a \\',
  '    && b',
  'RUN a `',
  '# escape=`',
  '# syntax=docker/dockerfile:1',
  '# comment',
  '',
  'ONBUILD RUN apt-get install -y x',
  'ONBUILD COPY --from=build / /',
  '# shipshape-ignore root-user -- why',
  '# shipshape-ignore-file unpinned-image -- why',
  'ADD http://example.com/x /x',
  'RUN sudo make install',
  'SHELL ["/bin/bash", "-c"]',
  'RUN cd /x && make',
];
const TYPED = [
  '\\',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '#',
  '`',
  '<<EOF\n',
  'FROM ',
  '--from=',
  ' AS x',
  'from',
  '$',
  '=',
  'a',
  '0',
  '"',
  '\t',
];
const IGNORE_FILES = [
  undefined,
  '',
  '*\n!src\n',
  '.npmrc\n',
  'entrypoint.sh\n**/*.md\n',
  'API_TOKEN=abcdef123456\n',
  'hunter2secretvalue\n',
  '*\n',
];
const NPMRC = [undefined, '//registry.example.com/:_authToken=abcdefabcdef12\n', 'registry=https://registry.example.com/\n'];
const ENTRYPOINT = [undefined, '#!/bin/sh\nexec gosu app "$@"\n', '#!/bin/sh\nexec "$@"\n'];

function stageStarts(text: string): number[] {
  return parseDockerfile(text).stages.map((stage) => stage.from.getRange().start.line);
}

/** Splits the line's text from its line break. */
function split(line: string): [string, string] {
  const eol = /\r?\n$/.exec(line)?.[0] ?? '';
  return [line.slice(0, line.length - eol.length), eol];
}

/** One random edit of `text`; `history` holds earlier texts to undo back to. */
function edit(next: () => number, text: string, history: readonly string[]): string {
  const lines = linesOf(text);
  const eol = text.includes('\r\n') && next() < 0.5 ? '\r\n' : '\n';
  const at = Math.floor(next() * (lines.length + 1));
  switch (Math.floor(next() * 16)) {
    case 0:
    case 1: {
      const offset = Math.floor(next() * (text.length + 1));
      return text.slice(0, offset) + pick(next, TYPED) + text.slice(offset);
    }
    case 2: {
      const offset = Math.floor(next() * text.length);
      return text.slice(0, offset) + text.slice(offset + 1 + Math.floor(next() * 4));
    }
    case 3:
    case 4:
      return [...lines.slice(0, at), pick(next, LINES) + eol, ...lines.slice(at)].join('');
    case 5:
      return [...lines.slice(0, at), ...lines.slice(at + 1)].join('');
    case 6:
      return [...lines.slice(0, at + 1), ...lines.slice(at)].join('');
    case 7: {
      if (lines.length < 2) return text;
      const [line] = lines.splice(Math.floor(next() * lines.length), 1);
      lines.splice(Math.floor(next() * (lines.length + 1)), 0, split(line!)[0] + (split(line!)[1] || '\n'));
      return lines.join('');
    }
    case 8:
    case 9: {
      // A whole stage deleted, moved before another stage, or duplicated after itself.
      const starts = stageStarts(text).filter((line) => line < lines.length);
      if (starts.length === 0) return text;
      const s = Math.floor(next() * starts.length);
      const from = starts[s]!;
      const to = starts[s + 1] ?? lines.length;
      const stage = lines.slice(from, to);
      const [last, lastEol] = split(stage[stage.length - 1]!);
      stage[stage.length - 1] = last + (lastEol || '\n');
      const rest = [...lines.slice(0, from), ...lines.slice(to)];
      const how = Math.floor(next() * 3);
      if (how === 0) return rest.join('');
      if (how === 1) {
        const target = pick(next, [0, ...stageStarts(rest.join('')), rest.length]);
        return [...rest.slice(0, target), ...stage, ...rest.slice(target)].join('');
      }
      return [...lines.slice(0, to), ...stage, ...lines.slice(to)].join('');
    }
    case 10:
      return lines
        .map((line) => {
          if (next() >= 0.3) return line;
          const [body, lineEol] = split(line);
          return body + (lineEol === '\r\n' ? '\n' : lineEol === '\n' ? '\r\n' : '');
        })
        .join('');
    case 11:
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : '\ufeff' + text;
    case 12:
      return history.length > 0 ? pick(next, history) : text;
    case 13: {
      // A FROM line's image or stage name changed.
      const starts = stageStarts(text).filter((line) => line < lines.length);
      if (starts.length === 0) return text;
      const line = pick(next, starts);
      const [body, lineEol] = split(lines[line]!);
      lines[line] =
        pick(next, [
          `${body} AS build`,
          body.replace(/\s+AS\s+\S+/i, ''),
          `${body}x`,
          'FROM build',
          'FROM next AS x',
          body.replace(/\S+$/, 'next'),
        ]) + lineEol;
      return lines.join('');
    }
    case 14: {
      if (lines.length === 0) return text;
      const line = Math.floor(next() * lines.length);
      const [body, lineEol] = split(lines[line]!);
      lines[line] = (body.endsWith('\\') ? body.slice(0, -1) : `${body} \\`) + lineEol;
      return lines.join('');
    }
    default:
      return pick(next, ['# escape=`\n', '# syntax=docker/dockerfile:1\n', '# check=skip=all\n', 'ARG BASE=alpine\n']) + text;
  }
}

interface Step {
  text: string;
  files: Readonly<Record<string, string | undefined>>;
  config: ShipshapeConfig;
}

/** A sequence of texts from `base`, with the files beside it and the config changing now and then. */
function sequence(seed: number, base: string, length: number): Step[] {
  const next = random(seed);
  const steps: Step[] = [];
  const history: string[] = [];
  let text = base;
  let files: Record<string, string | undefined> = {};
  let config = STRICT;
  for (let i = 0; i < length; i++) {
    if (i > 0) {
      history.push(text);
      if (history.length > 8) history.shift();
      const edits = 1 + Math.floor(next() * 2);
      for (let e = 0; e < edits; e++) text = edit(next, text, history);
    }
    const file = next();
    if (file < 0.1) files = { ...files, '.dockerignore': pick(next, IGNORE_FILES) };
    else if (file < 0.15) files = { ...files, 'Dockerfile.dockerignore': pick(next, IGNORE_FILES) };
    else if (file < 0.18) files = { ...files, '.npmrc': pick(next, NPMRC) };
    else if (file < 0.21) files = { ...files, 'entrypoint.sh': pick(next, ENTRYPOINT) };
    const change = next();
    // Another config, or a new object with the same content (the memory must start over, or hold).
    if (change < 0.05) config = pick(next, [STRICT, DEFAULT_CONFIG]);
    else if (change < 0.07) config = mergeConfig({ extends: 'strict' });
    steps.push({ text, files, config });
  }
  return steps;
}

function inputOf(step: Step): LintInput {
  return { text: step.text, kind: 'dockerfile', path: 'Dockerfile', readFile: (relative) => step.files[relative] };
}

function shown(findings: readonly Finding[]): string[] {
  return findings.map((finding) => JSON.stringify(finding));
}

/** Lints the steps with one memory, each also in full; the first difference, or undefined. */
function firstDifference(steps: readonly Step[], seed: number): string | undefined {
  const memory = new SliceMemory();
  for (const [i, step] of steps.entries()) {
    const full = shown(lint(inputOf(step), step.config).findings);
    let reused: string[];
    try {
      reused = shown(lint({ ...inputOf(step), memory }, step.config).findings);
    } catch (error) {
      return `seed ${seed}, step ${i}: the lint with a memory threw ${String(error)}\n${JSON.stringify(step.text)}`;
    }
    if (reused.join('\n') === full.join('\n')) continue;
    const extra = reused.filter((line) => !full.includes(line));
    const missing = full.filter((line) => !reused.includes(line));
    return (
      `seed ${seed}, step ${i}: reused findings differ from a full lint's\n` +
      `before: ${JSON.stringify(steps[i - 1]?.text)}\nafter:  ${JSON.stringify(step.text)}\n` +
      `only reused: ${extra.slice(0, 3).join('\n')}\nonly full: ${missing.slice(0, 3).join('\n')}`
    );
  }
  return undefined;
}

/** Multi-stage starting texts: the adversarial ones, every multi-stage rule fixture, and the bench's synthetic file. */
function bases(): string[] {
  const texts = Object.values(ADVERSARIAL);
  for (const file of filesUnder(FIXTURES_DIR, isDockerfile).sort()) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('\u0000') && (stageSlices(parseDockerfile(text))?.length ?? 0) >= 2) texts.push(text);
  }
  texts.push(syntheticDockerfile(150));
  return texts;
}

/** Lints the texts in order with one memory; asserts each gives a full lint's findings, messages and all. */
function assertReplays(texts: readonly string[]): void {
  const memory = new SliceMemory();
  for (const [i, text] of texts.entries()) {
    const full = lint({ text, kind: 'dockerfile' }, STRICT).findings.map((finding) => JSON.stringify(finding));
    const reused = lint({ text, kind: 'dockerfile', memory }, STRICT).findings.map((finding) => JSON.stringify(finding));
    assert.deepEqual(reused, full, `text ${i}: ${JSON.stringify(text)}`);
  }
}

describe('re-linting only the changed stages, one memory over long edit sequences (ADR 009)', function () {
  this.timeout(120_000);

  // Found by this fuzzer: a stage re-linted on its own slice quoted the slice's line numbers where an
  // earlier stage is only outlined ("overridden by the CMD on line 4" instead of 5); a slice is now
  // linted with its lines where they are in the file.
  it("quotes the file's line numbers in the messages of a stage re-linted on its slice", () => {
    assertReplays(['FROM a:1 AS one\nRUN x\nFROM b:1\nCMD a\nCMD b\n', 'FROM a:1 AS one\nRUN x\nFROM b:1\nCMD a\nCMD b \n']);
    assertReplays([
      'FROM a:1 AS one\nRUN x\nFROM b:1\nRUN curl -o a http://a\nRUN wget http://b\n',
      'FROM a:1 AS one\nRUN x\nFROM b:1\nRUN curl -o a http://a\nRUN wget http://b \n',
    ]);
  });

  // Found by this fuzzer: one text can be two slices. Stage 1's slice of "FROM a, RUN x, FROM b" is
  // stage 0's slice of "FROM a, FROM b, RUN x"; the memory found entries by text alone and lost
  // unpinned-image on FROM a (or put an "Image b" finding on RUN x). It now also compares the layout.
  it("does not take a stage's reports from a slice of the same text that owned other lines", () => {
    assertReplays(['FROM a\nRUN x\nFROM b\n', 'FROM a\nFROM b\nRUN x\n']);
    assertReplays(['FROM a\nRUN x\nCOPY --from=a / /\nFROM b\n', 'FROM a\nCOPY --from=a / /\nFROM b\nRUN x\n']);
  });

  it("gives a full lint's findings after every edit of fixed-seed random sequences", () => {
    const all = bases();
    assert.ok(all.length > 40, `only ${all.length} multi-stage starting texts`);
    let lints = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const steps = sequence(seed, all[(seed * 7) % all.length]!, 40);
      const difference = firstDifference(steps, seed);
      if (difference) assert.fail(difference);
      lints += steps.length;
    }
    assert.equal(lints, 2400);
  });
});
