// The shape of the engine (issue 19): the models carry the derived facts and rules read them. A rule
// that walks a FROM chain, works out the SHELL, reads or parses a file itself re-derives a fact the model
// already has, and two ways of computing one fact drift apart (pipefail and exec-form read SHELL with
// different parsers; four places walked FROM chains with and without a hop limit). The model
// directories never depend on rules: rules are built on the models, not the other way round.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ENGINE = path.resolve(__dirname, '../../server/src/engine');
const RULES = path.join(ENGINE, 'rules');
const MODEL_DIRS = ['compose', 'dockerfile'].map((dir) => path.join(ENGINE, dir));

// What parses text into a model or a script: dockerfile-ast's parser, the engine's parse entry
// points, the shell scanner, and yaml's parsers. Rules get the parsed model in their context.
const PARSERS = new Set([
  'DockerfileParser',
  'parseDockerfile',
  'parseCompose',
  'parseFile',
  'parseShell',
  'parse',
  'parseDocument',
  'parseAllDocuments',
  'Parser',
  'Lexer',
  'Composer',
]);
// The model's own builders: rules read the facts they produce from the model instead.
const MODEL_BUILDERS = new Set(['readRunScripts', 'shellsInForce']);

// syntax-error checks that a SHELL instruction's own arguments are valid JSON; it does not work out
// which shell a command runs under.
const MAY_NAME_SHELL = new Set(['syntax-error.ts']);

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [full] : [];
  });
}

function parse(file: string, text = fs.readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

function where(source: ts.SourceFile, node: ts.Node): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${path.relative(ENGINE, source.fileName)}:${line + 1}`;
}

function imports(source: ts.SourceFile): ts.ImportDeclaration[] {
  return source.statements.filter(ts.isImportDeclaration);
}

function isTypeOnly(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly);
}

/** What a rule file does that the model should do for it, one line per occurrence. */
export function ruleViolations(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const name = path.basename(source.fileName);
  for (const declaration of imports(source)) {
    const from = (declaration.moduleSpecifier as ts.StringLiteral).text;
    if (from === 'dockerfile-ast' && !isTypeOnly(declaration))
      found.push(`${where(source, declaration)} imports dockerfile-ast values (the model holds the parsed Dockerfile)`);
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (PARSERS.has(imported)) found.push(`${where(source, element)} imports ${imported}: rules read the parsed model`);
      if (MODEL_BUILDERS.has(imported)) found.push(`${where(source, element)} imports ${imported}: read the fact from the model`);
    }
  }
  const visit = (node: ts.Node): void => {
    // Compose: a mapping's or sequence's raw items miss YAML merge keys and aliases (a host_ip
    // merged from an anchor was once reported as all interfaces); the Compose reader applies them.
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'items')
      found.push(`${where(source, node)} reads raw YAML .items: use the Compose reader (fieldOf, fieldItems, service.get)`);
    if (ts.isIdentifier(node) && node.text === 'keyName' && !ts.isImportSpecifier(node.parent))
      found.push(`${where(source, node)} matches YAML keys by name: use the Compose reader (fieldOf, service.get)`);
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'parent')
      found.push(`${where(source, node)} reads .parent: use stage.base, lineage(stage) or a model fact`);
    // Sibling files (.dockerignore, a copied .npmrc or entrypoint script) are read once per lint and
    // parsed into the model's build context; a rule reading one itself reads and parses it again.
    if (ts.isIdentifier(node) && node.text === 'readFile')
      found.push(`${where(source, node)} reads a file: use the model's facts (model.buildContext)`);
    if (ts.isStringLiteral(node) && node.text === 'SHELL' && !MAY_NAME_SHELL.has(name))
      found.push(`${where(source, node)} looks at SHELL instructions: use model.shellAt(stage, instruction)`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Imports of a model-directory module that resolve into engine/rules. */
export function importsOfRules(source: ts.SourceFile): string[] {
  return imports(source)
    .filter((declaration) => {
      const from = (declaration.moduleSpecifier as ts.StringLiteral).text;
      if (!from.startsWith('.')) return false;
      const target = path.resolve(path.dirname(source.fileName), from);
      return target === RULES || target.startsWith(RULES + path.sep);
    })
    .map((declaration) => `${where(source, declaration)} imports ${(declaration.moduleSpecifier as ts.StringLiteral).text}`);
}

describe('engine architecture (issue 19)', () => {
  it('no rule walks FROM chains, works out the SHELL, reads or parses a file itself', () => {
    const files = tsFiles(RULES);
    assert.ok(files.length > 50, `expected the rule files under ${RULES}`);
    const violations = files.flatMap((file) => ruleViolations(parse(file)));
    assert.deepEqual(violations, []);
  });

  it('no module under engine/compose or engine/dockerfile imports from engine/rules', () => {
    const files = MODEL_DIRS.flatMap(tsFiles);
    assert.ok(files.length > 20, 'expected the model modules');
    assert.deepEqual(
      files.flatMap((file) => importsOfRules(parse(file))),
      [],
    );
  });

  // The checks above pass on a clean tree; these show they catch what they are meant to.
  describe('the checks find what they look for', () => {
    const rule = (text: string) => ruleViolations(parse(path.join(RULES, 'example.ts'), text));

    it('a FROM-chain walk, a SHELL lookup and a parse in a rule', () => {
      const found = rule(
        [
          "import { DockerfileParser } from 'dockerfile-ast';",
          "import { parseShell } from '../dockerfile/shell';",
          "import { readRunScripts } from '../dockerfile/run-script';",
          'export function f(stage, instruction) {',
          '  for (let s = stage; s; s = s.parent) void s;',
          "  return instruction.getKeyword() === 'SHELL';",
          '}',
        ].join('\n'),
      );
      assert.equal(found.length, 6, found.join('\n'));
      assert.match(found.join('\n'), /imports dockerfile-ast values/);
      assert.match(found.join('\n'), /imports DockerfileParser/);
      assert.match(found.join('\n'), /imports parseShell/);
      assert.match(found.join('\n'), /imports readRunScripts/);
      assert.match(found.join('\n'), /example\.ts:5 reads \.parent/);
      assert.match(found.join('\n'), /example\.ts:6 looks at SHELL/);
    });

    it('a rule reading a sibling file, called or taken from the context', () => {
      const found = rule(
        [
          'export function f(ctx) {',
          "  const text = ctx.readFile('.dockerignore');",
          '  const { readFile } = ctx;',
          "  return [text, readFile('.npmrc')];",
          '}',
        ].join('\n'),
      );
      assert.equal(found.length, 3, found.join('\n'));
      assert.match(found.join('\n'), /example\.ts:2 reads a file/);
      assert.match(found.join('\n'), /example\.ts:3 reads a file/);
      assert.match(found.join('\n'), /example\.ts:4 reads a file/);
    });

    it('raw YAML items and key matching in a Compose rule', () => {
      const found = rule(
        [
          "import { keyName } from '../compose/model';",
          'export function f(map) {',
          "  return map.items.find((p) => keyName(p.key) === 'host_ip');",
          '}',
        ].join('\n'),
      );
      assert.equal(found.length, 2, found.join('\n'));
      assert.match(found.join('\n'), /example\.ts:3 reads raw YAML \.items/);
      assert.match(found.join('\n'), /example\.ts:3 matches YAML keys by name/);
    });

    it('type-only imports of dockerfile-ast and model facts are fine', () => {
      const found = rule(
        [
          "import type { Instruction } from 'dockerfile-ast';",
          "import { type Run } from 'dockerfile-ast';",
          "import { lineage } from '../dockerfile/model';",
          'export function f(ctx, stage, instruction: Instruction) {',
          '  return [stage.base.isScratch, lineage(stage), ctx.model.shellAt(stage, instruction), ctx.model.runScripts,',
          '    ctx.model.workdirAt(stage, instruction).set, ctx.model.buildContext.dockerignore?.leaked];',
          '}',
        ].join('\n'),
      );
      assert.deepEqual(found, []);
    });

    it('a model module importing a rule', () => {
      const source = parse(
        path.join(ENGINE, 'compose', 'example.ts'),
        "import { editDistance } from '../rules/syntax-error';\nimport { lineage } from '../dockerfile/model';\n",
      );
      assert.deepEqual(importsOfRules(source), ['compose/example.ts:1 imports ../rules/syntax-error']);
    });
  });
});
