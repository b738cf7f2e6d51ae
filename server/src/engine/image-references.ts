// Every place a file names an image to pull, resolved as far as offline knowledge allows.
import type { Copy } from 'dockerfile-ast';
import type { ComposeModel } from './compose/model';
import { scalarString } from './compose/model';
import type { DockerfileModel, Stage } from './dockerfile/model';
import { parseImageRef, type ImageRef } from './image-ref';
import { expandVariables } from './interpolate';
import type { Range } from './types';

export interface ImageReference {
  ref: ImageRef;
  /** The text as written, before expansion. */
  written: string;
  range: Range;
  /** The stage a Dockerfile FROM starts. */
  stage?: Stage;
  service?: string;
}

/** FROM images and `COPY --from=<image>` sources; stage names, scratch and unresolved ARGs excluded. */
export function dockerfileImages(model: DockerfileModel): ImageReference[] {
  const images: ImageReference[] = [];
  for (const stage of model.stages) {
    if (stage.ref && stage.imageRange && stage.imageText) {
      images.push({ ref: stage.ref, written: stage.imageText, range: stage.imageRange, stage });
    }
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'COPY') continue;
      const from = (instruction as Copy).getFromFlag();
      const value = from?.getValue();
      const valueRange = from?.getValueRange();
      if (!value || !valueRange || /^\d+$/.test(value)) continue;
      const expanded = expandVariables(value, (name) => model.globalArgs.get(name), { escapeChar: model.escapeChar });
      if (expanded.unresolved) continue;
      const isStage = model.stages.some((s) => s.alias === expanded.value.toLowerCase());
      if (isStage) continue;
      const ref = parseImageRef(expanded.value);
      if (ref) images.push({ ref, written: value, range: valueRange });
    }
  }
  return images;
}

/**
 * `image:` of every service that pulls it. A service that also has `build:` builds its image
 * and uses `image:` only as the name to tag the result, so it is not a pulled image.
 */
export function composeImages(model: ComposeModel): ImageReference[] {
  const images: ImageReference[] = [];
  const seen = new Set<unknown>();
  for (const service of model.services) {
    if (service.get('build')) continue;
    const entry = service.get('image');
    if (!entry?.value || seen.has(entry.value)) continue;
    seen.add(entry.value);
    const expanded = scalarString(model, entry.value);
    if (!expanded || expanded.unresolved) continue;
    const ref = parseImageRef(expanded.value);
    if (ref)
      images.push({
        ref,
        written: String((entry.value as { value: unknown }).value),
        range: model.rangeOf(entry.value),
        service: service.name,
      });
  }
  return images;
}
