// insecure-transport looks up programs and variable names in tables: a name that is also a member
// every object inherits (`constructor`, `toString`, `hasOwnProperty`) is not in them. Before the
// tables were read as own entries only, `ENV toString=x`, `RUN constructor=1 true` and
// `RUN constructor name` were reported as turning TLS verification off.
import { strict as assert } from 'node:assert';
import { lint } from '../../server/src/engine/lint';

const insecureTransport = (text: string) =>
  lint({ kind: 'dockerfile', text, path: '/x/Dockerfile' }).findings.filter((f) => f.ruleId === 'insecure-transport');

describe('insecure-transport and names objects inherit', () => {
  it('reports nothing for variables and programs named like inherited members', () => {
    const text = [
      'FROM alpine:3.20',
      'ENV toString=x constructor=1 hasOwnProperty=0 __proto__=0',
      'ARG valueOf=1',
      'RUN constructor=1 true && export toString=0 && constructor name && toString length && __proto__ x',
      'USER 10001',
    ].join('\n');
    assert.deepStrictEqual(insecureTransport(text), []);
  });

  it('still reports the variables and flags it knows', () => {
    const text = [
      'FROM alpine:3.20',
      'ENV GIT_SSL_NO_VERIFY=1',
      'RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci && export PYTHONHTTPSVERIFY=0 && curl -k https://x/',
      'USER 10001',
    ].join('\n');
    assert.equal(insecureTransport(text).length, 4);
  });
});
