// The CLI and language-server tests spawn the bundles in dist/, as users run them. A bundle older
// than its sources would make those tests pass or fail for code that is no longer there, and a
// missing one used to make them skip without a word: build dist/ instead, once per test process.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const BUNDLES = [
  'dist/cli.js',
  'dist/cli-dockerfile.js',
  'dist/cli-compose.js',
  'dist/cli-extras.js',
  'dist/cli-compose-validator.js',
  'dist/server.js',
  'dist/client.js',
];
/** What the bundles are made of: our sources, the bundler's options, package.json (imported for the version) and the locked dependencies. */
const INPUTS = ['server/src', 'client/src', 'esbuild.mjs', 'package.json', 'package-lock.json'];

function newestModification(entry: string): { file: string; mtimeMs: number } {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return { file: entry, mtimeMs: stat.mtimeMs };
  let newest = { file: entry, mtimeMs: 0 };
  for (const child of fs.readdirSync(entry)) {
    const candidate = newestModification(path.join(entry, child));
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when every bundle is newer than every input. */
export function staleDistReason(root = ROOT): string | undefined {
  let oldestBundle = Infinity;
  for (const bundle of BUNDLES) {
    const file = path.join(root, bundle);
    if (!fs.existsSync(file)) return `${bundle} is missing`;
    oldestBundle = Math.min(oldestBundle, fs.statSync(file).mtimeMs);
  }
  for (const input of INPUTS) {
    const newest = newestModification(path.join(root, input));
    if (newest.mtimeMs > oldestBundle) return `${path.relative(root, newest.file)} is newer than the bundles`;
  }
  return undefined;
}

/** Undefined until checked; then the build's failure (rethrown by every later suite) or null. */
let outcome: Error | null | undefined;

/**
 * Builds dist/ (`node esbuild.mjs`, as `npm run build`) when a bundle is missing or older than its
 * sources. Call it from a `before` hook of any suite that spawns dist/; the first call may take a
 * few seconds.
 */
export function ensureFreshDist(): void {
  if (outcome === undefined) {
    const reason = staleDistReason();
    outcome = null;
    if (reason) {
      try {
        execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'pipe' });
      } catch (error) {
        const output = error as { stdout?: Buffer; stderr?: Buffer };
        outcome = new Error(
          `dist/ needed a build (${reason}) and \`node esbuild.mjs\` failed:\n${String(output.stderr ?? '')}${String(output.stdout ?? '')}`,
        );
      }
    }
  }
  if (outcome) throw outcome;
}
