// Bundles the three entry points so the VSIX and the npm bin need no node_modules at run time.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--cli-only --outdir=<folder>` builds the CLI's files alone into another folder: dist/ is shared
// by everyone working in this tree, and a measurement needs a build no one rebuilds under it.
const cliOnly = process.argv.includes('--cli-only');
const DIST = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

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
// yaml prints its tokens and documents to stdout when LOG_TOKENS or LOG_STREAM is set (its own
// debugging switches), which would corrupt a JSON or SARIF report and the language server's
// protocol stream; and its parser reads process.env once per token (a sixth of a large Compose
// file's parse). Both reads become `undefined`; a yaml release that moves them fails the build.
const YAML_DEBUG_SWITCHES = [
  { file: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, read: 'node_process.env.LOG_TOKENS' },
  { file: /[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, read: 'node_process.env.LOG_STREAM' },
];
const yamlWithoutDebugOutput = {
  name: 'yaml-without-debug-output',
  setup(build) {
    for (const { file, read } of YAML_DEBUG_SWITCHES)
      build.onLoad({ filter: file }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes(read)) throw new Error(`${args.path} no longer reads ${read}: update YAML_DEBUG_SWITCHES`);
        return { contents: text.split(read).join('undefined'), loader: 'js' };
      });
  },
};
common.plugins = [lspTypesAsCommonJs, yamlWithoutDebugOutput];

// The CLI loads each kind's implementation and rules only for a run that lints a file of that kind
// (ADR 008): the engine's file-kinds/implementations.ts, which loads every kind, is replaced in the
// CLI bundle by cli/lazy-kinds.ts, which loads `dist/cli-<kind>.js` the first time it is asked.
// The registry of every rule (rules/index.ts) likewise by cli/lazy-rules.ts, which takes the rules
// from those files, so that each rule's module is in one file only.
const REPLACED_IN_CLI = new Map([
  [path.resolve('server/src/engine/file-kinds/implementations.ts'), path.resolve('server/src/cli/lazy-kinds.ts')],
  [path.resolve('server/src/engine/rules/index.ts'), path.resolve('server/src/cli/lazy-rules.ts')],
]);
// Commands, formats and the fix machinery a plain lint does not use: one file (`dist/cli-extras.js`),
// loaded the first time one of these functions is called (one file rather than one per module: each
// entry esbuild splits for adds chunks of the modules it shares with the others). And the Compose
// project code a folder walk runs only when it finds YAML files that are not named like Compose
// files, from the Compose kind's file. And the Dockerfile model (with dockerfile-ast) that Compose
// code needs only for a service with `build:` and the rules that check both kinds only in their
// Dockerfile checks: from the Dockerfile kind's file, so that a Compose lint of a file without
// `build:` loads neither. Each entry: the module, the functions other modules call (a missing one
// fails the build, "No matching export", so a new use cannot slip past), the file that holds them,
// and, when only some importers are to load them on demand, those importers.
const CLI_ON_DEMAND = new Map(
  [
    ['server/src/cli/format-sarif.ts', ['formatSarif']],
    ['server/src/cli/format-gitlab.ts', ['formatGitlab']],
    ['server/src/cli/format-junit.ts', ['formatJunit']],
    ['server/src/cli/format-checkstyle.ts', ['formatCheckstyle']],
    ['server/src/cli/format-rdjson.ts', ['formatRdjson']],
    ['server/src/cli/format-github.ts', ['formatGithub']],
    ['server/src/cli/format-diff.ts', ['formatFixDiff']],
    ['server/src/cli/rules-command.ts', ['formatRules']],
    ['server/src/cli/init-command.ts', ['writeInitialConfig']],
    ['server/src/cli/staged.ts', ['stagedTargets']],
    ['server/src/cli/pin-command.ts', ['runPin']],
    ['server/src/engine/fix-loop.ts', ['fixAll'], 'cli-extras', 'server/src/workspace/lint-session.ts'],
    [
      'server/src/engine/compose/project/find.ts',
      ['composeFileSet', 'mayReach'],
      'cli-compose',
      'server/src/cli/compose-fragments.ts',
    ],
    ['server/src/engine/compose/project/fragments.ts', ['referencedFiles'], 'cli-compose', 'server/src/cli/compose-fragments.ts'],
    [
      'server/src/engine/dockerfile/model.ts',
      ['parseDockerfile', 'lineage'],
      'cli-dockerfile',
      ['server/src/engine/compose/build.ts', 'server/src/engine/rules/root-user.ts'],
    ],
    ['server/src/engine/dockerfile/copy-operands.ts', ['copyOperands'], 'cli-dockerfile', 'server/src/engine/rules/root-user.ts'],
    [
      'server/src/engine/dockerfile/stage-user.ts',
      ['createdUser', 'findStage', 'stageUser', 'suggestedUser'],
      'cli-dockerfile',
      'server/src/engine/rules/root-user.ts',
    ],
    [
      'server/src/engine/dockerfile/shipped-stages.ts',
      ['stagesInBuild'],
      'cli-dockerfile',
      'server/src/engine/rules/eol-base-image.ts',
    ],
  ].map(([file, functions, chunk = 'cli-extras', from]) => [
    path.resolve(file),
    { functions, chunk, from: from && [from].flat().map((importer) => path.resolve(importer)) },
  ]),
);
const CLI_EXTRAS = 'cli-extras';
const CLI_RULE_DOCS = 'cli-rule-docs.js';
const CLI_ENTRIES = {
  cli: 'server/src/cli/main.ts',
  'cli-dockerfile': 'server/src/cli/kind-chunks/dockerfile.ts',
  'cli-compose': 'server/src/cli/kind-chunks/compose.ts',
  [CLI_EXTRAS]: CLI_EXTRAS,
};
// yaml, which a Dockerfile lint only needs to read a config file, is its own file
// (`dist/cli-yaml-package.js`) behind a stand-in (`dist/cli-yaml.js`) whose exports load it the
// first time one is read: the modules that import yaml (rules that check both kinds, the config
// reader) read an export only when they use it.
const CLI_YAML = 'cli-yaml.js';
const CLI_YAML_PACKAGE = 'cli-yaml-package.js';
const YAML_EXPORTS = Object.keys(createRequire(import.meta.url)('yaml'));
const SERVER_SOURCES = path.resolve('server/src') + path.sep;
const RESOLVING = Symbol('resolving');

// A rule's docs (why, examples, fix: about a third of the rule code) are read by `rules`, SARIF and
// the docs generator, never by a lint. The CLI's rule modules are built without them, each rule
// given a getter that reads them from `dist/cli-rule-docs.js` (cli/lazy-docs.ts), which is built from
// the same rule files: the rule file stays their one source. A rule file the patterns below do not
// fit fails the build.
const RULE_FILE = /[\\/]server[\\/]src[\\/]engine[\\/]rules[\\/][a-z0-9-]+\.ts$/;
const RULE_DOCS = /\n {2}docs: (\{\n[\s\S]*?\n {2}\}),\n/;
const LAZY_DOCS = path.resolve('server/src/cli/lazy-docs.ts');

function ruleParts(file, text) {
  const docs = RULE_DOCS.exec(text);
  const id = /\n {2}id: '([a-z0-9-]+)',\n/.exec(text);
  if (!docs || !id || text.split('export default defineRule({\n').length !== 2 || !text.endsWith('\n});\n'))
    throw new Error(`${file}: not a rule file esbuild.mjs can take the docs out of (ruleParts)`);
  // The docs chunk has only the literal: one that names anything (an import, a constant) fails here.
  const literal = esbuild.transformSync(`(${docs[1]})`, { loader: 'ts' }).code;
  const value = vm.runInNewContext(literal, Object.create(null));
  if (typeof value?.why !== 'string') throw new Error(`${file}: docs without why`);
  return { id: id[1], docs: docs[1], literal };
}

function ruleFiles() {
  const dir = path.resolve('server/src/engine/rules');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name))
    .filter((file) => fs.readFileSync(file, 'utf8').includes('export default defineRule({'));
}

/** dist/cli-rule-docs.js: every rule's docs by id, from the rule files. */
function ruleDocsModule() {
  const entries = ruleFiles().map((file) => {
    const { id, literal } = ruleParts(file, fs.readFileSync(file, 'utf8'));
    return `  ${JSON.stringify(id)}: ${literal.trim().replace(/;$/, '')},`;
  });
  return `module.exports = {\n${entries.join('\n')}\n};\n`;
}

// A Compose lint whose service builds a Dockerfile loads the Dockerfile kind's file for the model
// (CLI_ON_DEMAND), not for its rules: the rules that check Dockerfiles only are built as functions
// that run the rule module and return the rule, which cli/lazy-kinds.ts calls the first time the
// Dockerfile rules are asked for. A rule file with exports besides its rule, or anything but
// imports before its code, stays as it is.
const DOCKERFILE_ONLY_RULES = new Set(
  JSON.parse(fs.readFileSync('server/src/engine/rules/catalogue.generated.json', 'utf8'))
    .filter((rule) => rule.targets.length === 1 && rule.targets[0] === 'dockerfile')
    .map((rule) => rule.id),
);
const LEADING_IMPORTS = /^(?:[ \t]*(?:import\s[^;]*?\sfrom\s+(['"])[^'"]+\1;|\/\/[^\n]*)?[ \t]*\n?)*/;

/** The rule module's code after its imports in a function returning the rule; undefined when it cannot be. */
function ruleAsFunction(contents) {
  const imports = LEADING_IMPORTS.exec(contents)[0];
  const body = contents.slice(imports.length);
  if (/^\s*(import|export)\s/m.test(body.replace('export default withLazyDocs(defineRule({\n', ''))) return undefined;
  // On the lines the code was on, for the source map.
  return `${imports}export default () => { ${body.replace('export default withLazyDocs(defineRule({\n', 'return withLazyDocs(defineRule({\n').replace(/\n$/, ' };\n')}`;
}

const ruleDocsApart = {
  name: 'rule-docs-apart',
  setup(build) {
    build.onLoad({ filter: RULE_FILE }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('export default defineRule({')) return undefined;
      const { id } = ruleParts(args.path, text);
      // Every line where it was, for the source map: the docs become blank lines.
      const contents =
        `import { withLazyDocs } from ${JSON.stringify(LAZY_DOCS)}; ` +
        text
          .replace(RULE_DOCS, (docs) => '\n'.repeat(docs.split('\n').length - 1))
          .replace('export default defineRule({\n', 'export default withLazyDocs(defineRule({\n')
          .replace(/\n\}\);\n$/, '\n}));\n');
      return {
        contents: (DOCKERFILE_ONLY_RULES.has(id) && ruleAsFunction(contents)) || contents,
        loader: 'ts',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

const cliChunks = {
  name: 'cli-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli-[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }));
    // Through the one module that holds yaml's exports (sharedNamespaces below).
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      args.namespace === 'shared-namespace' ? { path: `./${CLI_YAML}`, external: true } : undefined,
    );
    // Our modules have no side effects at load beyond their exports, so esbuild may leave out a
    // module none of whose exports a chunk uses: the engine's index re-exports RULES, which the
    // CLI's lint path never reads, and would otherwise bring every rule into the main chunk.
    build.onResolve({ filter: new RegExp(`^${CLI_EXTRAS}$`) }, (args) => ({ path: args.path, namespace: CLI_EXTRAS }));
    build.onLoad({ filter: /.*/, namespace: CLI_EXTRAS }, () => ({
      contents: [...CLI_ON_DEMAND]
        .filter(([, { chunk }]) => chunk === CLI_EXTRAS)
        .map(([file, { functions }]) => `export { ${functions.join(', ')} } from ${JSON.stringify(file)};`)
        .join('\n'),
      loader: 'js',
      resolveDir: process.cwd(),
    }));
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === RESOLVING || !args.importer.startsWith(SERVER_SOURCES)) return undefined;
      const {
        path: resolved,
        external,
        namespace,
        errors,
      } = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (errors.length > 0 || external || namespace !== 'file') return undefined;
      if (REPLACED_IN_CLI.has(resolved)) return { path: REPLACED_IN_CLI.get(resolved), sideEffects: false };
      const demand = CLI_ON_DEMAND.get(resolved);
      if (demand && (!demand.from || demand.from.includes(args.importer)))
        return { path: resolved, namespace: 'cli-on-demand', sideEffects: false };
      return resolved.startsWith(SERVER_SOURCES) && !resolved.endsWith('.js')
        ? { path: resolved, sideEffects: false }
        : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'cli-on-demand' }, (args) => {
      const { functions, chunk } = CLI_ON_DEMAND.get(args.path);
      // The file is looked up once: a Dockerfile lint calls some of these per instruction.
      return {
        contents: [
          `let loaded;`,
          `const load = () => (loaded ??= require('./${chunk}.js'));`,
          ...functions.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * The CLI: its entries split by esbuild into ES module chunks (a module two entries use is in one
 * chunk, so nothing is loaded twice), then each chunk converted to CommonJS, which
 * bin/load-bundle.js compiles through V8's code cache (it has no such cache for ES modules on Node
 * 20). Minified in production like the others, with source maps (through both steps) to read a
 * release's stack traces.
 */
async function buildCli() {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
  try {
    const split = await esbuild.build({
      ...common,
      format: 'esm',
      splitting: true,
      sourcemap: true,
      entryPoints: CLI_ENTRIES,
      outdir: staging,
      chunkNames: 'cli-chunk-[hash]',
      metafile: true,
      plugins: [ruleDocsApart, lspTypesAsCommonJs, yamlWithoutDebugOutput, cliChunks, cliOnDemand, jsonAsParse, sharedNamespaces],
    });
    const outputs = Object.keys(split.metafile.outputs).filter((file) => file.endsWith('.js'));
    // A forwarding function calls its file's export of the same name: one the file lacks fails here.
    const exportsOf = new Map(outputs.map((file) => [path.basename(file, '.js'), split.metafile.outputs[file].exports]));
    for (const [file, { functions, chunk }] of CLI_ON_DEMAND) {
      const missing = functions.filter((name) => !exportsOf.get(chunk)?.includes(name));
      if (missing.length > 0) throw new Error(`${chunk}.js does not export ${missing.join(', ')} of ${path.relative('.', file)}`);
    }
    // bin/load-bundle.js runs each file as a vm.Script, which has no dynamic import(): a module
    // to load later goes in CLI_ON_DEMAND instead.
    for (const file of outputs)
      for (const { path: imported, kind } of split.metafile.outputs[file].imports)
        if (kind === 'dynamic-import') throw new Error(`${path.basename(file)}: import('${imported}') cannot run in the CLI`);
    fs.mkdirSync(DIST, { recursive: true });
    for (const file of fs.readdirSync(DIST))
      if (/^cli(-[\w-]+)?\.js(\.map)?$/.test(file) && file !== COMPOSE_VALIDATOR_CHUNK) fs.rmSync(path.join(DIST, file));
    await Promise.all(
      outputs.map((file) =>
        esbuild.build({
          ...common,
          sourcemap: true,
          entryPoints: [file],
          outfile: path.join(DIST, path.basename(file)),
          // Its imports of the other chunks (./cli-chunk-*.js) become require() calls of them.
          external: ['./*'],
          // CommonJS exports of an ES module are getters (live bindings), and a module of another
          // chunk reads them through two getters per access: about 4 % of a whole-corpus lint.
          // Once the file has run, its exports become plain values (none of our modules reassigns
          // an export; a chunk that read the exports before then keeps the getters, which still work),
          // defined rather than assigned: assigned by computed name, V8 makes the object a dictionary.
          footer: {
            js: `if (module.exports && module.exports.__esModule) { const live = module.exports, plain = Object.defineProperty({}, '__esModule', { value: true }); for (const name of Object.keys(live)) Object.defineProperty(plain, name, { value: live[name], enumerable: true }); module.exports = plain; }`,
          },
          plugins: [],
        }),
      ),
    );
    // The stand-in (a few hundred bytes, read by every run) and the package (read when used). Its
    // getters stay getters: redefining 29 properties would turn the object into a dictionary, and
    // Compose code reads these exports millions of times in a large run.
    fs.writeFileSync(
      path.join(DIST, CLI_YAML),
      `'use strict';\nlet yaml;\nconst load = () => (yaml ??= require('./${CLI_YAML_PACKAGE}'));
for (const name of ${JSON.stringify(YAML_EXPORTS)})
  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });\n`,
    );
    await esbuild.build({
      ...common,
      sourcemap: false,
      stdin: { contents: `module.exports = require('yaml');`, resolveDir: process.cwd(), loader: 'js' },
      outfile: path.join(DIST, CLI_YAML_PACKAGE),
    });
    // Its own build rather than an entry of the split: an entry shares esbuild's helpers with the
    // others, which then become one more chunk that every run loads.
    await esbuild.build({
      ...common,
      sourcemap: false,
      stdin: { contents: ruleDocsModule(), resolveDir: process.cwd(), loader: 'js' },
      outfile: path.join(DIST, CLI_RULE_DOCS),
    });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// The editor's two bundles; `--cli-only` leaves them out.
const editorBuilds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    plugins: [lspTypesAsCommonJs, yamlWithoutDebugOutput, jsonAsParse],
  },
];

const builds = [
  ...(cliOnly ? [] : editorBuilds),
  buildCli,
  { ...common, sourcemap: false, entryPoints: [COMPOSE_VALIDATOR], outfile: path.join(DIST, COMPOSE_VALIDATOR_CHUNK) },
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
    // The CLI's two steps have no watch mode: `npm run build` rebuilds it.
    if (typeof options === 'function') continue;
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => (typeof options === 'function' ? options() : esbuild.build(options))));
  // bin/load-bundle.js reads an ASCII file as one-byte text, faster than decoding UTF-8 (esbuild
  // escapes other characters by default); it checks each file, so one that is not only costs time.
  if (builds.includes(buildCli))
    for (const file of fs.readdirSync(DIST))
      if (/^cli(-[\w-]+)?\.js$/.test(file) && !fs.readFileSync(path.join(DIST, file)).every((byte) => byte < 0x80))
        throw new Error(`${DIST}/${file} is not ASCII: bin/load-bundle.js would decode it the slow way`);
}
