// ReDoS audit: every regular-expression literal in the engine (which runs on untrusted file text)
// is checked by redos-detector for catastrophic backtracking. New regexes are covered automatically.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSafe } from 'redos-detector';
import ts from 'typescript';

const ENGINE = path.join(__dirname, '../../server/src/engine');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

interface Literal {
  file: string;
  line: number;
  regex: RegExp;
}

function regexLiterals(file: string): Literal[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const slash = literal.lastIndexOf('/');
      found.push({
        file: path.relative(ENGINE, file),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        regex: new RegExp(literal.slice(1, slash), literal.slice(slash + 1)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('ReDoS audit of engine regular expressions', () => {
  const literals = sourceFiles(ENGINE).flatMap(regexLiterals);

  it(`finds the engine's regexes (${literals.length})`, () => {
    assert.ok(literals.length > 50, 'the audit found suspiciously few regexes');
  });

  // An infinite score means backtracking that grows with the input (exponential or polynomial);
  // a finite score is bounded work per position, whatever its size.
  it('no regex can backtrack without bound', () => {
    const unsafe = literals
      .map((l) => ({ ...l, result: isSafe(l.regex, { timeout: 5000, maxScore: Infinity }) }))
      .filter((l) => !l.result.safe)
      .map((l) => `${l.file}:${l.line} ${l.regex} (${l.result.error ?? 'unsafe'})`);
    assert.deepEqual(unsafe, []);
  });
});
