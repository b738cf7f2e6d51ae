// Which document of a project each YAML node is written in. Rules compute ranges with the model
// they were given; in a project view that model answers for one document, and a node written in
// another one (an override file, an `extends:` fragment) is placed ELSEWHERE instead of at the
// offsets of the wrong text.
import { isAlias, type Document, type Node } from 'yaml';
import type { Range } from '../../types';
import { standInOf } from '../merge';
import { adoptAlias } from '../reader';
import { walkNodes } from '../walk';

/** The range of a node written in another document of the project; lint() keeps no finding there. */
export const ELSEWHERE: Range = Object.freeze({
  start: Object.freeze({ line: -1, character: 0 }),
  end: Object.freeze({ line: -1, character: 0 }),
}) as Range;

export function isElsewhere(range: Range): boolean {
  return range.start.line < 0;
}

export interface Home {
  /** Project path of the document the node is written in. */
  document: string;
  /**
   * For a collection Compose merged from several files (a service's `ports` in the base and the
   * override): the node whose place it takes, written last, where a finding about the whole is shown.
   */
  standIn?: Node;
}

export class NodeHomes {
  private readonly homes = new WeakMap<object, Home>();

  /** Records every node and pair of a parsed document as written in `document`. */
  adopt(doc: Document, document: string): void {
    const home: Home = { document };
    walkNodes(doc.contents as Node | null, (node) => {
      this.homes.set(node, home);
      if (isAlias(node)) adoptAlias(node, doc);
    });
  }

  get(node: unknown): Home | undefined {
    if (!node || typeof node !== 'object') return undefined;
    const home = this.homes.get(node);
    if (home) return home;
    // A node the merge built is where its stand-in is written.
    const standIn = standInOf(node);
    const written = standIn && this.homes.get(standIn);
    return written ? { document: written.document, standIn } : undefined;
  }
}
