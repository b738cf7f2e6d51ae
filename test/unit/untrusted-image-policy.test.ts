// untrusted-image's two modes (docs/adr/003-trust-and-network.md): without a trust policy it only
// advises, at info; once trustedRegistries/trustedImages are configured it enforces them at the
// configured severity and names the policy.
import { strict as assert } from 'node:assert';
import { lint, mergeConfig, type Finding } from '../../server/src/engine';
import { WELL_KNOWN_PUBLISHERS } from '../../server/src/engine/image-trust';

const TEXT = 'FROM someone/tool:1.0 AS tool\nFROM grafana/grafana:11.4.0\nCOPY --from=tool /tool /usr/local/bin/tool\n';

function untrusted(config = mergeConfig()): Finding[] {
  return lint({ text: TEXT, kind: 'dockerfile', path: 'Dockerfile' }, config).findings.filter(
    (f) => f.ruleId === 'untrusted-image',
  );
}

describe('untrusted-image policy', () => {
  it('without a policy: info, and only for images nobody vouches for', () => {
    const findings = untrusted();
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.severity]),
      [[0, 'info']],
    );
    assert.match(findings[0]!.message, /not a Docker Official Image, a well-known publisher or this project/);
  });

  it('with a policy: every image outside it, at warning, naming the policy', () => {
    const findings = untrusted(mergeConfig({ trustedRegistries: ['ghcr.io/acme'] }));
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.severity]),
      [
        [0, 'warning'],
        [1, 'warning'],
      ],
    );
    for (const finding of findings)
      assert.match(finding.message, /outside the trust policy \(trustedRegistries: ghcr\.io\/acme\)/);
  });

  it('a severity the user sets wins in both modes', () => {
    assert.equal(untrusted(mergeConfig({ rules: { 'untrusted-image': 'error' } }))[0]!.severity, 'error');
    assert.equal(
      untrusted(mergeConfig({ trustedImages: ['acme/*'], rules: { 'untrusted-image': 'info' } }))[0]!.severity,
      'info',
    );
  });

  it('the well-known publisher list is registry/namespace prefixes, each with its publisher', () => {
    for (const [prefix, publisher] of Object.entries(WELL_KNOWN_PUBLISHERS)) {
      assert.match(prefix, /^[a-z0-9.-]+\.[a-z]{2,}(?:\/[a-z0-9._-]+)?$/, prefix);
      assert.ok(publisher.length > 2, prefix);
    }
  });
});
