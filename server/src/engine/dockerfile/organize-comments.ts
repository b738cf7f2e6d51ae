// dockerfile-ast 0.7 ends each parse by giving every comment to the build stage that holds it
// (Dockerfile.organizeComments), asking each stage for its range once per comment: a new range per
// comment and stage (0.8 MB of a 10,000-line lint with 40 stages). A stage's range is that of its
// first and last instructions, which giving it comments does not change, so this version asks each
// stage once per parse and then hands out the comments exactly as the library's does.
// test/unit/organize-comments.test.ts compares the stages' comments with the library's.
import { Dockerfile } from 'dockerfile-ast/lib/dockerfile';
import { Util } from 'dockerfile-ast/lib/util';
import type { Position, Range } from '../types';

interface Template {
  getRange(): Range;
  addComment(comment: unknown): void;
}

interface DockerfileInternals {
  initialInstructions: Template;
  buildStages: Template[];
  getComments(): { getRange(): Range }[];
}

type IsInsideRange = (position: Position, range: Range) => boolean;

/** dockerfile-ast's own Dockerfile.organizeComments, kept for the test that compares ours with it. */
export const dockerfileAstOrganizeComments = Dockerfile.prototype.organizeComments;

export function organizeComments(this: Dockerfile): void {
  const self = this as unknown as DockerfileInternals;
  const comments = self.getComments();
  if (comments.length === 0) return;
  const isInsideRange = Util.isInsideRange as IsInsideRange;
  const initial = self.initialInstructions.getRange();
  const stages = self.buildStages;
  const stageRanges: Range[] = new Array<Range>(stages.length);
  for (let s = 0; s < stages.length; s++) stageRanges[s] = stages[s]!.getRange();
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!;
    if (isInsideRange(comment.getRange().end, initial)) {
      self.initialInstructions.addComment(comment);
    } else {
      for (let s = 0; s < stages.length; s++)
        if (isInsideRange(comment.getRange().start, stageRanges[s]!)) stages[s]!.addComment(comment);
    }
  }
}

/** Installs organizeComments on dockerfile-ast's Dockerfile (the parser calls it once per parse). */
export function installOrganizeComments(): void {
  Dockerfile.prototype.organizeComments = organizeComments;
}
