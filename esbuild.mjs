// Bundles the three entry points so the VSIX and the npm bin need no node_modules at run time.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

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

// The CLI is started once per pre-commit run or CI step, so what it loads before linting is paid
// every time. A Dockerfile lint does not need the Compose schema validator (a third of the bundle),
// and a plain lint needs neither node:crypto (SARIF and GitLab fingerprints) nor node:child_process
// (--staged): those are loaded the first time they are used. The language server loads everything
// once per session and keeps it, so it stays one file.
const COMPOSE_VALIDATOR = 'server/src/engine/compose/compose-validator.generated.js';
const COMPOSE_VALIDATOR_CHUNK = 'cli-compose-validator.js';
const LAZY_BUILTINS = {
  'node:crypto': ['createHash', 'randomBytes'],
  'node:child_process': ['execFile', 'execFileSync'],
  // Asked only when the report goes to a character device that is not /dev/null (cli/main.ts):
  // node:tty loads Node's socket and stream modules.
  'node:tty': ['isatty'],
};
const LAZY_BUILTIN_FILTER = new RegExp(`^(${Object.keys(LAZY_BUILTINS).join('|')})$`);

const cliOnDemand = {
  name: 'cli-on-demand',
  setup(build) {
    // The generated validator becomes its own file; the bundle keeps a stand-in with the same
    // contract (a function returning true or false, with the errors of the last call on .errors).
    build.onResolve({ filter: /compose-validator\.generated$/ }, () => ({ path: 'compose-validator', namespace: 'on-demand' }));
    build.onResolve({ filter: new RegExp(`^\\./${COMPOSE_VALIDATOR_CHUNK.replace('.', '\\.')}$`) }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /^compose-validator$/, namespace: 'on-demand' }, () => ({
      contents: `let loaded;
        function validate(data, options) {
          loaded ??= require('./${COMPOSE_VALIDATOR_CHUNK}');
          const valid = loaded(data, options);
          validate.errors = loaded.errors;
          return valid;
        }
        validate.errors = null;
        module.exports = validate;
        module.exports.default = validate;`,
      loader: 'js',
    }));
    // A missing name here fails the build ("No matching export"), so a new use cannot slip past.
    build.onResolve({ filter: LAZY_BUILTIN_FILTER }, (args) =>
      args.namespace === 'on-demand' ? { path: args.path, external: true } : { path: args.path, namespace: 'on-demand' },
    );
    build.onLoad({ filter: /^node:/, namespace: 'on-demand' }, (args) => ({
      contents: LAZY_BUILTINS[args.path]
        .map((name) => `export function ${name}(...args) { return require('${args.path}').${name}(...args); }`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

// An imported JSON file (the Compose spec for its key names, package.json) becomes one JSON.parse
// of a string instead of an object literal: V8 parses JSON faster than the same data as code, and
// the literal's bytecode would sit in the CLI's compile cache, read back on every run.
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

// Each `import * as fs from 'node:fs'` (and each import from a CommonJS package such as yaml) in a
// module of ours becomes its own copy of the module's exports in the CommonJS bundle, made at
// start-up property by property: 25 copies of yaml's and 22 of node:fs/node:path's, about a tenth
// of a one-file lint's own time. Routed through one ES module per package, the copy is made once.
const SHARED_NAMESPACES = /^(node:(fs|path|os)|yaml|dockerfile-ast|ignore)$/;
const sharedNamespaces = {
  name: 'shared-namespaces',
  setup(build) {
    build.onResolve({ filter: SHARED_NAMESPACES }, (args) =>
      args.namespace === 'shared-namespace' ? undefined : { path: args.path, namespace: 'shared-namespace' },
    );
    // Only `ignore` is imported by default (a default export would be one more copy for the others).
    build.onLoad({ filter: /.*/, namespace: 'shared-namespace' }, (args) => ({
      contents: `export * from '${args.path}';\n${args.path === 'ignore' ? `export { default } from 'ignore';\n` : ''}`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

// dockerfile-ast require()s the LSP types and text document, whose package.json sends esbuild's
// default "module" condition to their ES builds: in a CommonJS bundle every Range.create and
// Position.create then goes through an export getter (about 1 % of a corpus lint). Node's own
// resolution (the "default" condition) gives their CommonJS builds, for every importer alike.
const LSP_TYPES = /^vscode-languageserver-(types|textdocument)$/;
const lspTypesAsCommonJs = {
  name: 'lsp-types-as-commonjs',
  setup(build) {
    build.onResolve({ filter: LSP_TYPES }, (args) => ({
      path: createRequire(path.join(args.resolveDir, 'index.js')).resolve(args.path),
    }));
  },
};
common.plugins = [lspTypesAsCommonJs];

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [lspTypesAsCommonJs, jsonAsParse] },
  // Minified in production like the others, with a source map beside it to read a release's stack traces.
  {
    ...common,
    sourcemap: true,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [lspTypesAsCommonJs, cliOnDemand, jsonAsParse, sharedNamespaces],
  },
  { ...common, sourcemap: false, entryPoints: [COMPOSE_VALIDATOR], outfile: `dist/${COMPOSE_VALIDATOR_CHUNK}` },
];

// The extension-host test suite (npm run test:vscode) alone, bundled with mocha; vscode comes from
// the host. Its runner (test/vscode/run-test.ts, under tsx) builds dist/ only when it is stale, so
// after `npm run package` the suite runs the production bundles.
if (process.argv.includes('--vscode-tests')) {
  builds.length = 0;
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
