// compose/merged-data.ts against yaml's own conversion (doc.toJS with the merge key in the schema),
// which it replaces for speed: the same data, key order and errors on hand-made edge cases and on
// every YAML file of the repository's fixtures.
import { strict as assert } from 'node:assert';
import { Document, parseDocument } from 'yaml';
import { mergedData } from '../../server/src/engine/compose/merged-data';
import { repositoryYamlFiles } from './repository-yaml';

const MERGE_SCHEMA = new Document(null, { merge: true }).schema;
const MAX_ALIAS_COUNT = 1000;

type Outcome = { data: unknown } | { error: string };

function outcome(convert: () => unknown): Outcome {
  try {
    return { data: convert() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
}

function byYaml(text: string): Outcome {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  doc.schema = MERGE_SCHEMA;
  return outcome(() => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
}

function ours(text: string): Outcome {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const result = outcome(() => mergedData(doc, MAX_ALIAS_COUNT));
  assert.equal(doc.schema.tags.length, parseDocument('').schema.tags.length, 'the document keeps its own schema');
  return result;
}

// Key order is part of the data (ajv reports unknown keys in it); JSON shows it where the
// structure is not circular.
function orderOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function assertSame(text: string, label: string): void {
  const expected = byYaml(text);
  const actual = ours(text);
  assert.deepStrictEqual(actual, expected, label);
  if ('data' in expected && 'data' in actual) assert.equal(orderOf(actual.data), orderOf(expected.data), `${label}: key order`);
}

const services = (count: number, body: (i: number) => string[]) =>
  Array.from({ length: count }, (_, i) => [`  s${i}:`, ...body(i).map((line) => `    ${line}`)].join('\n')).join('\n');

const CASES: Record<string, string> = {
  'merge key with own keys before and after it': 'x: &x {a: 1, b: 2, c: 3}\ny:\n  a: 0\n  <<: *x\n  b: 9\n',
  'a list of merges, the earlier winning': 'a: &a {k: a, l: a}\nb: &b {k: b, m: b}\nc:\n  <<: [*a, *b]\n  n: c\n',
  'an inline mapping merged': 'c:\n  <<: {k: 1}\n  l: 2\n',
  'a merge inside a merge source': 'a: &a {k: a}\nb: &b\n  <<: *a\n  l: b\nc:\n  <<: *b\n',
  'a quoted << is an ordinary key': 'a: &a {k: 1}\nc:\n  "<<": *a\n',
  'a scalar merged': 'a: &a 1\nc:\n  <<: *a\n',
  'a list with a scalar merged': 'a: &a {k: 1}\nc:\n  <<: [*a, 2]\n',
  'an alias before its anchor': 'c: *a\nd: &a 1\n',
  'a merge of an unknown anchor': 'c:\n  <<: *nothing\n',
  'an anchor defined twice': 'a: &a 1\nb: *a\nc: &a 2\nd: *a\n',
  'an alias inside its own anchor': 'a: &a [1, *a]\n',
  'special keys': '__proto__: {polluted: true}\nconstructor: 1\ntoString: 2\nhasOwnProperty: 3\n',
  'special keys merged': 'x: &x {__proto__: 1, constructor: 2}\ny:\n  <<: *x\n',
  'scalar keys of other types': '1: one\ntrue: yes\n~: nothing\n1.5: x\n0x10: hex\n',
  'a number key merged over a string key': 'x: &x {1: merged, 2: merged}\ny:\n  "1": own\n  <<: *x\n',
  'a null key merged': 'x: &x {~: merged}\ny:\n  <<: *x\n',
  'duplicate keys': 'a: 1\nb: 2\na: 3\n',
  'pairs in a flow sequence': 'a: [k: 1, l, {m: 2}]\n',
  'a scalar document': 'just text\n',
  'an empty document': '',
  'a list at the top': '- &a {k: 1}\n- *a\n- <<: *a\n  l: 2\n',
  'custom tags Compose reads': 'services:\n  web:\n    ports: !reset []\n    environment: !override {A: 1}\n',
  'a billion laughs': [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n'),
  'an empty anchored mapping used 1,500 times': `x: &x {}\nservices:\n${services(1500, () => ['<<: *x'])}\n`,
  'an anchor used 999 times': `x: &x {a: 1}\nservices:\n${services(999, () => ['<<: *x'])}\n`,
  'an anchor used 1,000 times': `x: &x {a: 1}\nservices:\n${services(1000, () => ['<<: *x'])}\n`,
  'nested anchors re-counted when their parent is merged again': [
    'x: &x',
    '  env: &env {A: 1}',
    '  more: &more [*env, *env]',
    'services:',
    services(400, (i) => ['<<: *x', `own: ${i}`, 'e: *env', 'm: *more']),
  ].join('\n'),
  'anchors shape (bench/shapes.ts)': [
    'x-common: &common',
    '  restart: unless-stopped',
    '  environment: &env',
    '    TZ: UTC',
    '  cap_add: [NET_ADMIN]',
    'services:',
    services(300, (i) => ['<<: *common', `image: svc${i}`, 'environment:', '  <<: *env', `  DB: secret${i}`]),
  ].join('\n'),
};

describe('Compose merged data (merge keys applied, as yaml converts them)', () => {
  for (const [name, text] of Object.entries(CASES)) it(name, () => assertSame(text, name));

  it('agrees with yaml on every YAML fixture of the repository', () => {
    for (const file of repositoryYamlFiles()) assertSame(file.text, file.name);
  });
});
