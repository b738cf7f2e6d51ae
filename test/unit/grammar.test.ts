// The suppression-comment injection grammar, tokenized by VS Code's own TextMate engine
// (vscode-textmate + oniguruma) on top of a minimal host grammar with a comment rule.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const GRAMMAR = path.join(__dirname, '../../syntaxes/shipshape-ignore.injection.json');

// Stand-ins for the Dockerfile and YAML grammars: their comment rule is the one the injection must win over.
const host = (scopeName: string) =>
  JSON.stringify({ scopeName, patterns: [{ match: '#.*$', name: `comment.line.number-sign.${scopeName.split('.')[1]}` }] });

async function load(scopeName: string): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm).catch(() => undefined); // already loaded by an earlier call
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name) => {
      if (name === 'shipshape.ignore.injection') return parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      return parseRawGrammar(host(name), `${name}.json`);
    },
    getInjections: (name) => (['source.dockerfile', 'source.yaml'].includes(name) ? ['shipshape.ignore.injection'] : []),
  });
  return (await registry.loadGrammar(scopeName))!;
}

function scopesOf(grammar: IGrammar, line: string): Record<string, string[]> {
  const { tokens } = grammar.tokenizeLine(line, INITIAL);
  return Object.fromEntries(tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes]));
}

describe('suppression comment grammar', () => {
  for (const scopeName of ['source.dockerfile', 'source.yaml']) {
    it(`highlights keyword, rule ids and reason in ${scopeName}`, async () => {
      const grammar = await load(scopeName);
      const scopes = scopesOf(grammar, '  # shipshape-ignore privileged, root-user -- reads host cgroups');
      assert.ok(scopes['shipshape-ignore']!.includes('keyword.control.directive.shipshape-ignore'));
      assert.ok(scopes[' privileged, root-user']!.includes('entity.name.tag.rule-id.shipshape'));
      assert.ok(scopes['reads host cgroups']!.includes('string.unquoted.reason.shipshape'));
      const file = scopesOf(grammar, '# shipshape-ignore-file unused-suppression');
      assert.ok(file['shipshape-ignore-file']!.includes('keyword.control.directive.shipshape-ignore'));
      const hadolint = scopesOf(grammar, '# hadolint ignore=DL3008,DL3015');
      assert.ok(hadolint['DL3008,DL3015']!.includes('entity.name.tag.rule-id.shipshape'));
    });
  }

  it('leaves ordinary comments to the host grammar', async () => {
    const grammar = await load('source.dockerfile');
    const scopes = scopesOf(grammar, '# just a comment about shipshape');
    assert.deepEqual(Object.values(scopes)[0], ['source.dockerfile', 'comment.line.number-sign.dockerfile']);
  });
});
