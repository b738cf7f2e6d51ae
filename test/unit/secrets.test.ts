import { strict as assert } from 'node:assert';
import {
  connectionStringPassword,
  isLiteralSecretValue,
  looksLikeSecretName,
  redact,
  redactValue,
  secretIn,
  secretShape,
} from '../../server/src/engine/secrets';

describe('secret detection', () => {
  it('recognises secret names in any spelling, and not their descriptors', () => {
    for (const name of [
      'DB_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'PGPASSWORD',
      'dbPassword',
      'api-key',
      'GITHUB_TOKEN',
      'AUTHTOKEN',
      'CLIENT_SECRET',
      'AWS_SECRET_ACCESS_KEY',
      'PRIVATE_KEY',
      'DB_PASS',
      'DB_PWD',
      'credentials',
      'LDAP_ROOTPASS',
      'DBPASS',
      'ADMINPASS',
      'mysqlRootPass',
      'SMTP_PASS',
    ])
      assert.ok(looksLikeSecretName(name), name);
    for (const name of [
      'DB_PASSWORD_FILE',
      'GF_SECURITY_ADMIN_PASSWORD__FILE',
      'TOKEN_URL',
      'PASSWORD_MIN_LENGTH',
      'SECRET_NAME',
      'MAX_TOKENS',
      'TOKEN_TTL',
      'BYPASS_CACHE',
      'COMPASS',
      'MONGODB_COMPASS_VERSION',
      'NO_PROXY_BYPASS',
      'PROXYBYPASS',
      'ENCOMPASS',
      'SURPASS',
      'TRESPASS',
      'OVERPASS_API',
      'UNDERPASS',
      'AUDIO_LOWPASS',
      'HIGHPASS',
      'FFMPEG_TWOPASS',
      'MULTIPASS',
      'KEEPASS',
      'SSL_PASSTHROUGH',
      'SSL_PASS_THROUGH',
      'sslPassThrough',
      'PASSIVE_MODE',
      'PASSENGER_APP_ENV',
      'PWD',
      'SORT_KEY',
      'KEY_SERVER',
      'DEBUG',
    ])
      assert.ok(!looksLikeSecretName(name), name);
  });

  it('treats references, flags, paths and empty values as not literal', () => {
    for (const value of ['', '${DB_PASSWORD}', '$DB_PASSWORD', 'true', 'yes', '/run/secrets/db', '/etc/ssl/private/app.key'])
      assert.ok(!isLiteralSecretValue(value), value);
    for (const value of ['hunter2', 'changeme', 'pa$$word', '12345']) assert.ok(isLiteralSecretValue(value), value);
  });

  it('finds well-known token shapes and connection-string passwords', () => {
    assert.equal(secretShape('AKIAIOSFODNN7EXAMPLE'), 'an AWS access key id');
    assert.equal(secretShape('ghp_0123456789abcdefghijABCDEFGHIJ012345'), 'a GitHub token');
    assert.equal(secretShape('-----BEGIN OPENSSH PRIVATE KEY-----'), 'a PEM private key');
    assert.equal(secretShape('xoxb-1234567890-abcdefghijkl'), 'a Slack token');
    assert.equal(secretShape('just some text'), undefined);
    assert.equal(connectionStringPassword('postgres://app:hunter2@db:5432/app'), 'hunter2');
    assert.equal(connectionStringPassword('redis://:s3cret@cache:6379/0'), 's3cret');
    assert.equal(connectionStringPassword('postgres://app:${DB_PASSWORD}@db/app'), undefined);
    assert.equal(connectionStringPassword('postgres://db:5432/app'), undefined);
    assert.equal(connectionStringPassword('https://example.com/a@b'), undefined);
  });

  it('never shows a secret in full', () => {
    assert.equal(redact('hunter2'), '****');
    assert.equal(redact('django-insecure-abc123'), 'dj****');
    assert.equal(redactValue('postgres://app:hunter2@db:5432/app'), 'postgres://app:****@db:5432…');
    assert.ok(!redactValue('amqp://guest:guest@rabbit').includes('guest@'));
    assert.deepEqual(secretIn('DB_PASSWORD', '${DB_PASSWORD}'), undefined);
    assert.ok(secretIn('DATABASE_URL', 'mysql://root:whalehello@db:3306/mysql'));
  });

  it('gets through pathological input (within the test timeout; no clock is asserted)', () => {
    const inputs = [
      'A'.repeat(100_000),
      'AKIA'.repeat(25_000),
      'ghp_'.repeat(25_000),
      'github_pat_' + '_'.repeat(100_000),
      'xoxb-' + '-'.repeat(100_000),
      '-----BEGIN ' + 'A '.repeat(50_000),
      'x://' + ':'.repeat(100_000),
      'x://' + '@'.repeat(100_000) + '/',
      'sk-ant-' + 'a'.repeat(100_000),
      'aB'.repeat(50_000),
      '_'.repeat(100_000),
      'hooks.slack.com/services/T' + 'A'.repeat(100_000),
      '/' + 'a/'.repeat(50_000) + ' ',
    ];
    // Linear work on 100k characters takes milliseconds; quadratic backtracking takes minutes and
    // runs into the test's timeout. That these regexes cannot backtrack without bound is proven,
    // without a clock, by the ReDoS audit (test/robustness/redos.test.ts).
    for (const input of inputs) {
      secretIn(input, input);
      redactValue(input);
      looksLikeSecretName(input);
    }
  });
});
