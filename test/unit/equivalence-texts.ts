// The texts the equivalence tests hold a replaced scan to its reference on: the real-world corpus
// (when present), the repository's fixtures, examples, docs and tests, and each as other editors
// and platforms write it.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const MAX_FILE = 512 * 1024;

export const corpusAvailable = fs.existsSync(CORPUS);

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') filesUnder(full, out);
    } else if (entry.isFile() && fs.statSync(full).size <= MAX_FILE) out.push(full);
  }
  return out;
}

/** [name, text] of every text file under the folders (no NUL bytes, at most 512 KB). */
function texts(files: string[]): [string, string][] {
  return files.flatMap((file): [string, string][] => {
    const text = fs.readFileSync(file, 'utf8');
    return text.includes('\u0000') ? [] : [[path.relative(ROOT, file), text]];
  });
}

export function repositoryTexts(): [string, string][] {
  return texts(['test', 'examples', 'docs', 'bench'].flatMap((dir) => filesUnder(path.join(ROOT, dir))));
}

export function corpusTexts(): [string, string][] {
  return texts(filesUnder(CORPUS));
}

/** The text as written, with CRLF, with lone CRs, with a BOM, in upper case and in lower case. */
export function variants(text: string): [string, string][] {
  return [
    ['as written', text],
    ['CRLF', text.replace(/\r?\n/g, '\r\n')],
    ['lone CR', text.replace(/\r?\n/g, '\r')],
    ['BOM', `\ufeff${text}`],
    ['upper case', text.toUpperCase()],
    ['lower case', text.toLowerCase()],
  ];
}
