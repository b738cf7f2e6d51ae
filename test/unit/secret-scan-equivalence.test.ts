// The engine's secret scan finds lines worth a closer look by searching the whole text for what
// each line scan needs (redaction.ts, LINE_HINTS) and reads names only when there are secrets. The
// scan it replaced looked at every line (secret-scan-reference.ts). Held to it here: the same
// secrets to mask, in the same order, so every redactor built from them, and so every redacted
// output, is byte-identical. Over the real-world corpus (when present), the repository's fixtures
// and tests (their secret cases included), each also with CRLF, lone CR, a BOM, upper and lower
// case, and edge cases the hints must not miss.
import { strict as assert } from 'node:assert';
import { SecretCollector } from '../../server/src/engine';
import { corpusAvailable, corpusTexts, repositoryTexts, variants } from './equivalence-texts';
import { ReferenceSecretCollector } from './secret-scan-reference';

function collected(scanned: string[]): { reference: string[]; engine: string[] } {
  const reference = new ReferenceSecretCollector();
  const engine = new SecretCollector();
  for (const text of scanned) {
    reference.scan(text);
    engine.scan(text);
  }
  return { reference: reference.secretsToMask(), engine: engine.secretsToMask() };
}

function assertSame(name: string, scanned: string[]): void {
  const { reference, engine } = collected(scanned);
  assert.deepEqual(engine, reference, name);
}

const EDGE_CASES: [string, string][] = [
  ['empty', ''],
  ['no line break at the end', 'ENV DB_PASSWORD=s3cr3tValue'],
  ['a secret name on the last line', 'FROM alpine\nENV API_KEY abcdefgh1234'],
  ['a key word split by a line break', 'ENV DB_PASS\\\nWORD=s3cr3tValue\n'],
  ['mixed case names and flags', 'ENV Db_PaSsWoRd=s3cr3tValue\nRUN curl -U me:pw4321xyz --PASSWORD=pw99887766 x\n'],
  ['AUTHORIZATION in capitals', 'RUN curl -H "AUTHORIZATION: BEARER eyJhbGciOiJIUzI1" https://x\n'],
  ['-u glued to the value', 'RUN curl -uadmin:pw4321xyz https://x\n'],
  [
    'a name with a non-ASCII letter',
    'ENV DB_\u212Aey=s3cr3tValue\nENV \u0130API_KEY=s3cr3tValue2\nENV X=1 \u0130\u0130 API_KEY=v4lue0987\n',
  ],
  ['URLs with and without a password', 'ADD https://host/x.tgz /\nADD https://u:tok3nSecret@host/f /\nRUN x://@ y://a:b@c\n'],
  ['an @ past the URL', 'RUN curl https://host/path me@example.com "ftp://u:p4ssw0rd9@h"\n'],
  ['a URL that ends at its @', 'RUN x ftp://u:endsWithAt99@ y\nRUN x ftp://u:endsWithAt98@'],
  [
    'hints at the start of the line after a marked one',
    'RUN a --b\n--password s3cr3tValue9\nENV API_KEY=x1234567\nTOKEN=abcdef12345\n',
  ],
  ['`://` at the end of a line', 'RUN echo http://\nRUN echo u:p@ss\n'],
  [
    'a PEM body',
    'ENV KEY="-----BEGIN RSA PRIVATE KEY-----\\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\\n-----END RSA PRIVATE KEY-----"\n',
  ],
  ['a PEM begin without a key', 'RUN echo "-----BEGIN CERTIFICATE-----"\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'],
  ['a PEM begin on the last line', '-----BEGIN PRIVATE KEY-----'],
  ['a block scalar', '    environment:\n      DB_PASSWORD: |\n        multiLineSecret99\n      OTHER: 1\n'],
  ['a block scalar at the end', 'x:\n  DB_PASSWORD: >-\n    lastLineSecret77'],
  ['a heredoc', 'RUN <<EOF\nexport GITHUB_TOKEN=ghTokenValue123\ncurl -u a:heredocPw99 https://x\nEOF\n'],
  ['escapes and quotes', 'ENV A="DB_PASSWORD=\\"quotedSecret1\\"" B=\'API_TOKEN=single2Secret\'\n'],
  ['a secret that is also a name', 'services:\n  penpot-frontend:\n    environment:\n      DB_PASSWORD: penpot\n'],
  ['a name from FROM', 'FROM registry.example/umami-software/umami:latest\nENV APP_SECRET=umami\n'],
  ['from in lower case', 'from umamix-software/thing\nENV APP_SECRET=umamix\n'],
  ['only CRs', '\r\r\rENV DB_PASSWORD=crOnlySecret\r\r'],
  ['CR then CRLF', 'ENV A=1\r\r\nENV DB_PASSWORD=crlfSecret11\r\n'],
];

/**
 * A file with more secrets and more names than the collector keeps (20,000 of each): the caps must
 * cut at the same place, so the secrets past the names' cap stay masked.
 */
function overTheCaps(): string {
  const lines: string[] = [];
  for (let i = 0; i < 21_000; i++) lines.push(`      DB_PASSWORD: value${i}x`);
  for (let i = 0; i < 21_000; i++) lines.push(`  value${i}x-svc: 1`);
  return lines.join('\n');
}

describe('secret scan: the same secrets as the line-by-line scan it replaced', () => {
  it('on the edge cases', () => {
    for (const [name, text] of EDGE_CASES)
      for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, [shown]);
  });

  it("on the repository's fixtures, examples and tests", function () {
    this.timeout(300_000);
    const files = repositoryTexts();
    assert.ok(files.length > 500, `${files.length} files`);
    let withSecrets = 0;
    for (const [name, text] of files) {
      for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, [shown]);
      if (collected([text]).engine.length > 0) withSecrets++;
    }
    // The test files plant secrets of every form the scan knows: a scan that found none would pass vacuously.
    assert.ok(withSecrets > 30, `${withSecrets} files with secrets`);
  });

  (corpusAvailable ? it : it.skip)('on the real-world corpus', function () {
    this.timeout(300_000);
    const files = corpusTexts();
    assert.ok(files.length > 500, `${files.length} files`);
    for (const [name, text] of files) for (const [variant, shown] of variants(text)) assertSame(`${name} (${variant})`, [shown]);
  });

  it('over several texts in one lint (a file and the files it read), in order', () => {
    const env = 'ADMIN_PASSWORD=Vb3nDotEnvAdminPass\nSERVICE=webfront\n';
    const compose = 'services:\n  webfront:\n    image: nginx\n    environment:\n      DB_PASSWORD: webfront\n';
    assertSame('compose then .env', [compose, env]);
    assertSame('.env then compose', [env, compose]);
    // Names read after the first answer still take away the secrets they name.
    const engine = new SecretCollector();
    engine.scan('DB_PASSWORD: webfront\n');
    assert.deepEqual(engine.secretsToMask(), ['webfront']);
    engine.scan('services:\n  webfront:\n');
    assert.deepEqual(engine.secretsToMask(), []);
  });

  it('past the caps on secrets and names', function () {
    this.timeout(60_000);
    const text = overTheCaps();
    const { reference, engine } = collected([text]);
    assert.deepEqual(reference, ['value19999x']);
    assert.deepEqual(engine, reference);
  });
});
