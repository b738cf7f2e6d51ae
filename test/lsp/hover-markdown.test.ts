// Hovers are Markdown and findings quote file text: whatever a file says, a hover never renders a
// link, an image or HTML from it. Rendered with markdown-it with HTML and linkify on (the most
// permissive an editor could be), in a unit test and through the real server.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { escapeControlCharacters } from '../../server/src/engine/control-characters';
import { imageInfoMarkdown } from '../../server/src/engine/image-info';
import { codeSpan, escapeMarkdown } from '../../server/src/engine/markdown';
import { TestClient } from './lsp-client';

const IMAGE_BEACON = '![t](https://attacker.example/t.png)';
const HOSTILE = [
  IMAGE_BEACON,
  '[Rule documentation](https://attacker.example/docs)',
  '<img src="https://attacker.example/i.png">',
  'https://attacker.example/bare and www.attacker.example and me@attacker.example',
  '`code` and ``` fence and ` lone',
  'first\n\n# heading\n\n[ref]: https://attacker.example/ref\n[ref]',
  '**bold** _em_ ~~strike~~ &amp; &#x3C;',
  '\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007\u001b[31mred',
  '`',
  ' x ',
  '',
];

const markdown = new MarkdownIt({ html: true, linkify: true });

/** Tags in rendered HTML other than paragraphs, code and the given allowed ones. */
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z0-9]+)[^>]*>/gi)].map((m) => m[1]!.toLowerCase()).filter((t) => t !== 'p' && t !== 'code');
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n$/, '');
}

describe('hover Markdown: file text is inert', () => {
  it('escapeMarkdown renders every hostile text as exactly its characters, with no link, image or HTML', () => {
    for (const text of HOSTILE) {
      const html = markdown.render(escapeMarkdown(text));
      assert.deepEqual(tags(html), [], `${JSON.stringify(text)} -> ${html}`);
      // A paragraph drops leading and trailing spaces; nothing else changes.
      assert.equal(textOf(html), escapeControlCharacters(text, { tabs: true }).trim(), JSON.stringify(text));
    }
  });

  it('codeSpan renders every hostile text as one code span of exactly its characters', () => {
    for (const text of HOSTILE) {
      const html = markdown.render(`Image ${codeSpan(text)} here`);
      assert.deepEqual(tags(html), [], `${JSON.stringify(text)} -> ${html}`);
      const code = /<code>([\s\S]*)<\/code>/.exec(html);
      assert.ok(code, html);
      assert.equal(textOf(code[1]!), escapeControlCharacters(text, { tabs: true }) || ' ', JSON.stringify(text));
    }
  });

  it('the image hover shows file names in code spans', () => {
    const value = imageInfoMarkdown({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      written: IMAGE_BEACON,
      resolved: `ghcr.io/acme/app:${IMAGE_BEACON}`,
      registry: '[r](https://attacker.example/r)',
      repository: 'acme/app',
      tag: IMAGE_BEACON,
      official: false,
      trusted: false,
      pinned: 'tag',
      nonRoot: false,
    });
    const html = markdown.render(value);
    assert.deepEqual(
      tags(html).filter((t) => !['strong', 'ul', 'li'].includes(t)),
      [],
      html,
    );
    assert.doesNotMatch(html, /href=|src=/);
  });
});

describe('hover Markdown through the language server', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-hover-'));
    client = new TestClient();
    await client.initialize(dir);
  });

  after(async () => {
    if (client) await client.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`a Compose key ${IMAGE_BEACON} is quoted in the hover but renders no image or link`, async () => {
    const uri = `file://${path.join(dir, 'compose.yaml')}`;
    const text = [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      `    "${IMAGE_BEACON}": 1`,
      `    "[Rule documentation](https://attacker.example/docs)": 2`,
      '',
    ].join('\n');
    await client.open(uri, 'dockercompose', text);
    await client.waitForDiagnostics(uri, (d: Diagnostic[]) => d.some((x) => /attacker/.test(JSON.stringify(x.message))));
    for (const line of [3, 4]) {
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 8 },
      });
      const value = (hover!.contents as { value: string }).value;
      assert.match(value, /attacker/, 'the key is quoted');
      const html = markdown.render(value);
      assert.doesNotMatch(html, /<img/, html);
      // The only link a hover has is Shipshape's own rule documentation.
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(links.length > 0 && links.every((href) => !href!.includes('attacker')), links.join(', '));
    }
  });
});
