// Every place a file names an image to pull, resolved as far as offline knowledge allows.
import { unquoteWord } from './dockerfile/quoted-word';
import type { Copy } from 'dockerfile-ast';
import type { ComposeModel } from './compose/model';
import { scalarString } from './compose/model';
import type { DockerfileModel, Stage } from './dockerfile/model';
import { parseImageRef, type ImageRef } from './image-ref';
import { expandVariables, type Expansion } from './interpolate';
import type { Range } from './types';

export interface ImageReference {
  ref: ImageRef;
  /** The text as written, before expansion; inside the quotes when the word is quoted. */
  written: string;
  /** Where `written` is: inside the quotes when the word is quoted. */
  range: Range;
  /** The stage a Dockerfile FROM starts. */
  stage?: Stage;
  service?: string;
}

export interface FromImage {
  /** As written, inside any quotes. */
  written: string;
  range: Range;
  /** After expanding global ARG defaults; single quotes expand nothing, as in the shell. */
  expansion: Expansion;
  ref?: ImageRef;
}

/** A FROM's image when it names one to pull (or might, once its ARGs are known): not a stage, not scratch. */
export function fromImage(model: DockerfileModel, stage: Stage): FromImage | undefined {
  if (!stage.imageText || !stage.imageRange) return undefined;
  // The model has already unquoted the word and knows stage names and scratch.
  if (stage.parent || stage.isScratch || !stage.image) return undefined;
  const word = unquoteWord(stage.imageText, stage.imageRange, model.escapeChar);
  const image: FromImage = { written: word.text, range: word.range, expansion: stage.image };
  if (stage.ref) image.ref = stage.ref;
  return image;
}

// unpinned-image, image-digest, untrusted-image and eol-base-image each ask for the same list: it
// is found once per model, and each caller gets copies, as composeImages gives.
const dockerfileImageCache = new WeakMap<DockerfileModel, readonly ImageReference[]>();

/** FROM images and `COPY --from=<image>` sources; stage names, scratch and unresolved ARGs excluded. */
export function dockerfileImages(model: DockerfileModel): ImageReference[] {
  let found = dockerfileImageCache.get(model);
  if (!found) dockerfileImageCache.set(model, (found = findDockerfileImages(model)));
  return found.map(copyOf);
}

// Each rule's findings keep the ranges they are given.
const copyOf = (image: ImageReference): ImageReference => ({
  ...image,
  range: { start: { ...image.range.start }, end: { ...image.range.end } },
});

function findDockerfileImages(model: DockerfileModel): ImageReference[] {
  const images: ImageReference[] = [];
  for (const stage of model.stages) {
    const image = fromImage(model, stage);
    if (image?.ref) images.push({ ref: image.ref, written: image.written, range: image.range, stage });
    for (const instruction of model.instructionsNamed(stage, 'COPY')) {
      const from = (instruction as Copy).getFromFlag();
      const rawValue = from?.getValue();
      const rawRange = from?.getValueRange();
      if (!rawValue || !rawRange) continue;
      const { text: value, range: valueRange, quote } = unquoteWord(rawValue, rawRange, model.escapeChar);
      if (!value || /^\d+$/.test(value)) continue;
      const expanded =
        quote === "'"
          ? { value, unresolved: false }
          : expandVariables(value, (name) => model.globalArgs.get(name), { escapeChar: model.escapeChar });
      if (expanded.unresolved) continue;
      const isStage = model.stageAliases.has(expanded.value.toLowerCase());
      if (isStage) continue;
      const ref = parseImageRef(expanded.value);
      if (ref) images.push({ ref, written: value, range: valueRange });
    }
  }
  return images;
}

// unpinned-image, image-digest, untrusted-image and eol-base-image each ask for the same list. It is
// kept with the services and rangeOf it was read with: a project view replaces both on its model
// (compose/project/view.ts).
interface FoundImages {
  services: ComposeModel['services'];
  rangeOf: ComposeModel['rangeOf'];
  images: readonly ImageReference[];
}
const composeImageCache = new WeakMap<ComposeModel, FoundImages>();

/**
 * `image:` of every service that pulls it. A service that also has `build:` builds its image
 * and uses `image:` only as the name to tag the result, so it is not a pulled image.
 */
export function composeImages(model: ComposeModel): ImageReference[] {
  let found = composeImageCache.get(model);
  if (found?.services !== model.services || found.rangeOf !== model.rangeOf)
    composeImageCache.set(
      model,
      (found = { services: model.services, rangeOf: model.rangeOf, images: findComposeImages(model) }),
    );
  return found.images.map(copyOf);
}

function findComposeImages(model: ComposeModel): ImageReference[] {
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
