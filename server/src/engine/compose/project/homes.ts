// Which document of a project each YAML node is written in. Rules compute ranges with the model
// they were given; in a project view that model answers for one document, and a node written in
// another one (an override file, an `extends:` fragment) is placed ELSEWHERE instead of at the
// offsets of the wrong text.
import { isAlias, isMap, isNode, isPair, isSeq, visit, type Document, type Node } from 'yaml';
import type { Range } from '../../types';
import { adoptAlias } from '../reader';

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
    visit(doc, (_, node) => {
      if (node && typeof node === 'object' && (isNode(node) || isPair(node))) this.homes.set(node, home);
      if (isAlias(node)) adoptAlias(node, doc);
    });
  }

  /** A node built by a merge, shown where `standIn` is written. */
  adoptMerged(node: Node | object, standIn: Node): void {
    const home = this.homes.get(standIn);
    if (home) this.homes.set(node, { document: home.document, standIn: home.standIn ?? standIn });
  }

  get(node: unknown): Home | undefined {
    return node && typeof node === 'object' ? this.homes.get(node) : undefined;
  }

  /** Whether a merged collection (one no document writes as such) is in the value. */
  isMerged(node: unknown): boolean {
    return (isMap(node) || isSeq(node)) && this.homes.get(node)?.standIn !== undefined;
  }
}
