// auth-disabled's severity follows exposure: an error when the service also publishes a port on
// every host interface, a warning otherwise (the fixture runner checks lines, not severities).
import { strict as assert } from 'node:assert';
import { lint, mergeConfig } from '../../server/src/engine';

function severities(text: string): string[] {
  return lint({ text, kind: 'compose' })
    .findings.filter((f) => f.ruleId === 'auth-disabled')
    .map((f) => f.severity);
}

describe('auth-disabled severity', () => {
  const service = (extra: string) =>
    `services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n${extra}`;

  it('is an error when a port is published on all interfaces', () => {
    assert.deepEqual(severities(service('    ports:\n      - "5432:5432"\n')), ['error']);
    assert.deepEqual(severities(service('    ports:\n      - "0.0.0.0:5432:5432"\n')), ['error']);
    assert.deepEqual(severities(service('    ports:\n      - target: 5432\n        published: 5432\n')), ['error']);
    assert.deepEqual(severities(service('    network_mode: host\n')), ['error']);
  });

  it('is a warning when nothing is published or only on loopback', () => {
    assert.deepEqual(severities(service('')), ['warning']);
    assert.deepEqual(severities(service('    ports:\n      - "127.0.0.1:5432:5432"\n')), ['warning']);
    assert.deepEqual(
      severities(service('    ports:\n      - target: 5432\n        published: 5432\n        host_ip: 127.0.0.1\n')),
      ['warning'],
    );
  });

  it('a configured severity wins', () => {
    const findings = lint(
      { text: service('    ports:\n      - "5432:5432"\n'), kind: 'compose' },
      mergeConfig({ rules: { 'auth-disabled': 'info' } }),
    ).findings.filter((f) => f.ruleId === 'auth-disabled');
    assert.deepEqual(
      findings.map((f) => f.severity),
      ['info'],
    );
  });
});
