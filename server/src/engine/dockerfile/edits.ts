// Text edits on Dockerfile shell words (offsets from the shell scanner).
import type { TextEdit } from '../types';
import type { DockerfileModel } from './model';
import type { ShellWord } from './shell';

export function insertAfterWord(model: DockerfileModel, word: ShellWord, text: string): TextEdit {
  const at = model.index.position(word.end);
  return { range: { start: at, end: at }, newText: text };
}

export function replaceWord(model: DockerfileModel, word: ShellWord, text: string): TextEdit {
  return { range: model.index.range(word.start, word.end), newText: text };
}

/** Removes words `first..last` and the spaces after them, so `sudo -E apt-get` becomes `apt-get`. */
export function removeWords(model: DockerfileModel, first: ShellWord, last: ShellWord): TextEdit {
  let end = last.end;
  while (end < model.text.length && (model.text[end] === ' ' || model.text[end] === '\t')) end++;
  return { range: model.index.range(first.start, end), newText: '' };
}

/** Removes one word and the spaces before it (`curl -k url` -> `curl url`). */
export function removeWordWithSpaceBefore(model: DockerfileModel, word: ShellWord): TextEdit {
  let start = word.start;
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  return { range: model.index.range(start, word.end), newText: '' };
}

export function wordRange(model: DockerfileModel, first: ShellWord, last: ShellWord = first) {
  return model.index.range(first.start, last.end);
}
