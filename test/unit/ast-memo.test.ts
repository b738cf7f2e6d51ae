// The dockerfile-ast caches (ast-memo) share one result per instruction with every caller, so no
// accessor may depend on the order callers happen to ask in, and none may hand out an array that
// dockerfile-ast itself mutates.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ast from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { installAstMemo } from '../../server/src/engine/dockerfile/ast-memo';

type Api = Record<string, () => unknown>;

const values = (args: unknown) => (args as ast.Argument[]).map((arg) => arg.getValue());
const names = (flags: unknown) => (flags as ast.Flag[]).map((flag) => flag.getName());

/** What each accessor answers when asked in `order` on a fresh parse of `text`. */
function answers(text: string, order: string[]): { args: string[]; raw: string[]; flags: string[]; range: unknown }[] {
  installAstMemo();
  return ast.DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => {
      const api = instruction as unknown as Api;
      for (const name of order) api[name]?.call(instruction);
      return {
        args: values(api.getArguments!.call(instruction)),
        raw: values(api.getRawArguments!.call(instruction)),
        flags: api.getFlags ? names(api.getFlags.call(instruction)) : [],
        range: api.getArgumentsRange!.call(instruction),
      };
    });
}

const TEXTS = [
  'FROM --platform=linux/amd64 alpine:3.20 AS build',
  'COPY --from=build --chown=1:1 /a /b',
  'ADD --checksum=sha256:abc https://x/y /z',
  'RUN --mount=type=cache,target=/root/.cache --network=none pip install x',
  'HEALTHCHECK --interval=5s --timeout=3s CMD curl -f http://localhost/ || exit 1',
  'CMD ["--flag", "x"]',
  'ENTRYPOINT --not-a-flag x',
  'FROM alpine',
];

describe('dockerfile-ast caches (ast-memo)', () => {
  it('replaces every class that defines the argument or flag accessors', () => {
    // argumentsAfterFlags and the getFlags guard stand in for ModifiableInstruction's methods; a
    // dockerfile-ast that overrides them anywhere else needs the same treatment there.
    const owners: string[] = [];
    for (const [name, exported] of Object.entries(ast))
      for (const method of ['getArguments', 'getRawArguments', 'getFlags'])
        if (typeof exported === 'function' && Object.prototype.hasOwnProperty.call(exported.prototype, method))
          owners.push(`${name}.${method}`);
    assert.deepStrictEqual(owners.sort(), [
      'Instruction.getArguments',
      'Instruction.getRawArguments',
      'ModifiableInstruction.getArguments',
      'ModifiableInstruction.getFlags',
    ]);
  });

  it('answers the same whichever accessor is asked first', () => {
    for (const text of TEXTS) {
      const argumentsFirst = answers(text, ['getArguments', 'getFlags']);
      assert.deepStrictEqual(answers(text, ['getFlags', 'getArguments']), argumentsFirst, text);
      assert.deepStrictEqual(answers(text, ['getArgumentsRange', 'getFlags']), argumentsFirst, text);
      assert.deepStrictEqual(answers(text, ['getRawArguments']), argumentsFirst, text);
    }
  });

  it('takes the flags off the arguments, and leaves the raw arguments whole', () => {
    const [from] = answers(TEXTS[0]!, ['getFlags']);
    assert.deepStrictEqual(from, {
      args: ['alpine:3.20', 'AS', 'build'],
      raw: ['--platform=linux/amd64', 'alpine:3.20', 'AS', 'build'],
      flags: ['platform'],
      range: from!.range,
    });
    const [run] = answers(TEXTS[3]!, ['getArguments', 'getArguments']);
    assert.deepStrictEqual(run!.args, ['pip', 'install', 'x']);
    assert.equal(run!.raw.length, 5);
  });

  it('answers the same whichever accessor is asked first, on every fixture', () => {
    const dir = path.resolve(__dirname, '../rules');
    let compared = 0;
    for (const rule of fs.readdirSync(dir)) {
      const folder = path.join(dir, rule);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const file of fs.readdirSync(folder)) {
        if (!/dockerfile/i.test(file) || /\.(findings|fixed)$/.test(file)) continue;
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        assert.deepStrictEqual(answers(text, ['getFlags']), answers(text, ['getArguments']), file);
        compared++;
      }
    }
    assert.ok(compared > 50, `only ${compared} fixtures`);
  });
  it('builds each instruction once, and again only where a heredoc moves its end', () => {
    installAstMemo();
    const statics = Parser as unknown as { createInstruction: (...args: unknown[]) => ast.Instruction };
    const original = statics.createInstruction;
    let built = 0;
    statics.createInstruction = function (this: unknown, ...args: unknown[]) {
      built++;
      return original.apply(this, args);
    };
    try {
      const plain = ast.DockerfileParser.parse('FROM alpine\nRUN apk add x\nCOPY a /b\nENV A=1\nUSER app\n');
      assert.equal(built, 5, 'one instance per instruction');
      assert.deepStrictEqual(
        plain.getInstructions().map((i) => i.getArguments().map((a) => a.getValue())),
        [['alpine'], ['apk', 'add', 'x'], ['a', '/b'], ['A=1'], ['app']],
      );
      built = 0;
      const heredoc = ast.DockerfileParser.parse('FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<EOT /x\nbody\nEOT\n');
      assert.equal(built, 5, 'the heredoc probes are built again over the heredoc');
      const [, run, copy] = heredoc.getInstructions();
      assert.equal(run!.getRange().end.line, 3);
      assert.deepStrictEqual(
        (run as ast.Run).getHeredocs().map((h) => [h.getName(), h.getContentRange()?.start.line]),
        [['EOF', 2]],
      );
      assert.equal(copy!.getRange().end.line, 6);
    } finally {
      statics.createInstruction = original;
    }
  });
});
