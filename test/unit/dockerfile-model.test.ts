// The derived facts the Dockerfile model carries for rules (issue 19): each stage's base and
// Windows-ness, its lineage, the SHELL and WORKDIR in force at an instruction, the parsed RUN
// scripts, and the build context's files read once.
import { strict as assert } from 'node:assert';
import type { Instruction } from 'dockerfile-ast';
import { lineage, parseDockerfile, type DockerfileModel, type Stage } from '../../server/src/engine/dockerfile/model';
import { DEFAULT_CONFIG, lint, RULES } from '../../server/src/engine';
import * as fs from 'node:fs';
import { CORPUS_DIR, FIXTURES_DIR, filesUnder, isDockerfile } from './dockerfile-files';

function instructionAt(model: DockerfileModel, line: number): { stage: Stage; instruction: Instruction } {
  for (const stage of model.stages) {
    const instruction = stage.instructions.find((i) => i.getRange().start.line === line - 1);
    if (instruction) return { stage, instruction };
  }
  throw new Error(`no stage instruction on line ${line}`);
}

function shellOnLine(model: DockerfileModel, line: number) {
  const { stage, instruction } = instructionAt(model, line);
  return model.shellAt(stage, instruction);
}

describe('Dockerfile model: derived facts', () => {
  it('each stage knows the base of its FROM chain and its lineage, nearest first', () => {
    const model = parseDockerfile(
      ['FROM alpine:3.20 AS a', 'FROM a AS b', 'FROM scratch AS c', 'FROM b', 'FROM $UNKNOWN'].join('\n'),
    );
    const [a, b, c, d, e] = model.stages as [Stage, Stage, Stage, Stage, Stage];
    assert.equal(a.base, a);
    assert.equal(b.base, a);
    assert.equal(d.base, a);
    assert.equal(c.base, c);
    assert.ok(c.base.isScratch);
    assert.equal(e.base, e, 'an unresolved image is a base of its own');
    assert.deepEqual([...lineage(d)], [d, b, a]);
    assert.deepEqual([...lineage(a)], [a]);
  });

  it('a stage built FROM a Windows stage is a Windows stage; a Linux stage beside it is not', () => {
    const model = parseDockerfile(
      [
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
        'FROM win',
        'ARG TAG=8.0-windowsservercore-ltsc2022',
        'FROM debian:12',
      ].join('\n'),
    );
    assert.deepEqual(
      model.stages.map((s) => s.isWindows),
      [true, true, false],
    );
    const tagged = parseDockerfile('ARG TAG=8.0-nanoserver-ltsc2022\nFROM mongo:${TAG}');
    assert.equal(tagged.stages[0]!.isWindows, true, 'expanded from a global ARG');
  });

  it('the SHELL in force: the default, the stage own SHELL from where it is written, inherited through FROM <stage>', () => {
    const model = parseDockerfile(
      [
        'FROM debian:12 AS base', // 1
        'RUN a | b', // 2
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', // 3
        'RUN a | b', // 4
        'FROM base', // 5
        'RUN a | b', // 6
        'SHELL ["pwsh", "-Command"]', // 7
        'CMD Get-Item x', // 8
        'FROM debian:12', // 9
        'RUN a | b', // 10
      ].join('\n'),
    );
    assert.deepEqual(shellOnLine(model, 2), { argv: ['/bin/sh', '-c'], posix: true });
    assert.deepEqual(shellOnLine(model, 4).written, ['/bin/bash', '-o', 'pipefail', '-c']);
    assert.equal(shellOnLine(model, 4).posix, true);
    assert.deepEqual(shellOnLine(model, 6).argv, ['/bin/bash', '-o', 'pipefail', '-c'], 'inherited from base');
    assert.deepEqual(shellOnLine(model, 8), { written: ['pwsh', '-Command'], argv: ['pwsh', '-Command'], posix: false });
    assert.equal(shellOnLine(model, 10).written, undefined, 'an unrelated stage starts from the default');
  });

  it('a Windows stage runs cmd by default; a SHELL not in JSON form changes nothing; JSON values keep their spaces', () => {
    const windows = parseDockerfile('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir');
    assert.deepEqual(shellOnLine(windows, 2), { argv: ['cmd', '/S', '/C'], posix: false });

    const invalid = parseDockerfile('FROM debian:12\nSHELL /bin/bash -c\nRUN a | b');
    assert.deepEqual(shellOnLine(invalid, 3), { argv: ['/bin/sh', '-c'], posix: true });

    // dockerfile-ast's getJSONValue drops the space in "Program Files"; the model reads the JSON itself.
    const spaced = parseDockerfile('FROM debian:12\nSHELL ["C:\\\\Program Files\\\\Git\\\\bin\\\\bash.exe", "-c"]\nRUN a');
    assert.deepEqual(shellOnLine(spaced, 3).written, ['C:\\Program Files\\Git\\bin\\bash.exe', '-c']);
  });

  it('offers the instructions with given keywords, of a stage or of the whole file, in file order', () => {
    const model = parseDockerfile(
      [
        'ARG BASE=alpine:3.20',
        'FROM $BASE AS build',
        'COPY a /a',
        'ADD b /b',
        'ONBUILD COPY c /c',
        'ENV X=1',
        'FROM build',
        'ADD d /d',
        'copy e /e',
      ].join('\n'),
    );
    const [build, final] = model.stages as [Stage, Stage];
    const lines = (instructions: readonly Instruction[]) => instructions.map((i) => i.getRange().start.line + 1);
    // The ONBUILD trigger is in its stage's list, as in stage.instructions; keywords are upper-cased.
    assert.deepEqual(lines(model.instructionsNamed(build, 'COPY', 'ADD')), [3, 4, 5]);
    assert.deepEqual(lines(model.instructionsNamed(build, 'ADD', 'COPY')), [3, 4, 5]);
    assert.deepEqual(lines(model.instructionsNamed(build, 'COPY', 'COPY')), [3, 5]);
    assert.deepEqual(lines(model.instructionsNamed(final, 'COPY')), [9]);
    assert.deepEqual(lines(model.instructionsNamed(undefined, 'ARG', 'ENV')), [1, 6]);
    assert.deepEqual(lines(model.instructionsNamed(undefined, 'ONBUILD')), [5]);
    assert.deepEqual(model.instructionsNamed(final, 'HEALTHCHECK'), []);
    // Asked twice, one list.
    assert.equal(model.instructionsNamed(build, 'COPY'), model.instructionsNamed(build, 'COPY'));
  });

  it('lists by keyword what filtering the instructions by getKeyword gives, on every fixture and corpus Dockerfile', () => {
    // instructionsNamed reads each instruction's keyword once into a bit per keyword; every list of
    // every stage (and of the whole file) is held to the plain filter it replaces.
    const keywords =
      'FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(
        ' ',
      );
    const questions = [
      ...keywords.map((keyword) => [keyword]),
      ['COPY', 'ADD'],
      ['ENV', 'ARG'],
      ['CMD', 'ENTRYPOINT'],
      ['ENV', 'LABEL'],
      ['RUN', 'COPY', 'ADD', 'WORKDIR'],
      ['FORM'],
      ['COPY', 'copy'],
      [],
    ];
    let compared = 0;
    for (const file of [...filesUnder(FIXTURES_DIR, isDockerfile), ...filesUnder(CORPUS_DIR, isDockerfile)]) {
      const model = parseDockerfile(fs.readFileSync(file, 'utf8'));
      for (const stage of [undefined, ...model.stages]) {
        const all = stage ? stage.instructions : model.instructions;
        for (const question of questions) {
          const expected = all.filter((instruction) => question.includes(instruction.getKeyword()));
          assert.deepEqual(model.instructionsNamed(stage, ...question), expected, `${file} ${question.join(' ')}`);
          compared += expected.length;
        }
      }
    }
    assert.ok(compared > 10000, `only ${compared} listed instructions compared`);
  });
  it('RUN scripts are parsed once and indexed by stage', () => {
    const model = parseDockerfile(
      ['FROM alpine:3.20 AS a', 'RUN apk add curl && curl -fsS https://x', 'FROM a', 'RUN echo one', 'RUN ["echo", "two"]'].join(
        '\n',
      ),
    );
    const scripts = model.runScripts;
    assert.equal(model.runScripts, scripts, 'the same parsed scripts on every read');
    assert.equal(scripts.length, 3);
    const [a, b] = model.stages as [Stage, Stage];
    assert.deepEqual(model.runScriptsOf(a), [scripts[0]]);
    assert.deepEqual(model.runScriptsOf(b), [scripts[1], scripts[2]]);
    assert.deepEqual(
      scripts[0]!.commands.map((c) => c.words.map((w) => w.value)),
      [
        ['apk', 'add', 'curl'],
        ['curl', '-fsS', 'https://x'],
      ],
    );
    assert.equal(scripts[2]!.execForm, true);
    const none = parseDockerfile('FROM alpine:3.20\nUSER app');
    assert.deepEqual(none.runScriptsOf(none.stages[0]!), []);
  });

  it('the WORKDIR in force: expanded, joined and cleaned as BuildKit does, inherited through FROM <stage>', () => {
    const model = parseDockerfile(
      [
        'FROM alpine:3.20 AS base', // 1
        'COPY a .', // 2
        'ENV APP=/srv/app', // 3
        'WORKDIR $APP/', // 4
        'WORKDIR ../lib/./x', // 5
        'COPY b .', // 6
        'FROM base', // 7
        'COPY c .', // 8
        'WORKDIR "/my app"', // 9
        'COPY d .', // 10
        'FROM debian:12', // 11
        'WORKDIR src', // 12
        'COPY e .', // 13
        'WORKDIR $HOME', // 14
        'WORKDIR ./a/../b/$V', // 15
        'COPY f .', // 16
      ].join('\n'),
    );
    const at = (line: number) => {
      const { stage, instruction } = instructionAt(model, line);
      return model.workdirAt(stage, instruction);
    };
    assert.deepEqual(at(2), { set: false, path: undefined, partial: '' }, "the base image's own");
    assert.deepEqual(at(5), { set: true, path: '/srv/app', partial: '/srv/app' }, 'expanded, trailing slash cleaned');
    assert.deepEqual(at(6), { set: true, path: '/srv/lib/x', partial: '/srv/lib/x' });
    assert.deepEqual(at(8), at(6), 'inherited from the parent stage');
    assert.equal(at(10).path, '/my app', 'WORKDIR takes the rest of the line as one path');
    assert.deepEqual(at(13), { set: true, path: undefined, partial: 'src' }, "relative to the base image's directory");
    assert.deepEqual(at(16), { set: true, path: undefined, partial: '$HOME/b/$V' }, 'unknown variables kept as written');
    const { instruction } = instructionAt(model, 15);
    assert.deepEqual(model.workdirValue(instruction), { value: './a/../b/$V', known: false, result: at(16) });
    assert.equal(model.workdirValue(instructionAt(model, 16).instruction), undefined, 'not a WORKDIR');
  });

  it('an ENV with several values expands each against the variables before it; an ARG value sees the ones before it', () => {
    const model = parseDockerfile(
      [
        'FROM alpine:3.20', // 1
        'ENV abc=hello', // 2
        'ENV abc=bye def=$abc', // 3
        'ENV ghi=$abc', // 4
        'ARG one=1', // 5
        'ARG one=2 two=$one', // 6
        'USER app', // 7
      ].join('\r\n'),
    );
    const { stage, instruction } = instructionAt(model, 7);
    const value = (text: string) => model.expandInStage(stage, text, instruction).value;
    // Docker's ENV reference: "def" gets hello, "ghi" bye.
    assert.equal(value('$def'), 'hello');
    assert.equal(value('$ghi'), 'bye');
    assert.equal(value('$two'), '2');
  });

  it('a directory built from thousands of relative steps becomes unknown, not a string that keeps growing', () => {
    const model = parseDockerfile('FROM alpine:3.20\nWORKDIR /app\n' + 'WORKDIR some-folder\n'.repeat(2000) + 'COPY a .\n');
    const [stage] = model.stages as [Stage];
    const copy = stage.instructions[stage.instructions.length - 1]!;
    assert.deepEqual(model.workdirAt(stage, copy), { set: true, path: undefined, partial: undefined });
  });

  describe('build context', () => {
    function recordingReader(files: Record<string, string>) {
      const asked: string[] = [];
      return {
        asked,
        readFile: (relative: string) => {
          asked.push(relative);
          return Object.hasOwn(files, relative) ? files[relative] : undefined;
        },
      };
    }

    it('is read lazily, each file once, and parsed once for every rule that asks', () => {
      const reader = recordingReader({ '.dockerignore': '.git\n*.env\nsecrets/\n', '.npmrc': 'registry=https://r.example/\n' });
      const text = [
        'FROM node:22-slim',
        'COPY . /app', // copy-build-context: .env leaked? no; .git excluded
        'COPY secrets/key.txt /app/', // copy-ignored-file
        'COPY .npmrc /root/.npmrc', // secret-file-copied: settings only
        'COPY ./.npmrc /home/node/.npmrc',
        'USER node',
      ].join('\n');
      const ids = ['copy-build-context', 'copy-ignored-file', 'secret-file-copied'];
      const result = lint(
        { text, kind: 'dockerfile', path: 'Dockerfile', readFile: reader.readFile },
        DEFAULT_CONFIG,
        RULES.filter((rule) => ids.includes(rule.id)),
      );
      assert.deepEqual(
        result.findings.map((f) => f.ruleId),
        ['copy-ignored-file'],
      );
      assert.deepEqual(reader.asked.sort(), ['.dockerignore', '.npmrc', 'Dockerfile.dockerignore']);

      const asked = reader.asked.length;
      const model = parseDockerfile('FROM alpine:3.20', { readFile: reader.readFile, fileName: 'Dockerfile' });
      assert.equal(reader.asked.length, asked, 'nothing is read until a rule asks');
      assert.equal(model.buildContext.dockerignore, model.buildContext.dockerignore, 'the same parsed file on every read');
    });

    it('prefers <Dockerfile name>.dockerignore and says what leaks', () => {
      const reader = recordingReader({ 'api.Dockerfile.dockerignore': '.git/\n', '.dockerignore': '.git\n.env\n' });
      const model = parseDockerfile('FROM alpine:3.20', { readFile: reader.readFile, fileName: 'api.Dockerfile' });
      assert.equal(model.buildContext.dockerignore?.name, 'api.Dockerfile.dockerignore');
      assert.deepEqual(model.buildContext.dockerignore?.leaked, ['.env']);
      assert.equal(model.buildContext.dockerignore?.excluding('.git/config')?.line, 1);
      assert.equal(model.buildContext.dockerignore?.excluding('src/app.js'), undefined);
    });

    it('reads COPY sources as paths in the context, as BuildKit cleans them', () => {
      const reader = recordingReader({
        'entrypoint.sh': '#!/bin/sh\nexec gosu app "$@"\n',
        'conf/.pypirc': '[pypi]\npassword = hunter2\n',
      });
      const { buildContext } = parseDockerfile('FROM alpine:3.20', { readFile: reader.readFile });
      assert.deepEqual(buildContext.scriptDrop('/entrypoint.sh'), { tool: 'gosu', user: 'app' });
      assert.deepEqual(buildContext.scriptDrop('./x/../entrypoint.sh'), { tool: 'gosu', user: 'app' });
      assert.equal(buildContext.holdsCredentials('../conf/.pypirc'), true);
      assert.equal(buildContext.holdsCredentials('conf/settings.ini'), undefined, 'not a package-manager config: not read');
      assert.deepEqual(reader.asked, ['entrypoint.sh', 'conf/.pypirc'], 'each once, never outside the context');
    });

    it('without a reader every answer is unknown', () => {
      const { buildContext } = parseDockerfile('FROM alpine:3.20');
      assert.equal(buildContext.dockerignore, undefined);
      assert.equal(buildContext.holdsCredentials('.npmrc'), undefined);
      assert.equal(buildContext.scriptDrop('entrypoint.sh'), undefined);
    });
  });
});
