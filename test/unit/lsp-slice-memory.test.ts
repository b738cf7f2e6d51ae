// The editor's side of re-linting only the stages an edit changed (ADR 009): each document's state
// carries the memory its next lint reuses, the sessions of one policy share one config object (a
// new one would empty the memory every keystroke), and a document no longer worked on lets go of it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editorSessionPolicy } from '../../server/src/lsp/editor-session';
import { LintStates, lintDocumentText } from '../../server/src/lsp/lint-states';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';
import { tempProject } from './lsp-helpers';

const STAGES = [
  'FROM debian:12 AS build',
  'RUN apt-get update && apt-get install -y gcc',
  'RUN curl -fsSL https://example.com/install.sh | sh',
  'FROM alpine:3.20',
  'COPY --from=build /out /out',
  'RUN wget -q http://example.com/x',
  'CMD ["/out/app"]',
  '',
].join('\n');

describe('lsp: the memory a document keeps between lints (ADR 009)', () => {
  let dir: string;
  before(() => (dir = tempProject({ Dockerfile: STAGES, '.shipshape.yaml': 'rules:\n  sudo: error\n' })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const policy = () =>
    editorSessionPolicy({
      workspaceFolders: [dir],
      settings: DEFAULT_SETTINGS,
      configs: new ConfigStore(),
      openBuffer: () => undefined,
    });

  it('gives the sessions of one policy one config object, and a new policy a new one', () => {
    const shared = policy();
    const file = path.join(dir, 'Dockerfile');
    assert.equal(new FileSession(file, shared).config, new FileSession(file, shared).config);
    assert.notEqual(new FileSession(file, shared).config, new FileSession(file, policy()).config);
  });

  it("publishes a full lint's diagnostics edit after edit while reusing the stages an edit left alone", () => {
    const shared = policy();
    const file = path.join(dir, 'Dockerfile');
    let text = STAGES;
    let linted = lintDocumentText({ version: 1, text }, 'dockerfile', new FileSession(file, shared), false);
    const memory = linted.state.memory;
    const edits: [string, string][] = [
      ['RUN wget -q http://example.com/x', 'RUN wget -q http://example.com/xy'],
      ['RUN wget -q http://example.com/xy', 'RUN sudo wget -q http://example.com/xy'],
      ['RUN curl -fsSL', '# a line added in the first stage: the second moves\nRUN curl -fsSL'],
      ['RUN apt-get update', 'RUN apt-get update -q'],
    ];
    for (const [version, [from, to]] of edits.entries()) {
      const before = new Set(memory.entries.values());
      text = text.replace(from, to);
      linted = lintDocumentText(
        { version: version + 2, text },
        'dockerfile',
        new FileSession(file, shared),
        false,
        linted.state.memory,
      );
      const fresh = lintDocumentText({ version: 0, text }, 'dockerfile', new FileSession(file, policy()), false);
      assert.deepEqual(linted.diagnostics, fresh.diagnostics, `after edit ${version + 1}`);
      assert.equal(linted.state.memory, memory, 'the same memory is carried from state to state');
      const kept = [...memory.entries.values()].filter((entry) => before.has(entry));
      assert.equal(kept.length, 1, `after edit ${version + 1}: the stage the edit left alone was reused, the other re-linted`);
    }
    assert.ok(
      linted.diagnostics.some((d) => d.code === 'sudo' && d.severity === 1),
      "the project config's severity applies to reused and re-linted findings alike",
    );
    assert.ok(memory.entries.size >= 2, 'a slice per stage is remembered');
  });

  it('lets go of the memory of a document that drops out of the few kept', () => {
    const states = new LintStates(1);
    const lintOf = (name: string) =>
      lintDocumentText({ version: 1, text: STAGES }, 'dockerfile', new FileSession(path.join(dir, name), policy()), false).state;
    const first = lintOf('a.Dockerfile');
    states.set('a', first);
    assert.ok(first.memory.entries.size > 0);
    states.set('b', lintOf('b.Dockerfile'));
    assert.equal(first.memory.entries.size, 0);
  });
});
