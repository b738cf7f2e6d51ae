// Where each kind of file names an image that "pin to digest" can rewrite (pin.ts edits them).
import { isScalar, type Node } from 'yaml';
import { scalarString, type ComposeModel } from './compose/model';
import type { DockerfileModel } from './dockerfile/model';
import { parseImageRef, type ImageRef } from './image-ref';
import { dockerfileImages, fromImage } from './image-references';
import type { PinStatus, PinTarget } from './pin';

function statusOf(written: string, ref: ImageRef | undefined): PinStatus {
  if (written.includes('$')) return 'variable';
  if (!ref) return 'invalid';
  return ref.digest ? 'pinned' : 'pinnable';
}

export function dockerfilePinTargets(model: DockerfileModel): PinTarget[] {
  const targets: PinTarget[] = dockerfileImages(model).map((image) => ({
    status: statusOf(image.written, image.ref),
    written: image.written,
    ref: image.ref,
    range: image.range,
    insertAt: image.range.end,
  }));
  // dockerfileImages leaves out FROM lines with unresolved ARGs or no valid reference; pinning reports them.
  for (const stage of model.stages) {
    const image = fromImage(model, stage);
    if (!image || image.ref) continue;
    const status = image.expansion.unresolved ? 'variable' : statusOf(image.written, undefined);
    targets.push({ status, written: image.written, range: image.range, insertAt: image.range.end });
  }
  return targets;
}

export function composePinTargets(model: ComposeModel): PinTarget[] {
  const targets: PinTarget[] = [];
  const seen = new Set<unknown>();
  for (const service of model.services) {
    // A service that builds uses image: as the name of what it builds, not something to pull.
    if (service.get('build')) continue;
    const node = service.get('image')?.value as Node | null | undefined;
    // `image:` with no value names nothing; Compose itself reports it.
    if (!isScalar(node) || node.value === null || seen.has(node)) continue;
    seen.add(node);
    const block = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL';
    // A block scalar's value can end in line breaks that are not part of the name.
    const written = block ? String(node.value).trimEnd() : String(node.value);
    const expanded = scalarString(model, node);
    const ref = expanded && !expanded.unresolved ? parseImageRef(expanded.value) : undefined;
    const range = model.rangeOf(node);
    const target: PinTarget = {
      status: statusOf(written, ref),
      written,
      range,
      insertAt: model.index.position(contentEnd(model, node)),
    };
    if (ref) target.ref = ref;
    target.service = service.name;
    targets.push(target);
  }
  return targets;
}

/**
 * Where the scalar's text ends, which is where the digest goes: before a closing quote, and for a
 * block scalar (`image: >-` with the name on the next line) after the last character of the name
 * rather than after the line break the scalar's range ends with, which would put the digest on a
 * line of its own at the wrong indentation.
 */
function contentEnd(model: ComposeModel, node: Node): number {
  const [start = 0, end = 0] = node.range ?? [];
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) return end - 1;
  let content = end;
  while (content > start && /\s/.test(model.index.text[content - 1]!)) content--;
  return content;
}
