import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDocs, withFileNames, withRulesTable } from './render-docs';

const root = path.join(__dirname, '..');
const rulesDir = path.join(root, 'docs/rules');
fs.mkdirSync(rulesDir, { recursive: true });
fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
const files = renderDocs();
for (const name of fs.readdirSync(rulesDir)) {
  if (!files.has(`docs/rules/${name}`)) fs.rmSync(path.join(rulesDir, name));
}
for (const [file, content] of files) fs.writeFileSync(path.join(root, file), content);
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, withFileNames(withRulesTable(fs.readFileSync(readmePath, 'utf8'))));
console.log(`wrote ${files.size} docs files, the README rules table and its file names`);
