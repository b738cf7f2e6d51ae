// The young-generation collection after a lint's diagnostics: when it runs, with stand-in probes (no
// timing asserted), and the server's real probes in a process started as the editor starts the server.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SERVER_FLAGS } from '../../client/src/server-process';
import { YoungCollector, processProbes, type YoungGenerationProbes } from '../../server/src/lsp/young-collection';

const KB = 1024;

/** A young generation whose free space and queued work the test sets. */
function fakeProbes(): YoungGenerationProbes & { free: number; queued: boolean; collections: number } {
  return {
    free: 4096 * KB,
    queued: false,
    collections: 0,
    freeBytes() {
      return this.free;
    },
    workQueued() {
      return this.queued;
    },
    collect() {
      this.collections++;
      this.free = 4096 * KB;
    },
  };
}

/** One lint that allocates `bytes`; the returned function stands for its diagnostics being written. */
function lint(collector: YoungCollector, probes: { free: number }, bytes: number): () => void {
  collector.lintStarting();
  probes.free -= bytes;
  return collector.lintEnded();
}

describe('lsp young collection', () => {
  it('collects once written when the next lint would not fit, and not while it would', () => {
    const probes = fakeProbes();
    const collector = new YoungCollector(probes);
    lint(collector, probes, 1000 * KB)();
    lint(collector, probes, 1000 * KB)();
    assert.equal(probes.collections, 0, '2 MB free: the next 1 MB lint and the requests after it fit');
    const written = lint(collector, probes, 1000 * KB);
    assert.equal(probes.collections, 0, 'not before the diagnostics are written');
    written();
    assert.equal(probes.collections, 1, '1 MB free: collected after the answer, not during the next lint');
    assert.equal(probes.free, 4096 * KB);
  });

  it('never delays a message already read, nor queued work', () => {
    const probes = fakeProbes();
    const collector = new YoungCollector(probes);
    probes.free = 1200 * KB;
    const written = lint(collector, probes, 1000 * KB);
    collector.messageRead();
    written();
    assert.equal(probes.collections, 0, 'an edit read during the lint waits for no collection');

    const next = lint(collector, probes, 100 * KB);
    probes.queued = true;
    next();
    assert.equal(probes.collections, 0, 'a message or lint queued for the next turn goes first');
    probes.queued = false;
    lint(collector, probes, 10 * KB)();
    assert.equal(probes.collections, 1, 'with nothing waiting, the next answered lint collects');
  });

  it('a message read before the lint started does not hold the collection back', () => {
    const probes = fakeProbes();
    const collector = new YoungCollector(probes);
    collector.messageRead();
    probes.free = 500 * KB;
    lint(collector, probes, 400 * KB)();
    assert.equal(probes.collections, 1);
  });

  it('keeps the last clean estimate when a scavenge ran inside the lint', () => {
    const probes = fakeProbes();
    const collector = new YoungCollector(probes);
    lint(collector, probes, 1500 * KB)();
    assert.equal(probes.collections, 0);
    // A scavenge during this lint gave space back: its own allocation cannot be told.
    collector.lintStarting();
    probes.free = 3900 * KB;
    const written = collector.lintEnded();
    probes.free = 1600 * KB;
    written();
    assert.equal(probes.collections, 1, 'judged by the 1.5 MB lint, 1.6 MB is too little room (with the margin)');
  });

  it('after quiet work (a warm-up lint), collects by the last real lint, unless work is queued', () => {
    const probes = fakeProbes();
    const collector = new YoungCollector(probes);
    lint(collector, probes, 1000 * KB)();
    probes.free = 1100 * KB;
    probes.queued = true;
    collector.quietWorkEnded();
    assert.equal(probes.collections, 0, 'a message or lint queued for the next turn goes first');
    probes.queued = false;
    collector.quietWorkEnded();
    assert.equal(probes.collections, 1, '1.1 MB free cannot take the next 1 MB lint and its requests');
    probes.free = 2000 * KB;
    collector.quietWorkEnded();
    assert.equal(probes.collections, 1, '2 MB free can');
  });

  it('does nothing without gc()', () => {
    const collector = new YoungCollector(undefined);
    collector.lintStarting();
    collector.lintEnded()();
    collector.messageRead();
    collector.quietWorkEnded();
  });

  it("reads the server process's young generation and collects it", function () {
    this.timeout(30_000);
    if (!('gc' in globalThis)) assert.equal(processProbes(), undefined, 'without --expose-gc there is nothing to collect with');
    const script = `
      const { processProbes } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/lsp/young-collection.ts'))});
      const probes = processProbes();
      const out = { probes: probes !== undefined };
      const keep = [];
      probes.collect();
      const before = probes.freeBytes();
      for (let i = 0; i < 1000; i++) keep.push({ i, text: 'x' + i });
      out.allocationSeen = probes.freeBytes() < before;
      const full = probes.freeBytes();
      probes.collect();
      out.collectedFreed = probes.freeBytes() > full;
      out.idleQueued = probes.workQueued();
      setImmediate(() => undefined);
      out.immediateQueued = probes.workQueued();
      console.log(JSON.stringify(out));
    `;
    const run = spawnSync(process.execPath, [...SERVER_FLAGS, '-r', 'tsx/cjs', '-e', script], {
      encoding: 'utf8',
      cwd: path.resolve(__dirname, '../..'),
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      probes: true,
      allocationSeen: true,
      collectedFreed: true,
      idleQueued: false,
      immediateQueued: true,
    });
  });
});
