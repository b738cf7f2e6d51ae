// V8 keeps the heap a burst of linting grew (opening a workspace, fast typing in a large file) long
// after the garbage is dead. When the server runs with --expose-gc (the VS Code client starts it so),
// a full collection once linting has been quiet for a moment hands that memory back.
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const IDLE_COLLECTION_MS = 1000;
let idleCollection: NodeJS.Timeout | undefined;

export function collectWhenIdle(): void {
  if (!collectGarbage) return;
  if (idleCollection) clearTimeout(idleCollection);
  idleCollection = setTimeout(() => collectGarbage(), IDLE_COLLECTION_MS);
  idleCollection.unref();
}
