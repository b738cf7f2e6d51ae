// The generic fixture runner (DESIGN.md "Tests as data"). Each test/rules/<rule-id>/ folder
// holds fixtures; `# expect: <id>` on the line(s) before marks the next line as a finding of that
// rule, `# ok: <id>` marks one that must not be. `<name>.fixed.<ext>` is the text after applying
// every preferred fix of the folder's rule. `<name>.shipshape.yaml` is an optional config.
// `<name>.<ext>.findings` pins what the rules say (findings-snapshot.ts; format in README.md here).
// `npm run test:update-snapshots` (UPDATE_SNAPSHOTS=1) writes missing or changed `.fixed` and
// `.findings` files; review their diff before committing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyEdits,
  applyFixes,
  lint,
  preferredFixGroups,
  ruleById,
  RULES,
  type Finding,
} from '../../server/src/engine';
import { findingsPathFor, formatFindings, snapshotMismatch } from './findings-snapshot';
import { FIXTURES_ROOT, ruleFixtures, type RuleFixture } from './fixture-files';

const ROOT = FIXTURES_ROOT;
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

interface Fixture extends RuleFixture {
  text: string;
}

function loadFixtures(): Fixture[] {
  return ruleFixtures().map((fixture) => {
    assert.deepEqual(fixture.configProblems, [], `config of ${fixture.name} is invalid`);
    return { ...fixture, text: fs.readFileSync(fixture.file, 'utf8') };
  });
}

interface Expectations {
  /** rule id -> 0-based lines, one entry per expected finding */
  expected: Map<string, number[]>;
  /** rule id -> lines that must have no finding of that rule */
  ok: Map<string, number[]>;
}

const MARKER = /^\s*#\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

function readExpectations(text: string): Expectations {
  const lines = text.split(/\r\n|\n|\r/);
  const expected = new Map<string, number[]>();
  const ok = new Map<string, number[]>();
  let pending: { kind: string; ids: string[] }[] = [];
  lines.forEach((line, number) => {
    const match = MARKER.exec(line);
    if (match) {
      pending.push({ kind: match[1]!, ids: match[2]!.split(',').map((s) => s.trim()) });
      return;
    }
    for (const marker of pending) {
      const target = marker.kind === 'expect' ? expected : ok;
      for (const id of marker.ids) target.set(id, [...(target.get(id) ?? []), number]);
    }
    pending = [];
  });
  return { expected, ok };
}

function lintFixture(fixture: Fixture, text = fixture.text): Finding[] {
  const dir = path.dirname(fixture.file);
  const readFile = (relative: string) => {
    const target = path.join(dir, relative);
    return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
  };
  const result = lint({ text, kind: fixture.kind, path: fixture.name, readFile }, fixture.config);
  assert.equal(result.skipped, undefined, `fixture was skipped: ${result.skipped}`);
  return result.findings.filter((f) => !f.suppressed);
}

function linesOf(findings: Finding[], ruleId: string): number[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => f.range.start.line).sort((a, b) => a - b);
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  line ${f.range.start.line + 1}: ${f.ruleId}: ${f.message}`).join('\n') || '  (none)';
}

function fixAll(fixture: Fixture): string {
  let text = fixture.text;
  // Overlapping fixes wait for the next pass, as the CLI's --fix does.
  for (let pass = 0; pass < 5; pass++) {
    const groups = preferredFixGroups(
      lintFixture(fixture, text).filter((f) => f.ruleId === fixture.ruleId),
      { unsafe: true },
    );
    if (groups.length === 0) break;
    const next = applyFixes(text, groups);
    if (next.text === text) break;
    text = next.text;
  }
  return text;
}

const fixtures = loadFixtures();

describe('rule fixtures', () => {
  it('every rule in the registry has a fixture folder with positive and negative cases', () => {
    for (const rule of RULES) {
      const own = fixtures.filter((f) => f.ruleId === rule.id);
      assert.ok(own.length > 0, `no fixtures for ${rule.id}`);
      const markers = own.map((f) => readExpectations(f.text));
      assert.ok(markers.some((m) => (m.expected.get(rule.id) ?? []).length > 0), `${rule.id} has no positive case (# expect)`);
      assert.ok(markers.some((m) => (m.ok.get(rule.id) ?? []).length > 0) || rule.id === 'unused-suppression', `${rule.id} has no negative case (# ok)`);
    }
  });

  it('every .findings snapshot belongs to a fixture', () => {
    const wanted = new Set(fixtures.map((f) => findingsPathFor(f.file)));
    const orphans = fs
      .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.findings'))
      .map((name) => path.join(ROOT, name))
      .filter((file) => !wanted.has(file));
    if (UPDATE) for (const file of orphans) fs.rmSync(file);
    else assert.deepEqual(orphans.map((f) => path.relative(ROOT, f)), [], 'snapshots of fixtures that no longer exist; `npm run test:update-snapshots` removes them');
  });

  for (const fixture of fixtures) {
    describe(`${fixture.ruleId}/${fixture.name}`, () => {
      const { expected, ok } = readExpectations(fixture.text);

      it('reports exactly the expected lines', () => {
        assert.ok(ruleById(fixture.ruleId), `unknown rule folder ${fixture.ruleId}`);
        const findings = lintFixture(fixture);
        const ids = new Set([fixture.ruleId, ...expected.keys(), ...ok.keys()]);
        for (const id of ids) {
          const want = (expected.get(id) ?? []).sort((a, b) => a - b);
          assert.deepEqual(
            linesOf(findings, id).map((l) => l + 1),
            want.map((l) => l + 1),
            `${id}: findings (1-based lines) differ from the fixture's expectations; got:\n${describeFindings(findings.filter((f) => f.ruleId === id))}`,
          );
          for (const line of ok.get(id) ?? []) {
            assert.ok(!linesOf(findings, id).includes(line), `${id} must not fire on line ${line + 1}`);
          }
        }
      });

      it('says what its .findings snapshot says', () => {
        const ids = new Set([fixture.ruleId, ...expected.keys(), ...ok.keys()]);
        const actual = formatFindings(lintFixture(fixture).filter((f) => ids.has(f.ruleId)));
        const snapshotFile = findingsPathFor(fixture.file);
        const stored = fs.existsSync(snapshotFile) ? fs.readFileSync(snapshotFile, 'utf8') : undefined;
        if (UPDATE && stored !== actual) fs.writeFileSync(snapshotFile, actual);
        else if (stored !== actual) assert.fail(snapshotMismatch(path.relative(process.cwd(), snapshotFile), stored, actual));
      });

      it('finding ranges lie inside the document', () => {
        const lines = fixture.text.split(/\r\n|\n|\r/);
        for (const finding of lintFixture(fixture)) {
          const { start, end } = finding.range;
          assert.ok(start.line < lines.length && end.line < lines.length, `range past the end: ${JSON.stringify(finding.range)}`);
          assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), 'inverted range');
          assert.ok(end.character <= lines[end.line]!.length, `range past the line end: ${JSON.stringify(finding.range)}`);
        }
      });

      it('each preferred fix applies cleanly on its own and removes its finding', () => {
        const findings = lintFixture(fixture).filter((f) => f.ruleId === fixture.ruleId);
        const syntaxBefore = linesOf(lintFixture(fixture), 'syntax-error').length;
        for (const finding of findings) {
          const fix = finding.fixes.find((f) => f.preferred && !f.configChange);
          if (!fix) continue;
          const fixed = applyEdits(fixture.text, fix.edits);
          assert.notEqual(fixed, fixture.text, `fix "${fix.title}" changed nothing`);
          const after = lintFixture(fixture, fixed);
          assert.ok(
            linesOf(after, fixture.ruleId).length < findings.length,
            `fix "${fix.title}" did not remove its finding:\n--- result ---\n${fixed}`,
          );
          assert.ok(linesOf(after, 'syntax-error').length <= syntaxBefore, `fix "${fix.title}" broke the file:\n${fixed}`);
          // Nothing outside the edited lines changes.
          const beforeLines = fixture.text.split(/\r?\n/);
          const afterLines = fixed.split(/\r?\n/);
          const firstEdited = Math.min(...fix.edits.map((e) => e.range.start.line));
          assert.deepEqual(afterLines.slice(0, firstEdited), beforeLines.slice(0, firstEdited), 'lines before the edit changed');
          const lastEdited = Math.max(...fix.edits.map((e) => e.range.end.line));
          const tail = beforeLines.length - lastEdited - 1;
          if (tail > 0) assert.deepEqual(afterLines.slice(-tail), beforeLines.slice(-tail), 'lines after the edit changed');
        }
      });

      it("its edits match the rule's declared fix safety", () => {
        const rule = ruleById(fixture.ruleId)!;
        for (const finding of lintFixture(fixture).filter((f) => f.ruleId === fixture.ruleId)) {
          for (const fix of finding.fixes.filter((f) => !f.configChange && f.edits.length > 0)) {
            assert.ok(rule.fixes, `${rule.id} offers "${fix.title}" but declares no \`fixes\` safety`);
            if (rule.fixes === 'changes-behaviour')
              assert.equal(fix.changesBehaviour, true, `"${fix.title}" of ${rule.id} is not marked changesBehaviour`);
          }
        }
      });

      it('matches its .fixed snapshot after all preferred fixes', () => {
        const fixed = fixAll(fixture);
        const exists = fs.existsSync(fixture.fixedFile);
        if (fixed === fixture.text) {
          assert.ok(!exists, `${path.basename(fixture.fixedFile)} exists but no fix applies`);
          return;
        }
        if (UPDATE && (!exists || fs.readFileSync(fixture.fixedFile, 'utf8') !== fixed)) fs.writeFileSync(fixture.fixedFile, fixed);
        assert.ok(fs.existsSync(fixture.fixedFile), `missing snapshot ${path.basename(fixture.fixedFile)}; expected:\n${fixed}`);
        assert.equal(fixed, fs.readFileSync(fixture.fixedFile, 'utf8'));
        const remaining = lintFixture(fixture, fixed).filter((f) => f.ruleId === fixture.ruleId && f.fixes.some((x) => x.preferred && !x.configChange));
        assert.deepEqual(remaining.map((f) => f.message), [], 'fixable findings remain after fixing all');
      });
    });
  }
});
