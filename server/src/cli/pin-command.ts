// `shipshape pin`: the one command that talks to the network. It asks each image's registry for the
// digest its tag points to now and appends it (`node:20` -> `node:20@sha256:...`), keeping the tag.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import {
  applyPins,
  isUpdatable,
  pinBlockedReason,
  pinTargetsOf,
  pullReference,
  skipReason,
  DEFAULT_CONFIG,
  type PinTarget,
} from '../engine';
import {
  FileDigestCache,
  RegistryClient,
  defaultCacheDir,
  type DigestCache,
  RegistryError,
  type ResolvedDigest,
} from '../registry';
import { readProjectFile, writeProjectFile } from '../workspace/file-access';
import { ConfigStore, FileSession } from '../workspace/lint-session';
import { cliSessionPolicy } from './lint-files';
import { discover } from './discover';
import { PIN_USAGE } from './pin-usage';
import { terminalSafe, terminalSafeLines, terminalSafePath } from './terminal-safe';
import { UsageError, type Io } from './usage';

export interface PinOptions {
  /** Tests pass a client wired to a local registry. */
  client?: RegistryClient;
  /** Tests shorten the run's time budget. */
  runBudgetMs?: number;
}

const CONCURRENCY = 4;
/**
 * Registry time for a whole run. Each image also has its own budget (RegistryClient), but a
 * registry that drip-feeds every answer would still cost that much per image; past this, the
 * images not yet resolved are reported as not resolved.
 */
const RUN_BUDGET_MS = 120_000;

export async function runPin(args: string[], io: Io, options: PinOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean' },
      check: { type: 'boolean' },
      update: { type: 'boolean' },
      platform: { type: 'string' },
      timeout: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'credential-helpers': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(PIN_USAGE);
    return 0;
  }
  const platform = values.platform;
  const update = values.update === true;
  const check = values.check === true;
  const dryRun = check || values['dry-run'] === true;
  if (platform !== undefined && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/i.test(platform))
    throw new UsageError(`--platform takes os/arch or os/arch/variant, such as linux/amd64 (got "${platform}")`);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new UsageError(`--timeout takes a positive number of milliseconds (got "${values.timeout}")`);

  const client =
    options.client ??
    new RegistryClient({
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(values['no-cache'] ? {} : { cache: digestCache(io.env, update) }),
      useCredentialHelpers: values['credential-helpers'] === true,
    });

  const discovery = discover(positionals.length > 0 ? positionals : ['.'], { cwd: io.cwd });
  // Everything printed below quotes file names, file text or registry answers: escaped for the terminal.
  for (const warning of discovery.warnings) io.stderr(`shipshape: warning: ${terminalSafe(warning)}\n`);

  interface PlannedFile {
    path: string;
    display: string;
    text: string;
    targets: PinTarget[];
    session: FileSession;
  }
  const files: PlannedFile[] = [];
  // Pinning reads no config (a file's limits are the defaults), only its project root and `.env`.
  const policy = cliSessionPolicy({ cwd: io.cwd }, new ConfigStore(undefined, { run: true }));
  let unpinnable = 0;
  let changedFiles = 0;
  for (const target of discovery.targets) {
    const display = terminalSafePath(path.relative(io.cwd, target.path) || path.basename(target.path));
    if (target.error || !target.kind) {
      io.stderr(`shipshape: ${display}: ${terminalSafe(target.error ?? 'not a Dockerfile or Compose file')}\n`);
      continue;
    }
    const session = new FileSession(target.path, policy);
    let text: string;
    try {
      text = readProjectFile(target.path, session.root!, { maxBytes: DEFAULT_CONFIG.maxFileSize, shownAs: display });
    } catch (error) {
      io.stderr(`shipshape: ${display}: cannot read: ${terminalSafe((error as Error).message)}\n`);
      continue;
    }
    const skipped = skipReason(text, DEFAULT_CONFIG);
    if (skipped) {
      io.stderr(`shipshape: ${display}: ${skipped}\n`);
      continue;
    }
    const parsed = session.parse(text, target.kind);
    const blocked = pinBlockedReason(parsed);
    if (blocked) {
      io.stderr(`shipshape: ${display}: not pinned: ${terminalSafe(blocked)}\n`);
      unpinnable++;
      continue;
    }
    files.push({ path: target.path, display, text, targets: pinTargetsOf(parsed), session });
  }

  const references = new Set<string>();
  for (const file of files) {
    for (const t of file.targets) {
      const line = `${file.display}:${t.range.start.line + 1}`;
      if (t.status === 'variable')
        io.stderr(
          `${line} left alone: "${terminalSafe(t.written)}" is built from variables; pin the value the variable is set to instead\n`,
        );
      if (t.status === 'invalid')
        io.stderr(`${line} left alone: ${terminalSafe(JSON.stringify(t.written))} is not a valid image reference\n`);
      if (t.status === 'pinnable' && t.ref) references.add(pullReference(t.ref));
      if (update && isUpdatable(t)) references.add(pullReference(t.ref!));
    }
  }

  const resolved = new Map<string, ResolvedDigest>();
  const failures = new Map<string, string>();
  const runBudget = AbortSignal.timeout(options.runBudgetMs ?? RUN_BUDGET_MS);
  await forEachLimited([...references], CONCURRENCY, async (reference) => {
    try {
      resolved.set(reference, await client.resolve(reference, { ...(platform ? { platform } : {}), signal: runBudget }));
    } catch (error) {
      failures.set(reference, error instanceof RegistryError ? error.message : `unexpected error: ${(error as Error).message}`);
    }
  });

  const digests = new Map([...resolved].map(([reference, r]) => [reference, r.digest]));
  let pinned = 0;
  let alreadyPinned = 0;
  let updated = 0;
  for (const file of files) {
    for (const t of file.targets) {
      const line = `${file.display}:${t.range.start.line + 1}`;
      if (t.status === 'pinned' && update && isUpdatable(t)) {
        const reference = pullReference(t.ref!);
        const result = resolved.get(reference);
        if (!result)
          io.stderr(
            `${line} not updated: ${terminalSafe(t.written)}: ${terminalSafe(failures.get(reference) ?? 'not resolved')}\n`,
          );
        else if (result.digest !== t.ref!.digest) {
          updated++;
          const written = terminalSafe(t.written);
          io.stdout(
            `${line} ${written} -> ${terminalSafe(t.written.slice(0, -t.ref!.digest!.length))}${result.digest} (the tag moved)\n`,
          );
          continue;
        }
      }
      if (t.status === 'pinned') alreadyPinned++;
      if (t.status !== 'pinnable' || !t.ref) continue;
      const reference = pullReference(t.ref);
      const result = resolved.get(reference);
      if (!result) {
        io.stderr(`${line} not pinned: ${terminalSafe(t.written)}: ${terminalSafe(failures.get(reference) ?? 'not resolved')}\n`);
        continue;
      }
      pinned++;
      const what = result.platform
        ? `${result.platform} manifest`
        : result.platforms.length > 0
          ? `index of ${result.platforms.length} platform${result.platforms.length === 1 ? '' : 's'}`
          : 'single-platform manifest';
      io.stdout(`${line} ${terminalSafe(t.written)} -> ${terminalSafe(t.written)}@${result.digest} (${terminalSafe(what)})\n`);
    }
    const after = applyPins(file.text, file.targets, digests, update);
    if (after === file.text) continue;
    changedFiles++;
    if (dryRun) {
      io.stdout(
        terminalSafeLines(
          createTwoFilesPatch(`a/${file.display}`, `b/${file.display}`, file.text, after, '', '', { context: 3 }),
        ),
      );
    } else {
      try {
        writeProjectFile(file.path, after, file.session.root!, file.display);
      } catch (error) {
        io.stderr(`shipshape: ${file.display}: not pinned: ${terminalSafe((error as Error).message)}\n`);
        changedFiles--;
      }
    }
  }
  const verb = dryRun ? 'would pin' : 'pinned';
  io.stderr(
    `shipshape: ${verb} ${pinned} image reference${pinned === 1 ? '' : 's'}` +
      (update
        ? `, ${updated === 0 ? 'no' : updated} moved tag${updated === 1 ? '' : 's'} ${dryRun ? 'to update' : 'updated'}`
        : '') +
      (alreadyPinned > 0 ? `, ${alreadyPinned} already pinned` : '') +
      (failures.size > 0 ? `, ${failures.size} image${failures.size === 1 ? '' : 's'} could not be resolved` : '') +
      '\n',
  );
  if (check && changedFiles > 0)
    io.stderr(
      `shipshape: --check: ${changedFiles} file${changedFiles === 1 ? '' : 's'} would change; run shipshape pin${update ? ' --update' : ''}\n`,
    );
  return failures.size > 0 || unpinnable > 0 || (check && changedFiles > 0) ? 1 : 0;
}

/**
 * The on-disk cache. `--update` exists to notice moved tags, so it never answers from the cache,
 * but still records what it resolved (the editor's hover reads it).
 */
function digestCache(env: NodeJS.ProcessEnv, update: boolean): DigestCache {
  const cache = new FileDigestCache({ dir: defaultCacheDir(env) });
  if (!update) return cache;
  return {
    get: async () => undefined,
    set: (key, value) => cache.set(key, value),
    lookupByDigest: (digest) => cache.lookupByDigest(digest),
  };
}

async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}
