// The derived facts the Dockerfile model carries for rules (issue 19): each stage's base and
// Windows-ness, its lineage, the SHELL in force at an instruction, and the parsed RUN scripts.
import { strict as assert } from 'node:assert';
import type { Instruction } from 'dockerfile-ast';
import { lineage, parseDockerfile, type DockerfileModel, type Stage } from '../../server/src/engine/dockerfile/model';

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
});
