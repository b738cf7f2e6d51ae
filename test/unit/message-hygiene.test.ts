// Every message a user reads is plain text about their file: no control characters (a NUL once
// stood in for an unknown variable and leaked into "Port \0 is published ...") and no placeholder
// text the engine made up (`${...}` for a value it could not resolve). Checked over every rule
// fixture (strict preset, so rules that are off by default speak too) and every finding on the
// real-world corpora beside the repo (default settings), whose files nobody here wrote.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind, lint, mergeConfig, type FileKind, type Finding } from '../../server/src/engine';

import { ruleFixtures } from '../rules/fixture-files';
const CORPORA = ['real', 'wild'].map((name) => path.resolve(__dirname, '../../../shared/corpus', name));

// C0 controls other than tab, DEL, C1 controls, and the replacement character of a broken decode.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\ufffd]/;
// Text the engine invents for an unknown value. A user's own `${VAR}` quoted from the file is fine.
const PLACEHOLDER = /\$\{\.\.\.\}|\\u0000|<unknown>|undefined|\[object Object\]|NaN/;

function problemsIn(finding: Finding): string[] {
  const texts = [finding.message, ...(finding.fixes ?? []).map((fix) => fix.title)];
  const problems: string[] = [];
  for (const text of texts) {
    if (CONTROL.test(text)) problems.push(`control character in ${JSON.stringify(text)}`);
    if (PLACEHOLDER.test(text)) problems.push(`placeholder text in ${JSON.stringify(text)}`);
  }
  return problems;
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

function lintFile(file: string, kind: FileKind, config = mergeConfig()): Finding[] {
  const readFile = (relative: string) => {
    const target = path.resolve(path.dirname(file), relative);
    return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
  };
  return lint({ text: fs.readFileSync(file, 'utf8'), kind, path: path.basename(file), readFile }, config).findings;
}

describe('message hygiene', () => {
  it('no rule fixture finding carries control characters or placeholder text', () => {
    const problems: string[] = [];
    let findings = 0;
    for (const fixture of ruleFixtures()) {
      for (const finding of lintFile(fixture.file, fixture.kind, mergeConfig({ extends: 'strict' }, fixture.ownConfig))) {
        findings++;
        for (const problem of problemsIn(finding))
          problems.push(`${fixture.ruleId}/${fixture.name}: ${finding.ruleId}: ${problem}`);
      }
    }
    assert.ok(findings > 500, `only ${findings} findings: were the fixtures found?`);
    assert.deepEqual(problems, []);
  });

  for (const corpus of CORPORA) {
    const available = fs.existsSync(corpus);
    (available ? it : it.skip)(
      `no finding on ${path.relative(path.resolve(__dirname, '../../..'), corpus)} carries control characters or placeholder text`,
      () => {
        const problems: string[] = [];
        let files = 0;
        for (const file of walk(corpus)) {
          const kind = detectKind(file);
          if (!kind) continue;
          files++;
          for (const finding of lintFile(file, kind)) {
            for (const problem of problemsIn(finding))
              problems.push(`${path.relative(corpus, file)}: ${finding.ruleId}: ${problem}`);
          }
        }
        assert.ok(files > 10, `only ${files} files linted`);
        assert.deepEqual(problems, []);
      },
    );
  }
});
