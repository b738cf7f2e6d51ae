// The server's document bookkeeping in process: lint states, the adaptive debounce, settings.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LintScheduler } from '../../server/src/lsp/lint-scheduler';
import { LintStates } from '../../server/src/lsp/lint-states';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/lsp/settings';
import { editorState, tempProject } from './lsp-helpers';

const COMPOSE = 'services:\n  app:\n    build: ./app\n';

describe('lsp document state (in process)', () => {
  let dir: string;
  before(() => (dir = tempProject({ 'compose.yaml': COMPOSE, 'app/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' })));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints with the open buffer of a file the document reads, and knows who read what', () => {
    const states = new LintStates();
    const state = editorState(dir, 'compose.yaml', COMPOSE, 'compose', { open: { 'app/Dockerfile': 'FROM alpine:3.20\n' } });
    states.set('file:///compose', state);
    assert.ok(
      state.findings.some((f) => f.ruleId === 'root-user'),
      'the unsaved Dockerfile (no USER) is what the Compose file is judged with',
    );
    assert.deepEqual(states.readersOf(path.join(dir, 'app/Dockerfile'), 'file:///other'), ['file:///compose']);
    assert.deepEqual(states.readersOf(path.join(dir, 'app/Dockerfile'), 'file:///compose'), []);
    assert.equal(states.current('file:///compose', 1), state);
    assert.equal(states.current('file:///compose', 2), undefined, 'a state for an older version is not current');
    states.delete('file:///compose');
    assert.equal(states.get('file:///compose'), undefined);
  });

  it('keeps the parse only for the documents linted last', () => {
    const states = new LintStates(1);
    const first = editorState(dir, 'a.Dockerfile', 'FROM alpine:3.20\n', 'dockerfile');
    const second = editorState(dir, 'b.Dockerfile', 'FROM alpine:3.20\n', 'dockerfile');
    states.set('a', first);
    assert.ok(first.parsed);
    states.set('b', second);
    assert.equal(first.parsed, undefined);
    assert.ok(second.parsed);
  });

  it('lints at once after a fast lint and waits for a pause after a slow one', async () => {
    const linted: string[] = [];
    const scheduler = new LintScheduler((uri) => linted.push(uri), 10_000, 15);
    assert.equal(scheduler.typingDelay('a'), 10_000, 'unknown cost: debounce');
    scheduler.recordCost('a', 3);
    assert.equal(scheduler.typingDelay('a'), 0);
    scheduler.recordCost('b', 40);
    assert.equal(scheduler.typingDelay('b'), 10_000);
    scheduler.schedule('a', scheduler.typingDelay('a'));
    scheduler.schedule('a', scheduler.typingDelay('a'));
    scheduler.schedule('b', scheduler.typingDelay('b'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(linted, ['a'], 'edits in one tick coalesce into one lint; the slow document still waits');
    assert.ok(scheduler.isPending('b'));
    scheduler.forget('b');
    assert.ok(!scheduler.isPending('b'));
    assert.equal(scheduler.typingDelay('b'), 10_000);
  });

  it('reads settings defensively', () => {
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(
      readSettings({
        enable: false,
        run: 'onSave',
        rules: { privileged: 'off', sudo: 'loud' },
        network: { resolveDigests: 'yes' },
      }),
      { ...DEFAULT_SETTINGS, enable: false, run: 'onSave', rules: { privileged: 'off' } },
    );
    assert.equal(readSettings({ network: { resolveDigests: true, useCredentialHelpers: true } }).useCredentialHelpers, true);
  });
});
