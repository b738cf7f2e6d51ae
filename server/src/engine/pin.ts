// Where a file names an image that "pin to digest" can rewrite, and the edit that pins it. Pure:
// resolving the digest (the network) belongs to the caller; this module only finds and edits text.
import { fileKind } from './file-kinds';
import type { ImageRef } from './image-ref';
import { parseFile, type ParsedFile } from './parsed';
import { TextIndex } from './text';
import type { FileKind, Range, TextEdit } from './types';

export type PinStatus =
  /** A registry reference by tag (or no tag, meaning `latest`): can be pinned. */
  | 'pinnable'
  /** Already carries `@sha256:...`. */
  | 'pinned'
  /** Built from `$VAR`/`${VAR}`: rewriting it would hard-code one expansion, so it is left alone. */
  | 'variable'
  /** Not an image reference at all (a Compose value folded over lines, say): nothing to resolve. */
  | 'invalid';

export interface PinTarget {
  status: PinStatus;
  /** The reference as written in the file, inside any quotes. */
  written: string;
  /** The reference to resolve (after expansion); undefined for unresolved variables. */
  ref?: ImageRef;
  range: Range;
  /** Where `@sha256:...` goes: the end of the reference text, inside any quotes. */
  insertAt: Range['end'];
  service?: string;
}

/** Every image reference in the file that pinning concerns, in file order. */
export function pinTargets(text: string, kind: FileKind, dotEnv?: string): PinTarget[] {
  return pinTargetsOf(parseFile(text, kind, dotEnv));
}

/**
 * Why a file cannot be pinned safely, if it cannot: after a YAML error the recovered tree can put
 * nodes in the wrong place, so no edit is computed from it (as for the lint's fixes).
 */
export function pinBlockedReason(parsed: ParsedFile): string | undefined {
  return fileKind(parsed.kind).editsBlockedReason(parsed.model);
}

/** The same, from a parse the caller already has (a lint result's `parsed`); none when pinBlockedReason says so. */
export function pinTargetsOf(parsed: ParsedFile): PinTarget[] {
  if (pinBlockedReason(parsed)) return [];
  const targets = fileKind(parsed.kind).pinTargets(parsed.model);
  return targets.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/**
 * The digest grammar pinning accepts (sha256 or sha512, lowercase hex). Everything written into a
 * file passes this first: a registry's answer is untrusted text, and anything else after the `@`
 * (a space, a newline) would become part of the Dockerfile or Compose file.
 */
export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

function checkedDigest(digest: unknown): string {
  if (isDigest(digest)) return digest;
  throw new Error(`Refusing to write ${JSON.stringify(String(digest).slice(0, 80))}: not a sha256 or sha512 digest`);
}

/** The edit that appends the digest, keeping the tag for readability (`node:20` -> `node:20@sha256:...`). */
export function pinEdit(target: PinTarget, digest: string): TextEdit {
  return { range: { start: target.insertAt, end: target.insertAt }, newText: `@${checkedDigest(digest)}` };
}

/** The reference string a registry is asked about: registry/repository:tag as Docker would pull it. */
export function pullReference(ref: ImageRef): string {
  const name = ref.registry === 'docker.io' ? ref.repository.replace(/^library\//, '') : `${ref.registry}/${ref.repository}`;
  return `${name}:${ref.tag ?? 'latest'}`;
}

/** Whether `--update` can refresh this pin: pinned, with a tag to follow (`node:20@sha256:...`). */
export function isUpdatable(target: PinTarget): boolean {
  return target.status === 'pinned' && target.ref?.tag !== undefined && target.written.endsWith(`@${target.ref.digest}`);
}

/**
 * Applies pins to a text: `digests` maps pullReference() to the digest to append. With `update`,
 * references already pinned by tag get the new digest when it differs (the tag moved).
 */
export function applyPins(text: string, targets: PinTarget[], digests: Map<string, string>, update = false): string {
  const index = new TextIndex(text);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const target of targets) {
    const found = target.ref && digests.get(pullReference(target.ref));
    if (!found) continue;
    const digest = checkedDigest(found);
    const end = index.offset(target.insertAt);
    if (target.status === 'pinnable') edits.push({ start: end, end, text: `@${digest}` });
    else if (update && isUpdatable(target) && target.ref!.digest !== digest) {
      const start = end - target.ref!.digest!.length;
      // Only where the old digest is spelled out as is (a YAML escape inside it would shift the text).
      if (text.slice(start, end) === target.ref!.digest) edits.push({ start, end, text: digest });
    }
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
