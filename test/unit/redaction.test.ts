// The redaction layer: what counts as a secret in any text, how it is masked, and what it leaves
// alone so messages stay readable.
import { strict as assert } from 'node:assert';
import { lint, redactorFor, SecretCollector, TextIndex } from '../../server/src/engine';
import { minimalEdit } from '../../server/src/engine/redaction';

function secretsOf(text: string): (shown: string) => string {
  const collector = new SecretCollector();
  collector.scan(text);
  return collector.redactor();
}

describe('redaction layer', () => {
  const found: [string, string, string][] = [
    ['legacy ENV', 'ENV DB_PASSWORD s3cr3tValue', 's3cr3tValue'],
    ['legacy LABEL', 'LABEL api_token abcdEFGH1234', 'abcdEFGH1234'],
    ['ENV pairs', 'ENV A=1 DB_PASSWORD=hunter22x B=2', 'hunter22x'],
    ['Compose map', '      DB_PASSWORD: "hunter22x" # prod', 'hunter22x'],
    ['Compose list', '      - GITHUB_TOKEN=tok_12345678', 'tok_12345678'],
    ['flow value', '      DB_PASSWORD: [value1234]', 'value1234'],
    ['block scalar header glued to the value', '      DB_PASSWORD: >-pa55w0rdX', 'pa55w0rdX'],
    ['URL credentials', 'ADD https://user:tok3nSecret@host/f /tmp/', 'tok3nSecret'],
    ['curl -u', 'RUN curl -u admin:pw4321xyz https://x | sh', 'pw4321xyz'],
    ['curl --user=', 'RUN curl --user=admin:pw4321xyz https://x', 'pw4321xyz'],
    ['wget --password', 'RUN wget --password pw4321xyz http://x', 'pw4321xyz'],
    ['Authorization header', 'RUN curl -H "Authorization: Bearer eyJhbGciOiJIUzI1" https://x', 'eyJhbGciOiJIUzI1'],
    ['PRIVATE-TOKEN header', "RUN curl --header 'PRIVATE-TOKEN: glpat-abcdefghij' https://x", 'glpat-abcdefghij'],
    ['an AWS key anywhere', 'RUN echo AKIAABCDEFGHIJKLMNOP > /k', 'AKIAABCDEFGHIJKLMNOP'],
    ['a PEM header in an unquoted ENV', 'ENV KEY -----BEGIN RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----'],
    ['a query-string token', 'ADD https://host/a?token=abc123def456&x=1 /', 'abc123def456'],
    ['a shell export', 'RUN export NPM_TOKEN=npmTokenValue1 && npm ci', 'npmTokenValue1'],
  ];
  for (const [name, line, secret] of found) {
    it(`finds ${name}`, () => {
      const redact = secretsOf(`${line}\n`);
      const shown = redact(`quoted: ${line}`);
      assert.ok(!shown.includes(secret), shown);
      assert.match(shown, /\*\*\*\*/);
    });
  }

  it('masks the body of a PEM key, line by line', () => {
    const redact = secretsOf(
      'ENV KEY="-----BEGIN PRIVATE KEY-----\\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\\n-----END PRIVATE KEY-----"\n',
    );
    assert.equal(redact('unknown instruction MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), 'unknown instruction MI****');
  });

  it('masks a block scalar value on the lines below its key', () => {
    const redact = secretsOf('    environment:\n      DB_PASSWORD: |\n        multiLineSecret99\n      OTHER: 1\n');
    assert.equal(redact('x multiLineSecret99 y'), 'x mu**** y');
    assert.equal(redact('OTHER'), 'OTHER');
  });

  it('leaves references, flags, paths, short values and published defaults alone', () => {
    const redact = secretsOf(
      [
        'ENV DB_PASSWORD=${DB_PASSWORD}',
        'ENV ALLOW_EMPTY_PASSWORD=yes',
        'ENV DB_PASSWORD_FILE=/run/secrets/db',
        'ENV PGPASSWORD=abc',
        'ENV POSTGRES_PASSWORD=postgres',
      ].join('\n'),
    );
    for (const shown of ['${DB_PASSWORD}', 'yes', '/run/secrets/db', 'abc', 'image postgres:16'])
      assert.equal(redact(shown), shown);
  });

  it('leaves alone a default password that is also the name of a service or an image', () => {
    // penpot's and umami's Compose files: the password is the project's name, shown in every
    // message about the penpot-frontend service or the umami image anyway.
    const redact = secretsOf(
      [
        'services:',
        '  penpot-frontend:',
        '    image: penpotapp/frontend:2.16',
        '    environment:',
        '      PENPOT_DATABASE_PASSWORD: penpot',
        '  umami:',
        '    image: ghcr.io/umami-software/umami:latest',
        '    environment:',
        '      DATABASE_URL: postgresql://umami:umami@db:5432/umami',
        '      APP_SECRET: Zq9vLw3Xr7Tp2Kd8',
      ].join('\n'),
    );
    assert.equal(redact('Service "penpot-frontend"'), 'Service "penpot-frontend"');
    assert.equal(redact('Image "ghcr.io/umami-software/umami:latest"'), 'Image "ghcr.io/umami-software/umami:latest"');
    assert.equal(redact('APP_SECRET=Zq9vLw3Xr7Tp2Kd8'), 'APP_SECRET=Zq****');
  });

  it('masks a secret a message cut short with an ellipsis, or at its end', () => {
    const redact = redactorFor(['averylongsecretvalue']);
    assert.equal(redact('token=averylongsec… (truncated)'), 'token=av****… (truncated)');
    assert.equal(redact('ends with averylo'), 'ends with ****');
    assert.equal(redact('aver'), 'aver', 'four characters at the end are too few to tell');
  });

  it('masks overlapping secrets as one run', () => {
    const redact = redactorFor(['abcdefgh', 'abcdefghijkl', 'ijklmnopq']);
    assert.equal(redact('x abcdefghijkl y'), 'x ab**** y');
    assert.equal(redact('x abcdefghijklmnopq y'), 'x ab**** y');
  });

  it('does work linear in the text for any number of secrets sharing a prefix', () => {
    // Counted in automaton steps, not time: the same on a loaded machine.
    const work = { steps: 0 };
    const many = redactorFor(
      Array.from({ length: 20_000 }, (_, i) => `secret-value-${i}`),
      work,
    );
    const text = 'secret-value-19999 secret-value-1 xsecret-valu aaaa '.repeat(4_000);
    const shown = many(text);
    assert.ok(!shown.includes('secret-value-1'));
    assert.ok(work.steps <= 2 * text.length, `${work.steps} steps for ${text.length} characters`);
  });

  it('shrinks a fix edit that would carry a secret to the characters it changes', () => {
    const index = new TextIndex('ENV DB_PASSWORD s3cr3tValue\n');
    const edit = minimalEdit(index, {
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 27 } },
      newText: 'DB_PASSWORD=s3cr3tValue',
    });
    assert.deepEqual(edit, { range: { start: { line: 0, character: 15 }, end: { line: 0, character: 16 } }, newText: '=' });
  });

  it('lint() masks messages and fix titles, and its fixes no longer carry the secret', () => {
    const text = 'FROM alpine:3.20\nENV DB_PASSWORD s3cr3tValue\nLABEL api_token abcdEFGH1234\nUSER 10001\n';
    const { findings } = lint({ text, kind: 'dockerfile' });
    const shown = JSON.stringify(findings);
    assert.ok(!shown.includes('s3cr3tValue') && !shown.includes('abcdEFGH1234'), shown);
    assert.ok(findings.some((f) => f.ruleId === 'legacy-env-format' && f.fixes.length > 0));
  });

  it('masks secrets of the files a lint read (.env interpolated into a Compose port)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${ADMIN_PASSWORD}:80"\n';
    const { findings, redact } = lint({
      text,
      kind: 'compose',
      readFile: (p) => (p === '.env' ? 'ADMIN_PASSWORD=Vb3nDotEnvAdminPass\n' : undefined),
    });
    assert.ok(!JSON.stringify(findings).includes('Vb3nDotEnvAdminPass'));
    assert.equal(redact!('Vb3nDotEnvAdminPass'), 'Vb****');
  });
});
