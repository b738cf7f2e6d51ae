// The shared benchmark corpus (../shared/corpus, next to the repository): real-world Dockerfiles and
// Compose files plus the KICS fixtures. Every benchmark lints the same list so the numbers compare.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind, type FileKind } from '../server/src/engine';

/** The repository root: the benchmark runs from `bench/` under tsx or from its bundle in `out/bench/`. */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'bench/GAPS.md'))) return dir;
    if (path.dirname(dir) === dir) return path.join(from, '..');
  }
}

export const ROOT = repositoryRoot(__dirname);
export const CORPUS = path.resolve(ROOT, '../shared/corpus');

export interface CorpusFile {
  /** Absolute path. */
  path: string;
  kind: FileKind;
  text: string;
}

/** Every Dockerfile and Compose file under `dir`, in a stable order; empty when the corpus is not checked out. */
export function corpusFiles(dir: string = CORPUS): CorpusFile[] {
  const files: CorpusFile[] = [];
  const walk = (current: string) => {
    // Sorted so that runs (and the synthetic edits that pick files by index) do not depend on readdir order.
    const entries = fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        // KICS fixtures are named positive1.yaml / *.dockerfile: classify by folder as well as name.
        const kind =
          detectKind(entry.name) ??
          (/\.dockerfile$/i.test(entry.name)
            ? 'dockerfile'
            : full.includes('/kics/compose/') && /\.ya?ml$/.test(entry.name)
              ? 'compose'
              : undefined);
        if (kind) files.push({ path: full, kind, text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}
