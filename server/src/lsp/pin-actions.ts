// "Pin to digest" in the editor. Offline by default: with shipshape.network.resolveDigests off the
// action only explains how to turn it on. With it on, the registry is asked when the user picks the
// action (a command the server runs), never while typing, and the edit goes back as
// workspace/applyEdit against the document version the action was offered for.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { pinTargets, pullReference, type FileKind, type Finding, type PinTarget, type Position, type Range } from '../engine';
import { codeSpan } from '../engine/markdown';
import type { DigestCache } from '../registry';

export const PIN_COMMAND = 'shipshape.pinToDigest';
export const EXPLAIN_PIN_COMMAND = 'shipshape.explainDigestPinning';
export const RESOLVE_DIGESTS_SETTING = 'shipshape.network.resolveDigests';

const PIN_RULES = new Set(['unpinned-image', 'image-digest']);

export interface PinCommandArgs {
  uri: string;
  version: number;
  position: Position;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The target a command or hover position points at. */
export function pinTargetAt(text: string, kind: FileKind, position: Position, dotEnv?: string): PinTarget | undefined {
  return pinTargets(text, kind, dotEnv).find((t) => overlaps(t.range, { start: position, end: position }));
}

/**
 * "Pin to digest" for every pinnable image the requested range touches: a quick fix when an
 * unpinned-image / image-digest finding is there (image-digest is off by default), a rewrite
 * otherwise, so the action is there on any `FROM image:tag` the cursor is on.
 */
export function pinCodeActions(options: {
  uri: string;
  version: number;
  targets: PinTarget[];
  range: Range;
  findings: { diagnostic: Diagnostic; finding: Finding }[];
  enabled: boolean;
}): CodeAction[] {
  const related = options.findings.filter(({ finding }) => PIN_RULES.has(finding.ruleId));
  const actions: CodeAction[] = [];
  for (const target of options.targets) {
    if (target.status !== 'pinnable' || !target.ref) continue;
    const diagnostics = related.filter(({ diagnostic }) => overlaps(target.range, diagnostic.range)).map((r) => r.diagnostic);
    if (diagnostics.length === 0 && !overlaps(target.range, options.range)) continue;
    const reference = pullReference(target.ref);
    const kind = diagnostics.length > 0 ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
    if (!options.enabled) {
      actions.push({
        title: `Pin ${target.written} to a digest: turn on ${RESOLVE_DIGESTS_SETTING} first (nothing is sent until then)`,
        kind,
        ...(diagnostics.length > 0 ? { diagnostics } : {}),
        command: { title: 'How to pin to a digest', command: EXPLAIN_PIN_COMMAND, arguments: [reference] },
      });
      continue;
    }
    const args: PinCommandArgs = { uri: options.uri, version: options.version, position: target.range.start };
    actions.push({
      title: `Pin ${target.written} to the digest ${target.ref.registry} serves now`,
      kind,
      ...(diagnostics.length > 0 ? { diagnostics } : {}),
      command: { title: 'Pin to digest', command: PIN_COMMAND, arguments: [args] },
    });
  }
  return actions;
}

export function explainPinning(reference: string): string {
  return (
    `Pinning ${reference} needs its digest, which only its registry knows. Shipshape works offline until you ` +
    `turn on the "${RESOLVE_DIGESTS_SETTING}" setting; after that, picking "Pin to digest" sends one manifest ` +
    `request (image name and tag, plus your Docker config's credentials if the registry asks) to that image's ` +
    `registry, and nothing else. From a terminal: shipshape pin --dry-run <files>.`
  );
}

/** `2025-01-01T12:00:00.123Z` as `2025-01-01 12:00:00 UTC`; string steps, not a regex that backtracks. */
function readableTime(iso: string): string {
  if (!iso.endsWith('Z')) return iso.replace('T', ' ');
  const seconds = iso.slice(0, -1);
  const dot = seconds.lastIndexOf('.');
  const whole = dot !== -1 && /^\d+$/.test(seconds.slice(dot + 1)) ? seconds.slice(0, dot) : seconds;
  return `${whole.replace('T', ' ')} UTC`;
}

/** Hover text for an image pinned by digest: where the digest came from, if this machine pinned it. */
export async function pinnedHover(digest: string | undefined, cache: DigestCache): Promise<string | undefined> {
  if (!digest) return undefined;
  const record = await cache.lookupByDigest(digest).catch(() => undefined);
  if (!record) {
    return `**Pinned to** ${codeSpan(digest)}. This machine has no record of the tag it was pinned from; \`shipshape pin\` or "Pin to digest" records it when it resolves one.`;
  }
  // The record holds what the file and the registry said: every value is an inert code span.
  const when = /^[\d:.TZ-]+$/.test(record.resolvedAt) ? readableTime(record.resolvedAt) : 'an unknown date';
  const what = record.platform
    ? `the ${codeSpan(record.platform)} manifest`
    : record.platforms.length > 0
      ? `a multi-platform index (${record.platforms.map(codeSpan).join(', ')})`
      : 'a single-platform manifest';
  return `**Pinned from** ${codeSpan(record.reference)} on ${when}, from ${codeSpan(record.registry)}: ${what}.`;
}
