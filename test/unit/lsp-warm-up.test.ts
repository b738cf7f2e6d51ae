// The warm-up's decisions in process, on a clock the test moves: which pieces it lints, that it
// yields to real lints and to a talking editor, and that it ends (#22). No timing is asserted.
import { strict as assert } from 'node:assert';
import { syntheticDockerfile } from '../../bench/latency';
import { MAX_WARM_LINTS, WarmUp, warmUpPieces } from '../../server/src/lsp/warm-up';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A clock that moves only when told, and runs the timers that fall due. */
class TestClock {
  time = 0;
  private timers: { at: number; run: () => void }[] = [];
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => void this.timers.push({ at: this.time + ms, run });
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.run();
    for (let i = 0; i < 5; i++) await turn();
  }
}

const SMALL = 'FROM alpine:3.20\nUSER 1000\n';

describe('lsp warm-up', () => {
  it('takes a small file whole, a large Dockerfile in pieces of whole instructions, no piece of a large Compose file', () => {
    assert.deepEqual(warmUpPieces(SMALL, 'dockerfile'), [SMALL]);
    assert.deepEqual(warmUpPieces('services: {}\n', 'compose'), ['services: {}\n']);
    assert.deepEqual(warmUpPieces(`services:\n${'  a:\n    image: x\n'.repeat(500)}`, 'compose'), []);

    const text = syntheticDockerfile(2000);
    const pieces = warmUpPieces(text, 'dockerfile', 1024);
    const header =
      '# syntax=docker/dockerfile:1\nARG BASE_IMAGE=debian:12-slim\nARG APP_VERSION=1.0.0\n\nFROM ${BASE_IMAGE} AS stage0\n';
    assert.equal(pieces.length, 8, 'at most eight pieces, from the start of the file');
    for (const piece of pieces) {
      assert.ok(piece.startsWith(header), 'each piece lints as instructions of the first stage');
      assert.ok(piece.length >= 1024 && piece.length < 1024 + 200, `a piece of ${piece.length} characters`);
      assert.ok(!piece.endsWith('\\\n'), 'no piece ends inside a continued instruction');
      assert.ok(text.includes(piece.slice(header.length)), 'pieces are the file’s own lines');
    }
    assert.notEqual(pieces[0], pieces[1]);

    const lower = `ARG V=1\n  from\talpine:3.20\n${'RUN echo one two three four five\n'.repeat(80)}`;
    const lowerPieces = warmUpPieces(lower, 'dockerfile', 1024);
    assert.ok(lowerPieces.length >= 2);
    for (const piece of lowerPieces) assert.ok(piece.startsWith('ARG V=1\n  from\talpine:3.20\nRUN'));
  });

  it('warms each kind once, from its first lint, and never while a real lint waits or the editor is talking', async () => {
    const clock = new TestClock();
    let busy = true;
    const warm = new WarmUp(() => busy, 5 * SMALL.length, 30, clock);
    const pieces: string[] = [];
    warm.linted('dockerfile', SMALL, (piece) => pieces.push(piece));
    warm.linted('dockerfile', SMALL, () => assert.fail('a second document of a warmed kind starts no warm-up'));
    await clock.advance(100);
    assert.deepEqual(pieces, [], 'a real lint is waiting');

    busy = false;
    warm.messageRead();
    await clock.advance(10);
    assert.deepEqual(pieces, [], 'the editor sent a message 10 ms ago');
    await clock.advance(30);
    // Two real lints counted: three of the five lints' worth are left.
    assert.deepEqual(pieces, [SMALL, SMALL, SMALL]);
    assert.equal(warm.pending, false);

    const compose: string[] = [];
    warm.linted('compose', 'services: {}\n', (piece) => compose.push(piece));
    await clock.advance(10);
    assert.deepEqual(compose, [], 'the Compose lint just published: the editor may answer it');
    await clock.advance(30);
    assert.ok(compose.length > 0, 'another kind warms on its own first lint');
  });

  it('ends after its lints, for a tiny file too, and after a lint that throws', async () => {
    const clock = new TestClock();
    const warm = new WarmUp(() => false, 1024 * 1024, 30, clock);
    let lints = 0;
    warm.linted('dockerfile', SMALL, () => lints++);
    while (warm.pending) await clock.advance(100);
    assert.equal(lints, MAX_WARM_LINTS);

    let thrown = 0;
    warm.linted('compose', 'services: {}\n', () => {
      thrown++;
      throw new Error('a rule failed');
    });
    await clock.advance(100);
    assert.equal(thrown, 1);
    assert.equal(warm.pending, false);
  });
});
