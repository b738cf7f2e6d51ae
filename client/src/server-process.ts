// How the language server process is started, shared by the VS Code client and the benchmark (which
// must measure the server as editors run it). No vscode import here, so Node scripts can use it.

// --expose-gc lets the server hand back the memory a burst of linting used once it goes idle; a
// small young generation keeps the resident set low (about 10 MB less with a workspace open, at no
// measurable latency cost).
export const SERVER_FLAGS = ['--expose-gc', '--max-semi-space-size=4'];

/**
 * The server's environment. On glibc, V8's compiler and GC threads each get a malloc arena that keeps
 * the memory they freed: with the 558-file corpus open that was about 8 MB of the server's resident
 * set. One arena and a fixed trim threshold give it back (91 -> 80-83 MB in `npm run bench`'s
 * footprint run, with no slower edits). Other C libraries ignore these variables, and a value the
 * user set is kept.
 */
export function serverEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...base,
    MALLOC_ARENA_MAX: base.MALLOC_ARENA_MAX ?? '1',
    MALLOC_TRIM_THRESHOLD_: base.MALLOC_TRIM_THRESHOLD_ ?? '65536',
  };
}
