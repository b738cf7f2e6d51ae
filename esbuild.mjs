// Bundles the three entry points so the VSIX and the npm bin need no node_modules at run time.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

// The extension-host test suite (npm run test:vscode), bundled with mocha; vscode comes from the
// host. Its runner (test/vscode/run-test.ts) runs under tsx, as the e2e drivers do.
if (process.argv.includes('--vscode-tests')) {
  builds.push({
    ...common,
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: 'out/vscode-tests/suite.js',
    external: ['vscode'],
    // mocha's parallel mode, which the suite does not use, resolves its worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

// `npm run bench` times the engine as it ships: bundled, without the keepNames wrappers tsx adds
// to every function (a measurable cost on closure-heavy code such as the shell scanner).
if (process.argv.includes('--bench')) {
  builds.length = 0;
  builds.push({ ...common, minify: true, sourcemap: false, entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.js' });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
