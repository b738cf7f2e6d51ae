// looksLikeSecretName searches a name for a secret word before splitting it into upper-cased words
// (namesASecret). Held here to give namesASecret's answer on every name: random names made of the
// words' pieces in any case, separators and the non-ASCII letters that upper-case into ASCII ones,
// and every variable name written in the repository's and the corpus's Dockerfiles and Compose files.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { looksLikeSecretName, namesASecret } from '../../server/src/engine/secrets';
import { corpusAvailable, corpusTexts, repositoryTexts } from './equivalence-texts';

const PIECES = [
  ...['pa', 'ss', 'PASS', 'Pass', 'word', 'WORD', 'wd', 'pwd', 'PWD', 'sec', 'ret', 'SECRET', 'tok', 'en', 'TOKEN'],
  ...['key', 'KEY', 'Key', 'api', 'API', 'cred', 'ent', 'ial', 'CREDENTIAL', 'enc', 'signing', 'master', 'client'],
  ...['db', 'DB', 'x', 'file', 'FILE', 'old', '_', '-', '.', '1'],
  // Long s (upper-cases to S), dotless i (to I), Kelvin sign, dotted capital I, sharp s (to SS).
  ...['\u017f', '\u0131', '\u212a', '\u0130', '\u00df', 'pa\u017f\u017f', 'credent\u0131al'],
];

const name = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''));

describe('secret names: the search before the split changes no answer', () => {
  it('on random names', () => {
    let secrets = 0;
    fc.assert(
      fc.property(name, (n) => {
        const answer = namesASecret(n);
        if (answer) secrets++;
        assert.equal(looksLikeSecretName(n), answer, n);
      }),
      { numRuns: 20_000, seed: 20261207 },
    );
    assert.ok(secrets > 2_000, `${secrets} secret names`);
  });

  it('on names whose secret word is spelled with a letter that upper-cases into ASCII', () => {
    for (const n of ['DB_PA\u017f\u017fWORD', 'app_credent\u0131al', 'ldap_rootpa\u017f\u017f'])
      assert.equal(looksLikeSecretName(n), true, n);
  });

  it("on every name assigned in the repository's texts and the corpus", function () {
    this.timeout(120_000);
    const texts = [...repositoryTexts(), ...(corpusAvailable ? corpusTexts() : [])];
    const names = new Set<string>();
    for (const [, text] of texts) for (const match of text.matchAll(/[\p{L}_][\p{L}\p{N}_.-]*(?=\s*[=:])/gu)) names.add(match[0]);
    assert.ok(names.size > 5_000, `${names.size} names`);
    for (const n of names) assert.equal(looksLikeSecretName(n), namesASecret(n), n);
  });
});
