// The Dockerfiles the equivalence tests of replaced dockerfile-ast methods and scans run over: the
// rule fixtures and, when it is checked out beside the repository, the shared corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../rules');
export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');

/** The files under `dir` (none when it does not exist) whose names `matches` accepts. */
export function filesUnder(dir: string, matches: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, matches));
    else if (matches(entry.name)) found.push(full);
  }
  return found;
}

/** A Dockerfile by name, not a fixture's findings, fixed text or config beside it. */
export const isDockerfile = (name: string) => /dockerfile/i.test(name) && !/\.(findings|fixed|ya?ml|json|md)$/i.test(name);
