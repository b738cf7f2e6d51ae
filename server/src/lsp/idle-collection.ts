// V8 keeps the heap a burst of linting grew (opening a workspace, fast typing in a large file) long
// after the garbage is dead. When the server runs with --expose-gc (the VS Code client starts it so),
// full collections once linting has been quiet for a moment hand that memory back.
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const IDLE_COLLECTION_MS = 1000;
let idleCollection: NodeJS.Timeout | undefined;

export function collectWhenIdle(): void {
  if (!collectGarbage) return;
  if (idleCollection) clearTimeout(idleCollection);
  const scheduled = (idleCollection = setTimeout(() => {
    collectGarbage();
    // One full collection frees the dead objects but keeps the pages the survivors are scattered
    // over (a workspace's lint states among the burst's garbage): V8 picks the pages to compact
    // from the previous marking, so only a second one moves the survivors and returns the pages.
    // With the corpus open that is about 30 MB of resident set (#22). It runs on the next turn, so
    // an edit that arrived meanwhile is linted first, and skipped if linting started again.
    setImmediate(() => {
      if (idleCollection === scheduled) collectGarbage();
    });
  }, IDLE_COLLECTION_MS));
  idleCollection.unref();
}
