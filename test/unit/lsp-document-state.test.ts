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
    // The clock stands still: every edit here follows a lint closely.
    const scheduler = new LintScheduler(
      (uri) => linted.push(uri),
      10_000,
      15,
      () => 0,
    );
    assert.equal(scheduler.typingDelay('a'), 0, 'never linted: nothing says it is slow');
    scheduler.recordCost('a', 3);
    assert.equal(scheduler.typingDelay('a'), 0);
    for (const ms of [40, 40]) scheduler.recordCost('b', ms);
    assert.equal(scheduler.typingDelay('b'), 0, 'two slow lints may be a fresh server warming up');
    scheduler.recordCost('b', 40);
    assert.equal(scheduler.typingDelay('b'), 10_000, 'slow three times, and its lint has just ended: typing, so wait');
    scheduler.schedule('a', scheduler.typingDelay('a'));
    scheduler.schedule('a', scheduler.typingDelay('a'));
    scheduler.schedule('b', scheduler.typingDelay('b'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(linted, ['a'], 'edits in one tick coalesce into one lint; the slow document still waits');
    assert.ok(scheduler.isPending('b'));
    scheduler.forget('b');
    assert.ok(!scheduler.isPending('b'));
    assert.equal(scheduler.typingDelay('b'), 0, 'a closed document is forgotten');
  });

  it('lints a slow document at once when its edit ends a quiet period, and coalesces the edits that follow', async () => {
    const linted: string[] = [];
    let clock = 1_000;
    const scheduler = new LintScheduler(
      (uri) => linted.push(uri),
      150,
      50,
      () => clock,
    );
    for (const ms of [400, 130, 120]) scheduler.recordCost('big', ms);
    clock += 149;
    assert.equal(scheduler.typingDelay('big'), 150, 'an edit 149 ms after a slow lint ended is typing');
    clock += 1;
    assert.equal(scheduler.typingDelay('big'), 0, 'after 150 ms without a lint the next edit lints at once');
    scheduler.schedule('big', scheduler.typingDelay('big'));
    assert.equal(scheduler.typingDelay('big'), 0, 'an edit read in the same turn joins the immediate lint');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(linted, ['big']);
    // The lint took 120 ms; the keystrokes typed meanwhile are read when it ends.
    clock += 120;
    scheduler.recordCost('big', 120);
    assert.equal(scheduler.typingDelay('big'), 150, 'edits that arrived during the lint wait for a pause');
    scheduler.schedule('big', scheduler.typingDelay('big'));
    clock += 1_000;
    assert.equal(scheduler.typingDelay('big'), 150, 'a lint already waiting out the debounce: still typing');
    scheduler.forget('big');
  });

  it('calls a document slow only when each of its last three lints was', () => {
    let clock = 0;
    const scheduler = new LintScheduler(
      () => undefined,
      150,
      50,
      () => clock,
    );
    for (const ms of [80, 80, 80]) scheduler.recordCost('d', ms);
    assert.equal(scheduler.typingDelay('d'), 150);
    scheduler.recordCost('d', 10);
    assert.equal(scheduler.typingDelay('d'), 0, 'one fast lint among the last three');
    scheduler.recordCost('d', 200);
    scheduler.recordCost('d', 90);
    assert.equal(scheduler.typingDelay('d'), 0, 'a stretched lint (a collection pause) does not make it slow');
    scheduler.recordCost('d', 70);
    assert.equal(scheduler.typingDelay('d'), 150, 'the fast lint has left the window');
    clock += 150;
    assert.equal(scheduler.typingDelay('d'), 0);
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
