// The idle collection's decisions, with a stand-in for gc() (no timing asserted).
import { strict as assert } from 'node:assert';
import { IdleCollector } from '../../server/src/lsp/idle-collection';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lsp idle collection', () => {
  it('collects twice once quiet, and not at all without gc()', async () => {
    let collections = 0;
    const collector = new IdleCollector(() => collections++, 5);
    collector.activity();
    collector.activity();
    await after(30);
    await tick();
    assert.equal(collections, 2, 'one quiet period: two full collections, however many lints preceded it');
    new IdleCollector(undefined, 5).activity();
  });

  it('skips the second collection when an edit is read between the two', async () => {
    let collections = 0;
    const collector: IdleCollector = new IdleCollector(() => {
      // An edit read in the turn of the first collection: its lint is queued behind this turn.
      if (++collections === 1) collector.activity();
    }, 5);
    collector.activity();
    await after(2);
    while (collections === 0) await after(2);
    await tick();
    await tick();
    assert.equal(collections, 1, 'the edit is linted without waiting for a second full collection');
    await after(30);
    await tick();
    assert.equal(collections, 3, 'once quiet again, both collections run');
  });
});
