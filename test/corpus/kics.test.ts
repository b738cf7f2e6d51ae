// KICS's Dockerfile and Compose query fixtures (../shared/corpus/kics, Apache-2.0) as a peer's
// test suite: every fixture of a query mapped to one of our rules is linted, and the mapped rule
// must find the positives at KICS's expected lines and stay silent on the negatives.
// Skipped (with a notice) when the corpus is not beside the repo.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { lint, mergeConfig, type FileKind, type Finding } from '../../server/src/engine';
import { COMPOSE_DISAGREEMENTS, COMPOSE_MAPPINGS } from './kics-compose-mappings';
import { DOCKERFILE_DISAGREEMENTS, DOCKERFILE_MAPPINGS } from './kics-dockerfile-mappings';
import type { Mapping } from './kics-mapping';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/kics');

interface KicsFixture {
  kind: 'dockerfile' | 'compose';
  queryName: string;
  id: string;
  file: string;
  expect: 'positive' | 'negative';
  lines: number[] | null;
}

const MAPPINGS: Mapping[] = [...DOCKERFILE_MAPPINGS, ...COMPOSE_MAPPINGS];
const DISAGREEMENTS: Record<string, string> = { ...DOCKERFILE_DISAGREEMENTS, ...COMPOSE_DISAGREEMENTS };

function lintCorpusFile(file: string, kind: FileKind): Finding[] {
  const full = path.join(CORPUS, file);
  const readFile = (relative: string) => {
    const target = path.join(path.dirname(full), relative);
    return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
  };
  // Every mapped rule at least at info, so rules that are off by default are measured too.
  const rules = Object.fromEntries(MAPPINGS.flatMap((m) => m.rules).map((id) => [id, 'info' as const]));
  return lint({ text: fs.readFileSync(full, 'utf8'), kind, path: file, readFile }, mergeConfig({ rules })).findings;
}

/** Lines (1-based) of the Dockerfile instruction that contains `line`, since KICS reports on an instruction's first line. */
function instructionLines(text: string, line: number): [number, number] | undefined {
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const range = instruction.getRange();
    if (range.start.line + 1 <= line && line <= range.end.line + 1) return [range.start.line + 1, range.end.line + 1];
  }
  return undefined;
}

function covers(finding: Finding, line: number, mapping: Mapping, instruction: [number, number] | undefined): boolean {
  const start = finding.range.start.line + 1;
  const end = finding.range.end.line + 1;
  if (instruction && instruction[0] === line && start >= instruction[0] && start <= instruction[1]) return true;
  return (
    (start <= line && line <= end) ||
    (start > line && start <= line + (mapping.slack ?? 0)) ||
    (end < line && end >= line - (mapping.above ?? 0))
  );
}

const available = fs.existsSync(path.join(CORPUS, 'manifest.json'));

(available ? describe : describe.skip)('KICS corpus (peer test suite)', () => {
  const manifest: KicsFixture[] = available ? JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) : [];
  const byId = new Map(MAPPINGS.map((m) => [m.kicsId, m]));
  const mapped = manifest.filter((f) => byId.has(f.id));
  let expectedLines = 0;
  let foundLines = 0;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  let negatives = 0;

  for (const fixture of mapped) {
    const mapping = byId.get(fixture.id)!;
    const text = fs.readFileSync(path.join(CORPUS, fixture.file), 'utf8');
    const findings = lintCorpusFile(fixture.file, fixture.kind).filter(
      (f) => mapping.rules.includes(f.ruleId) && (!mapping.only || mapping.only.test(f.message)),
    );
    if (DISAGREEMENTS[fixture.file]) continue;
    if (fixture.expect === 'positive') {
      for (const line of fixture.lines ?? []) {
        if (DISAGREEMENTS[`${fixture.file}:${line}`]) continue;
        expectedLines++;
        const instruction = fixture.kind === 'dockerfile' ? instructionLines(text, line) : undefined;
        if (findings.some((f) => covers(f, line, mapping, instruction))) foundLines++;
        else misses.push(`${fixture.file}:${line} (${mapping.queryName} -> ${mapping.rules.join('|')})`);
      }
    } else {
      negatives++;
      for (const f of findings) {
        if (DISAGREEMENTS[`${fixture.file}:${f.range.start.line + 1}`]) continue;
        falsePositives.push(`${fixture.file}:${f.range.start.line + 1} ${f.ruleId}: ${f.message}`);
      }
    }
  }

  const recall = expectedLines === 0 ? 1 : foundLines / expectedLines;

  it(`every mapped KICS query exists in the corpus`, () => {
    for (const mapping of MAPPINGS) {
      const fixture = manifest.find((f) => f.id === mapping.kicsId);
      assert.ok(fixture, `KICS query ${mapping.kicsId} (${mapping.queryName}) not in manifest`);
      assert.equal(fixture.queryName, mapping.queryName);
    }
  });

  it(`recall on mapped positives >= 95% (found ${foundLines}/${expectedLines} = ${(recall * 100).toFixed(1)}%)`, () => {
    console.log(
      `      KICS: ${MAPPINGS.length} queries mapped, ${mapped.length} fixtures; recall ${foundLines}/${expectedLines} (${(recall * 100).toFixed(1)}%); ` +
        `${falsePositives.length} false positives on ${negatives} negatives; ${Object.keys(DISAGREEMENTS).length} deliberate disagreements (reasons in test/corpus/kics-*-mappings.ts; KICS_VERBOSE=1 prints them)`,
    );
    if (process.env.KICS_VERBOSE) {
      for (const [file, reason] of Object.entries(DISAGREEMENTS)) console.log(`      disagreement: ${file}: ${reason}`);
      for (const miss of misses) console.log(`      missed: ${miss}`);
    }
    assert.ok(recall >= 0.95, `missed:\n${misses.join('\n')}`);
  });

  it('no finding of the mapped rule on mapped negatives', () => {
    assert.deepEqual(falsePositives, []);
  });
});
