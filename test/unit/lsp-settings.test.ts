// Which settings notifications re-lint: a notification for another extension's setting must not,
// a change to any of Shipshape's must.
import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, readSettings, sameSettings } from '../../server/src/lsp/settings';

describe('Editor settings: whether a notification changed anything', () => {
  const base = readSettings({ rules: { privileged: 'error', 'root-user': 'off' } });

  it('treats a re-sent, equal reading as the same (rules in another order too)', () => {
    assert.ok(sameSettings(DEFAULT_SETTINGS, readSettings({})));
    assert.ok(sameSettings(base, readSettings({ rules: { 'root-user': 'off', privileged: 'error' } })));
    // A malformed value reads as its default, so it changes nothing either.
    assert.ok(sameSettings(DEFAULT_SETTINGS, readSettings({ run: 'sometimes', enable: 'yes' })));
  });

  it('sees a change to each setting', () => {
    const changed = {
      enable: readSettings({ enable: false, rules: base.rules }),
      run: readSettings({ run: 'onSave', rules: base.rules }),
      resolveDigests: readSettings({ network: { resolveDigests: true }, rules: base.rules }),
      useCredentialHelpers: readSettings({ network: { useCredentialHelpers: true }, rules: base.rules }),
      'a rule setting': readSettings({ rules: { privileged: 'warning', 'root-user': 'off' } }),
      'a rule added': readSettings({ rules: { ...base.rules, sudo: 'off' } }),
      'a rule removed': readSettings({ rules: { privileged: 'error' } }),
    };
    for (const [what, settings] of Object.entries(changed)) assert.equal(sameSettings(base, settings), false, what);
    // Every setting is covered above: a new one needs a case here as well as its comparison.
    for (const key of Object.keys(DEFAULT_SETTINGS)) assert.ok(key in changed || key === 'rules', key);
  });
});
