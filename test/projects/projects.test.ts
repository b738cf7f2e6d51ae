// Compose projects as fixtures (issue #20): each folder here is one project, linted file by file
// the way the CLI and the editor lint them (the file's path from the project folder, a reader
// that stays inside the folder). `# expect: <id>` before a line marks a finding of that rule on it,
// `# ok: <id>` a line that must have none, as in test/rules (DESIGN.md "Tests as data"). Only the
// rules a project's markers name are compared, so a fixture shows what it is about.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine';

const ROOT = __dirname;
const MARKER = /^\s*#\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

interface Marks {
  expect: string[];
  ok: string[];
}

/** `<line>:<rule>` for each marker, 1-based, in the file's own line numbering. */
function marksOf(text: string): Marks {
  const marks: Marks = { expect: [], ok: [] };
  let pending: { kind: 'expect' | 'ok'; ids: string[] }[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, number) => {
    const match = MARKER.exec(line);
    if (match) {
      pending.push({ kind: match[1] as 'expect' | 'ok', ids: match[2]!.split(',').map((s) => s.trim()) });
      return;
    }
    for (const marker of pending) for (const id of marker.ids) marks[marker.kind].push(`${number + 1}:${id}`);
    pending = [];
  });
  return marks;
}

for (const project of fs
  .readdirSync(ROOT)
  .filter((name) => fs.statSync(path.join(ROOT, name)).isDirectory())
  .sort()) {
  describe(`Compose project ${project}`, () => {
    const dir = path.join(ROOT, project);
    const files = filesUnder(dir).filter((file) => /\.ya?ml$/.test(file));
    const marks = new Map(files.map((file) => [file, marksOf(fs.readFileSync(file, 'utf8'))]));
    const ruleIds = new Set([...marks.values()].flatMap((m) => [...m.expect, ...m.ok].map((mark) => mark.split(':')[1]!)));
    for (const file of files) {
      const relative = path.relative(dir, file).split(path.sep).join('/');
      it(relative, () => {
        const readFile = (reference: string) => {
          const target = path.resolve(path.dirname(file), reference);
          if (target !== dir && !target.startsWith(dir + path.sep)) return undefined;
          return fs.existsSync(target) && fs.statSync(target).isFile() ? fs.readFileSync(target, 'utf8') : undefined;
        };
        const result = lint({ text: fs.readFileSync(file, 'utf8'), kind: 'compose', path: relative, readFile });
        const found = result.findings
          .filter((f) => !f.suppressed && ruleIds.has(f.ruleId))
          .map((f) => `${f.range.start.line + 1}:${f.ruleId}`)
          .sort();
        const { expect, ok } = marks.get(file)!;
        assert.deepEqual(
          found,
          [...expect].sort(),
          result.findings.map((f) => `${f.range.start.line + 1}:${f.ruleId} ${f.message}`).join('\n'),
        );
        for (const mark of ok) assert.ok(!found.includes(mark), `${mark} must have no finding`);
      });
    }
  });
}
