// compose/document-facts.ts finds in one walk what four walks of the document found before (the
// model's duplicate keys, the reader's anchors, compose-schema's aliases and alias/collection keys,
// merged-data's numbering). Each is checked here against the walk it replaced, written with
// walkNodes as it was, on hand-made cases and on every YAML file of the repository.
import { strict as assert } from 'node:assert';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { documentFacts } from '../../server/src/engine/compose/document-facts';
import { walkNodes } from '../../server/src/engine/compose/walk';
import { repositoryYamlFiles } from './repository-yaml';

interface Expected {
  definitions: [string, number, Node][];
  aliasOrdinals: [Node, number][];
  suspects: unknown[];
  anchoredAncestors: [Node, Node[]][];
  duplicateKeyOffsets: number[];
}

function byWalks(root: Node | null): Expected {
  const expected: Expected = { definitions: [], aliasOrdinals: [], suspects: [], anchoredAncestors: [], duplicateKeyOffsets: [] };
  let ordinal = 0;
  const seenAliases = new Set<Node>();
  walkNodes(root, (node, ancestors) => {
    if (isAlias(node)) {
      if (!seenAliases.has(node)) expected.aliasOrdinals.push([node, ordinal]);
      seenAliases.add(node);
      ordinal++;
      expected.suspects.push(node);
      const anchored = ancestors.filter((a) => isCollection(a) && a.anchor) as Node[];
      if (anchored.length > 0) expected.anchoredAncestors.push([node, anchored]);
    } else if ((isScalar(node) || isCollection(node)) && node.anchor) {
      expected.definitions.push([node.anchor, ordinal, node]);
      ordinal++;
    }
    if (isPair(node) && (isAlias(node.key) || isMap(node.key) || isSeq(node.key))) expected.suspects.push(node);
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) expected.duplicateKeyOffsets.push(key?.range?.[0] ?? 0);
        else seen.add(identity);
      }
    }
  });
  return expected;
}

function assertSame(text: string, name: string): void {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const facts = documentFacts(doc);
  const expected = byWalks(doc.contents as Node | null);
  const definitions = [...facts.definitions].flatMap(([anchor, list]) => list.map((d) => [anchor, d.ordinal, d.node]));
  definitions.sort((a, b) => (a[1] as number) - (b[1] as number));
  assert.deepEqual(definitions, expected.definitions, `${name}: anchors`);
  assert.deepEqual([...facts.aliasOrdinals], expected.aliasOrdinals, `${name}: alias ordinals`);
  assert.deepEqual(facts.suspects, expected.suspects, `${name}: aliases and alias or collection keys`);
  assert.deepEqual([...facts.anchoredAncestors], expected.anchoredAncestors, `${name}: anchored ancestors`);
  assert.deepEqual(facts.duplicateKeyOffsets, expected.duplicateKeyOffsets, `${name}: duplicate keys`);
  assert.equal(documentFacts(doc), facts, `${name}: found once per document`);
}

const CASES: Record<string, string> = {
  'anchors, aliases and merge keys': 'x: &a {k: 1}\ny: &b [1, *a]\nservices:\n  s:\n    <<: [*a, *b]\n    k: *a\n',
  'an anchor defined twice': 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
  'an alias inside its own anchor':
    'services:\n  api: &api\n    labels:\n      inner: &inner\n        self: *api\n        deeper: *inner\n',
  'alias and collection keys': '*a : 1\n? [x]\n: 2\n? {y: 1}\n: 3\nk: &a v\n',
  'duplicate keys, nested and at the top': 'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n1: x\n"1": y\n',
  'a pair in a flow sequence': 'l: [a: *x, b]\nx: &x 1\n',
  empty: '',
};

describe('Compose document facts (one walk for anchors, aliases and keys)', () => {
  for (const [name, text] of Object.entries(CASES)) it(name, () => assertSame(text, name));

  it('agrees with the separate walks on every YAML file of the repository', () => {
    for (const file of repositoryYamlFiles()) assertSame(file.text, file.name);
  });
});
