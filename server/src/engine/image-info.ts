// What the editor shows when hovering an image reference: where it comes from and what we know.
import type { ShipshapeConfig } from './config';
import { fullName, isOfficialImage } from './image-ref';
import { fileKind } from './file-kinds';
import type { ImageReference } from './image-references';
import { isKnownNonRootImage, isTrustedImage } from './image-trust';
import { codeSpan } from './markdown';
import { parseFile, type ParsedFile } from './parsed';
import type { FileKind, Position, Range } from './types';

export interface ImageInfo {
  range: Range;
  /** The reference as written, and after ARG/interpolation expansion. */
  written: string;
  resolved: string;
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  official: boolean;
  trusted: boolean;
  pinned: 'digest' | 'tag' | 'none';
  nonRoot: boolean;
}

function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Every image reference in a file; callers that answer many hovers parse once and keep this. */
export function imageReferencesIn(text: string, kind: FileKind, dotEnv?: string): ImageReference[] {
  return imageReferencesOf(parseFile(text, kind, dotEnv));
}

/** The same, from a parse the caller already has (a lint result's `parsed`). */
export function imageReferencesOf(parsed: ParsedFile): ImageReference[] {
  return fileKind(parsed.kind).images(parsed.model);
}

export function imageInfoAt(
  text: string,
  kind: FileKind,
  position: Position,
  config: ShipshapeConfig,
  dotEnv?: string,
): ImageInfo | undefined {
  return imageInfoIn(imageReferencesIn(text, kind, dotEnv), position, config);
}

/** What hovering `position` shows, from references found by imageReferencesIn. */
export function imageInfoIn(images: ImageReference[], position: Position, config: ShipshapeConfig): ImageInfo | undefined {
  const image = images.find((i) => contains(i.range, position));
  if (!image) return undefined;
  const { ref } = image;
  const info: ImageInfo = {
    range: image.range,
    written: image.written,
    resolved: ref.raw,
    registry: ref.registry,
    repository: ref.repository,
    official: isOfficialImage(ref),
    trusted: isTrustedImage(ref, config),
    pinned: ref.digest ? 'digest' : ref.tag && ref.tag !== 'latest' ? 'tag' : 'none',
    nonRoot: isKnownNonRootImage(ref, config),
  };
  if (ref.tag) info.tag = ref.tag;
  if (ref.digest) info.digest = ref.digest;
  return info;
}

/** Markdown for a hover. Every name in it comes from the file, so each is an inert code span. */
export function imageInfoMarkdown(info: ImageInfo): string {
  const lines = [`**${codeSpan(fullName({ raw: info.resolved, registry: info.registry, repository: info.repository }))}**`, ''];
  if (info.written !== info.resolved) lines.push(`Resolves to ${codeSpan(info.resolved)} (from ${codeSpan(info.written)})`, '');
  lines.push(`- Registry: ${info.registry === 'docker.io' ? 'Docker Hub (docker.io)' : codeSpan(info.registry)}`);
  lines.push(`- Tag: ${info.tag !== undefined ? codeSpan(info.tag) : '(none: means latest)'}`);
  lines.push(`- Digest: ${info.digest !== undefined ? codeSpan(info.digest) : '(none)'}`);
  lines.push(
    `- Source: ${info.official ? 'Docker Official Image, trusted' : info.trusted ? 'trusted (built-in list or .shipshape.yaml)' : 'not trusted (see untrusted-image)'}`,
  );
  lines.push(
    `- Pinned: ${info.pinned === 'digest' ? 'yes, by digest' : info.pinned === 'tag' ? 'by tag only (tags can move)' : 'no'}`,
  );
  lines.push(`- Default user: ${info.nonRoot ? 'non-root (known)' : 'root or unknown'}`);
  return lines.join('\n');
}
