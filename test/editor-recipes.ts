// The editor recipes as README.md shows them: each is a fenced block after an
// `<!-- editor-recipe: NAME -->` marker, so the tests run or check exactly what users copy.
import * as fs from 'node:fs';
import * as path from 'node:path';

const README = path.join(__dirname, '../README.md');

export function editorRecipe(name: string): string {
  const text = fs.readFileSync(README, 'utf8');
  const marker = `<!-- editor-recipe: ${name} -->`;
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no ${marker}`);
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`README.md has no fenced block after ${marker}`);
  return block[1]!;
}
