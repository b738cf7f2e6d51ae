// Verifies the packaged VSIX: present, under 1 MB, bundles included, no node_modules.
import * as fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const file = `shipshape-${pkg.version}.vsix`;
const LIMIT = 1024 * 1024;
const fail = (message) => {
  console.error(`check-vsix: ${message}`);
  process.exit(1);
};

/** Entry names from a zip's central directory (no unzip binary needed). */
function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1) fail(`${file} is not a zip archive`);
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) fail(`${file} has a corrupt central directory`);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

if (!fs.existsSync(file)) fail(`${file} is missing; run npm run package`);
const size = fs.statSync(file).size;
const listing = zipEntries(fs.readFileSync(file));
console.log(`${file}: ${(size / 1024).toFixed(0)} KB, ${listing.length} files`);
if (size > LIMIT) fail(`${file} is ${(size / 1024).toFixed(0)} KB, over the 1 MB budget`);
if (listing.some((entry) => entry.includes('node_modules/'))) fail('the VSIX contains node_modules');
const sources = listing.filter((entry) => /^extension\/(server|client|test|bench|scripts|\.ci)\//.test(entry));
if (sources.length > 0) fail(`the VSIX contains sources or tests: ${sources.slice(0, 5).join(', ')}`);
// package.json "files" now decides what both the npm package and the VSIX hold (vsce refuses a
// .vscodeignore beside it): check the extension still gets its schema, grammar and rule docs.
for (const required of [
  'extension/dist/server.js',
  'extension/dist/client.js',
  'extension/package.json',
  'extension/schemas/shipshape.schema.json',
  'extension/syntaxes/shipshape-ignore.injection.json',
  'extension/docs/rules/README.md',
]) {
  if (!listing.includes(required)) fail(`the VSIX lacks ${required}`);
}
