// Editor fix-all and `shipshape lint --fix` are one fix loop: on every rule fixture, the safe fix-all
// ends on the text `--fix` writes, and "fix all, including fixes that change behaviour" on the text
// `--fix --unsafe-fixes` writes. Both sides run in process: the server's code-action module over the
// state its lint produced, and the CLI's lintTargets.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CodeActionParams, TextEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/engine';
import { lintTargets } from '../../server/src/cli/lint-files';
import { FIX_ALL_KIND, FIX_ALL_UNSAFE_KIND, codeActionsFor, resolveCodeAction } from '../../server/src/lsp/code-actions';
import { editorSessionPolicy } from '../../server/src/lsp/editor-session';
import { lintDocumentText, type LintState } from '../../server/src/lsp/lint-states';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { environmentDefaults } from '../../server/src/workspace/environment-defaults';
import { ConfigStore, FileSession } from '../../server/src/workspace/lint-session';
import { FIXTURES_ROOT, ruleFixtures, type RuleFixture } from '../rules/fixture-files';

const REPO = path.join(__dirname, '../..');
type Fixture = RuleFixture;

function cliFix(fixture: Fixture, unsafe: boolean): string {
  const run = lintTargets([{ path: fixture.file, kind: fixture.kind, explicit: true }], {
    cwd: REPO,
    // What `shipshape lint` puts beneath every config, as the editor does.
    defaults: environmentDefaults(process.env),
    overrides: fixture.config,
    fix: 'dry-run',
    ...(unsafe ? { unsafeFixes: true } : {}),
  });
  const [result] = run.results;
  assert.ok(result && !result.error && !result.skipped, `${fixture.file}: ${result?.error ?? result?.skipped}`);
  return result.fixed?.after ?? fs.readFileSync(fixture.file, 'utf8');
}

/** The editor's lint of a fixture, as the server's document lint produces it. */
function editorState(fixture: Fixture): LintState {
  const text = fs.readFileSync(fixture.file, 'utf8');
  const policy = editorSessionPolicy({
    workspaceFolders: [REPO],
    settings: DEFAULT_SETTINGS,
    configs: new ConfigStore(),
    openBuffer: () => undefined,
  });
  // The fixture's config stands where the editor's settings go: over any file config, as --rule does in the CLI.
  const session = new FileSession(fixture.file, { ...policy, overrides: fixture.config });
  return lintDocumentText({ version: 1, text }, fixture.kind, session, false).state;
}

/** The editor's fix-all over the fixture, through the code-action module (eager or resolved edit). */
function editorFix(fixture: Fixture, state: LintState, unsafe: boolean, canResolveEdits: boolean): string {
  const uri = `file://${fixture.file}`;
  const params: CodeActionParams = {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: [unsafe ? FIX_ALL_UNSAFE_KIND : FIX_ALL_KIND] },
  };
  const [action, ...more] = codeActionsFor(params, state, { canResolveEdits, resolveDigests: false, workspaceFolders: [REPO] });
  assert.equal(more.length, 0);
  // With no behaviour-changing fix to offer, the editor offers only the safe fix-all, which is then
  // what "fix all including behaviour-changing fixes" amounts to.
  if (!action) return unsafe ? editorFix(fixture, state, false, canResolveEdits) : state.text;
  const resolved: CodeAction = canResolveEdits ? resolveCodeAction(action, () => state) : action;
  return applyEdits(state.text, resolved.edit!.changes![uri] as TextEdit[]);
}

describe('editor fix-all equals lint --fix on every rule fixture', function () {
  const all = ruleFixtures();
  const states = new Map<Fixture, LintState>();
  const stateOf = (fixture: Fixture) => states.get(fixture) ?? states.set(fixture, editorState(fixture)).get(fixture)!;

  it('finds the rule fixtures', () => {
    assert.ok(all.length > 200, `only ${all.length} fixtures found`);
  });

  // One test per rule and side, not one over every fixture: the whole run is over 1,000 fix loops, and
  // a single test over all of them met mocha's timeout on a loaded machine.
  const byRule = new Map<string, Fixture[]>();
  for (const fixture of all) byRule.set(fixture.ruleId, [...(byRule.get(fixture.ruleId) ?? []), fixture]);
  for (const unsafe of [false, true]) {
    const what = unsafe ? 'fix-all including behaviour-changing fixes equals --fix --unsafe-fixes' : 'fix-all equals --fix';
    describe(what, () => {
      let fixed = 0;
      for (const [ruleId, fixtures] of byRule) {
        it(ruleId, () => {
          const differ: string[] = [];
          for (const fixture of fixtures) {
            const cli = cliFix(fixture, unsafe);
            if (cli !== fs.readFileSync(fixture.file, 'utf8')) fixed++;
            for (const canResolveEdits of [false, true]) {
              if (editorFix(fixture, stateOf(fixture), unsafe, canResolveEdits) !== cli)
                differ.push(`${path.relative(FIXTURES_ROOT, fixture.file)}${canResolveEdits ? ' (resolved)' : ''}`);
            }
          }
          assert.deepEqual(differ, [], `the editor ends elsewhere than the CLI on ${differ.length} fixtures`);
        });
      }
      // The comparison means something only if fixes apply (mocha runs a describe's tests in order).
      it('applies fixes on more than 50 fixtures', () => assert.ok(fixed > 50, `only ${fixed} fixtures changed`));
    });
  }
});
