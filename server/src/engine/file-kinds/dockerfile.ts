// Dockerfiles and Containerfiles: the parse, checks, suppressions and images (names: ./dockerfile-info.ts).
import { dockerfileScopes } from '../dockerfile/instruction-scope';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import { dockerfileImages } from '../image-references';
import { dockerfilePinTargets } from '../pin-targets';
import type { TextIndex } from '../text';
import { stageSlices } from '../dockerfile/stage-slices';
import { dockerfileInfo } from './dockerfile-info';
import type { FileKindModule } from './kind';

/** Walks up over continuation lines (the previous line ends with `\` or a backtick) to the instruction's first line. */
function instructionStart(index: TextIndex, line: number): number {
  const continues = (text: string) => {
    const trimmed = text.trimEnd();
    return (trimmed.endsWith('\\') || trimmed.endsWith('`')) && !trimmed.trimStart().startsWith('#');
  };
  let start = line;
  while (start > 0 && continues(index.lineText(start - 1))) start--;
  return start;
}

export const dockerfileKind: FileKindModule<'dockerfile', DockerfileModel> = {
  ...dockerfileInfo,
  // The lint's reader gives the model the build context beside the file (.dockerignore, copied files).
  parse: (text, _dotEnv, context) =>
    parseDockerfile(
      text,
      context && { readFile: context.readFile, ...(context.path ? { fileName: context.path.split(/[\\/]/).pop()! } : {}) },
    ),
  index: (model) => model.index,
  checkOf: (rule) => rule.dockerfile,
  slices: stageSlices,
  editsBlockedReason: () => undefined,
  suppression: {
    // A comment before an instruction covers all its lines; inside a continuation, the next line.
    scopes: (model) => dockerfileScopes(model.instructions),
    anchorLine: instructionStart,
    // After the parser directives (`# syntax=`, `# escape=`), which must stay first.
    fileCommentLine: (index) => {
      let line = 0;
      while (line < index.lineCount && /^\s*#\s*[a-z]+\s*=/i.test(index.lineText(line))) line++;
      return line;
    },
  },
  images: dockerfileImages,
  pinTargets: dockerfilePinTargets,
};
