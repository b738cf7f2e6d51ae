// A lint's cost, which decides whether a document's keystrokes wait out the typing debounce, is the
// CPU time it used: time the server spends off the CPU (a busy machine, here a read that sleeps) does
// not make a document slow (#22).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editorSessionPolicy } from '../../server/src/lsp/editor-session';
import { lintDocumentText } from '../../server/src/lsp/lint-states';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';
import { tempProject } from './lsp-helpers';

const COMPOSE = 'services:\n  app:\n    build: ./app\n';
const SLEEP_MS = 200;

describe('lsp lint cost', () => {
  let dir: string;
  before(() => (dir = tempProject({ 'compose.yaml': COMPOSE, 'app/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const session = (sleep: boolean) =>
    new FileSession(
      path.join(dir, 'compose.yaml'),
      editorSessionPolicy({
        workspaceFolders: [dir],
        settings: DEFAULT_SETTINGS,
        configs: new ConfigStore(),
        openBuffer: () => {
          // Off the CPU, as a descheduled process is: the wall clock runs, the CPU clock does not.
          if (sleep) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLEEP_MS);
          return undefined;
        },
      }),
    );

  it('counts the CPU time a lint used, not the time it waited', () => {
    // Loads and compiles what a Compose lint needs, so the timed lint is mostly waiting.
    lintDocumentText({ version: 1, text: COMPOSE }, 'compose', session(false), false);
    const started = performance.now();
    const linted = lintDocumentText({ version: 2, text: COMPOSE }, 'compose', session(true), false);
    const wall = performance.now() - started;
    assert.ok(linted.state.session.reads.size > 0, 'the lint read the Dockerfile through the sleeping overlay');
    assert.ok(wall >= SLEEP_MS, `the lint waited (${wall.toFixed(0)} ms)`);
    assert.ok(linted.cost < wall - SLEEP_MS / 2, `cost ${linted.cost.toFixed(1)} ms of ${wall.toFixed(0)} ms wall`);
  });
});
