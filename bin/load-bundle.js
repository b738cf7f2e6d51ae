// Loads a dist/ bundle with V8's compiled code kept on disk between runs. A pre-commit hook or CI
// step starts the CLI once per run, and compiling the bundle again each time is about a third of
// Shipshape's share of a cold start. Node 22.1+ has this built in (module.enableCompileCache); on
// older Node the bundle is compiled through vm.Script with the cached data that V8 produced after
// the previous run, which holds the functions that run used as well as the top level.
//
// The cache is executable code, so it is only read from a folder that this user owns and no one
// else can write: $XDG_CACHE_HOME/shipshape/compile-cache, or ~/.cache/shipshape/compile-cache.
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off.
/* global module */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isAscii = () => false } = require('node:buffer');

/** The user's home: $HOME as os.homedir() reads it first on POSIX, without loading node:os for it. */
function homeDir() {
  return process.platform !== 'win32' && process.env.HOME ? process.env.HOME : require('node:os').homedir();
}

function cacheDir() {
  const env = process.env;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homeDir(), '.cache');
  return path.join(base, 'shipshape', 'compile-cache');
}

/** The folder, created if needed, or undefined when it is missing, shared or not ours. */
function privateDir(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return undefined;
    // Windows reports neither owner nor useful modes; its per-user profile folder is the protection there.
    if (process.platform !== 'win32' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Entries this run writes at exit, so that each holds what this run compiled: one listener for all
 * the files a run loads (the CLI's chunks), each written under a temporary name and renamed, so
 * that a run starting meanwhile reads a whole entry or none.
 */
const pendingEntries = [];
process.once('exit', () => {
  for (const { script, cacheFile } of pendingEntries) {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  }
  if (pendingEntries.length > 0) removeStaleEntries(pendingEntries);
});

/**
 * Entries that will not be read again: an earlier build of a file written now, or a file no longer
 * in its folder (a CLI chunk's name changes with its content), of the same installed copy.
 */
function removeStaleEntries(written) {
  const { dir } = written[0];
  const current = new Set(written.map((entry) => entry.name));
  // Per installed copy and variant: its folder and the files this run wrote an entry for.
  const owners = new Map();
  for (const { file, owner } of written) {
    if (!owners.has(owner)) owners.set(owner, { folder: path.dirname(file), files: new Set() });
    owners.get(owner).files.add(path.basename(file));
  }
  try {
    for (const entry of fs.readdirSync(dir)) {
      if (!entry.endsWith('.v8') || current.has(entry)) continue;
      for (const [owner, { folder, files }] of owners) {
        const at = entry.indexOf(owner);
        if (at <= 0 || !entry.startsWith(process.version, at + owner.length)) continue;
        const base = `${entry.slice(0, at)}.js`;
        if (files.has(base) || !fs.existsSync(path.join(folder, base))) fs.rmSync(path.join(dir, entry), { force: true });
      }
    }
  } catch {
    // Left for a later run.
  }
}

/**
 * The file's text inside CommonJS's function wrapper (Module.wrap), and its stat. The build writes
 * ASCII only (esbuild.mjs checks), so the wrapper and the file are read into one buffer and made one
 * one-byte string: decoding UTF-8 took twice as long, and Module.wrap's concatenation made V8 copy
 * the whole text again when compiling (the copies of files under 128 KB in the young generation,
 * which everything a cold start makes survives: 0.3 MB more for the scavenges of a Compose lint to
 * move). A file that is not ASCII is decoded and wrapped as require() does.
 */
function readWrapped(file, Module) {
  const [head, tail] = Module.wrap('\0').split('\0');
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    const buffer = Buffer.allocUnsafe(head.length + stat.size + tail.length);
    let end = buffer.write(head, 0, 'latin1');
    for (let read; end < head.length + stat.size; end += read) {
      read = fs.readSync(fd, buffer, end, head.length + stat.size - end, null);
      if (read === 0) break;
    }
    const text = buffer.subarray(head.length, end);
    if (!isAscii(text)) return { source: Module.wrap(text.toString('utf8')), stat };
    end += buffer.write(tail, end, 'latin1');
    return { source: buffer.toString('latin1', 0, end), stat };
  } finally {
    fs.closeSync(fd);
  }
}

/** Compiles the bundle with the cached data of an earlier run; undefined if it cannot. */
function compileWithCache(file, dir, variant) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const { source, stat } = readWrapped(file, Module);
  // V8 checks its own version and flags and the source's length, not its content. npm gives every
  // file it installs the same modification time, so the entry is named by the bundle's size, inode
  // and change time: a rebuilt or reinstalled bundle never meets code compiled from another. Named
  // by the installed copy (its folder) too, so that two installs (a global one and a project's)
  // keep their own entries.
  const folder = path.dirname(file);
  let where = 0;
  for (let i = 0; i < folder.length; i++) where = (Math.imul(where, 31) + folder.charCodeAt(i)) | 0;
  const owner = `-${variant}-${(where >>> 0).toString(36)}-`;
  const name = `${path.basename(file, '.js')}${owner}${process.version}-${process.arch}-${stat.size}-${stat.ino}-${Math.floor(stat.ctimeMs)}.v8`;
  const cacheFile = path.join(dir, name);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No entry yet: this run writes it.
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) pendingEntries.push({ script, dir, file, name, owner, cacheFile });
  return { script, Module };
}

const searchPaths = new Map();

/**
 * Runs the compiled bundle as require() would run it. The files it loads on demand beside itself
 * (`require('./chunk.js')`, such as the CLI's Compose schema validator) go through the cache too.
 */
function run(file, { script, Module }, dir, variant, chunks = new Map()) {
  const bundle = new Module(file, module);
  bundle.filename = file;
  // The files require only Node's modules and each other (esbuild.mjs bundles every package), so
  // the node_modules search path, the same for every file of the folder, is worked out once.
  const folder = path.dirname(file);
  if (!searchPaths.has(folder)) searchPaths.set(folder, Module._nodeModulePaths(folder));
  bundle.paths = searchPaths.get(folder);
  // Keyed by the name as written: every file requires its chunks from its own folder, the bundle's.
  // A path.join per require() (about 40 in a Compose lint) was enough calls to have V8 optimise
  // Node's path normalisation in the background, a compile that cost more than it saved.
  const load = (id) => {
    const known = chunks.get(id);
    if (known !== undefined) return known;
    if (!/^\.\/[\w.-]+\.js$/.test(id)) return bundle.require(id);
    const chunk = path.join(folder, id);
    let compiled;
    try {
      compiled = compileWithCache(chunk, dir, variant);
    } catch {
      return bundle.require(id);
    }
    const exports = run(chunk, compiled, dir, variant, chunks);
    chunks.set(id, exports);
    return exports;
  };
  script.runInThisContext().call(bundle.exports, bundle.exports, load, bundle, file, folder);
  bundle.loaded = true;
  return bundle.exports;
}

/**
 * Requires `file` (an absolute path to a bundle) with a compile cache where one can be kept.
 * `variant` separates entries for runs that use different code (a lint and `--version`), since an
 * entry keeps the functions of the run that wrote it.
 */
function loadBundle(file, variant) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(file);
  const dir = privateDir(cacheDir());
  const module_ = require('node:module');
  if (typeof module_.enableCompileCache === 'function') {
    try {
      if (dir) module_.enableCompileCache(dir);
    } catch {
      // A cache that cannot be set up only costs the time it would have saved.
    }
    return require(file);
  }
  if (!dir) return require(file);
  let compiled;
  try {
    compiled = compileWithCache(file, dir, variant);
  } catch {
    // A cache that cannot be read only costs the time it would have saved.
    return require(file);
  }
  return run(file, compiled, dir, variant);
}

module.exports = { loadBundle };
