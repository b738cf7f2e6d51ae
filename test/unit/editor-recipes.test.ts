// The README's editor recipes for editors CI cannot run (Helix, Zed, and Emacs without a server
// round trip): each parses, starts the package's language-server bin with --stdio, and covers
// both file kinds. Neovim's recipes run for real in test/e2e/neovim.e2e.ts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editorRecipe } from '../editor-recipes';

const bins = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { bin: Record<string, string> })
  .bin;

type TomlValue = string | string[];

/**
 * The TOML Helix's languages.toml recipe uses: `[table]`, `[[array.of.tables]]`, and keys set to a
 * string or a list of strings. Anything else fails the test, so the recipe stays this simple.
 */
function parseSimpleToml(text: string): {
  tables: Record<string, Record<string, TomlValue>>;
  arrays: Record<string, Record<string, TomlValue>[]>;
} {
  const tables: Record<string, Record<string, TomlValue>> = {};
  const arrays: Record<string, Record<string, TomlValue>[]> = {};
  let current: Record<string, TomlValue> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let match: RegExpExecArray | null;
    if ((match = /^\[\[([\w.-]+)\]\]$/.exec(line))) (arrays[match[1]!] ??= []).push((current = {}));
    else if ((match = /^\[([\w.-]+)\]$/.exec(line))) current = tables[match[1]!] = {};
    else if ((match = /^([\w-]+) = (.+)$/.exec(line)) && current) current[match[1]!] = JSON.parse(match[2]!) as TomlValue;
    else throw new Error(`unexpected TOML line: ${line}`);
  }
  return { tables, arrays };
}

describe('README editor recipes', () => {
  it('the package has the bin every recipe starts', () => {
    assert.ok(bins['shipshape-language-server']);
  });

  it('Helix: one server, attached to both the dockerfile and the docker-compose language', () => {
    const toml = parseSimpleToml(editorRecipe('helix'));
    assert.deepEqual(toml.tables['language-server.shipshape'], { command: 'shipshape-language-server', args: ['--stdio'] });
    const languages = toml.arrays.language!;
    assert.deepEqual(
      languages.map((l) => l.name),
      ['dockerfile', 'docker-compose'],
    );
    for (const language of languages)
      assert.ok((language['language-servers'] as string[]).includes('shipshape'), String(language.name));
  });

  it('Emacs: the server program for Dockerfile and YAML modes, and eglot only for Compose names', () => {
    const elisp = editorRecipe('emacs');
    assert.match(elisp, /\("shipshape-language-server" "--stdio"\)/);
    for (const mode of ['dockerfile-mode', 'yaml-mode', 'docker-compose-mode']) assert.ok(elisp.includes(mode), mode);
    // The Compose name test, as Emacs reads the string: \\` is \` (start of string) and so on.
    const pattern = /string-match-p "((?:[^"\\]|\\.)*)"/.exec(elisp)![1]!.replace(/\\\\/g, '\\');
    const emacsRegex = new RegExp(pattern.replace('\\`', '^').replace("\\'", '$').replace(/\\\(/g, '(').replace(/\\\)/g, ')'));
    for (const name of ['compose.yaml', 'compose.override.yml', 'docker-compose.yml', 'docker-compose.prod.yaml'])
      assert.ok(emacsRegex.test(name), name);
    for (const name of ['values.yaml', 'my-compose.yaml', 'compose.yaml.bak']) assert.ok(!emacsRegex.test(name), name);
  });

  it('Zed: JSON naming the bin for the Dockerfile and YAML languages', () => {
    const settings = JSON.parse(editorRecipe('zed')) as {
      lsp: Record<string, { binary: { path: string; arguments: string[] } }>;
      languages: Record<string, { language_servers: string[] }>;
    };
    assert.deepEqual(settings.lsp.shipshape!.binary, { path: 'shipshape-language-server', arguments: ['--stdio'] });
    for (const language of ['Dockerfile', 'YAML'])
      assert.ok(settings.languages[language]!.language_servers.includes('shipshape'));
  });

  it('Neovim: both recipes start the bin with --stdio and one client per root', () => {
    const old = editorRecipe('neovim-0.7');
    assert.match(old, /cmd = \{ 'shipshape-language-server', '--stdio' \}/);
    assert.match(old, /shipshape_clients\[root\]/);
    const current = editorRecipe('neovim-0.11');
    assert.match(current, /vim\.lsp\.config\('shipshape'/);
    assert.match(current, /filetypes = \{ 'dockerfile', 'yaml\.docker-compose' \}/);
  });
});
