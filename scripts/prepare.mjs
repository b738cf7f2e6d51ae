// `npm install` in a checkout (and npm's own preparation of a git dependency) builds dist/. Without
// devDependencies there is no esbuild and nothing to bundle with: that is a checkout used for its
// sources (or an install with --omit=dev), not an error, so say so and leave dist/ as it is.
// `npm pack` runs prepack first, which builds unconditionally: a package is never packed without dist/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('esbuild');
} catch {
  console.error('shipshape: esbuild is not installed (devDependencies omitted); dist/ was not built');
  process.exit(0);
}
// Production, as prepack builds it: npm pack runs prepare after prepack, and must not swap the
// minified bundles for development ones.
const result = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
