// The YAML files the repository holds (rule fixtures, test projects, the example): the equivalence
// tests of the Compose engine's own walks and conversions run over every one of them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RepositoryYamlFile {
  /** Relative to the repository root, for a failure message. */
  name: string;
  text: string;
}

const ROOT = path.join(__dirname, '..', '..');

export function repositoryYamlFiles(): RepositoryYamlFile[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ['test', 'examples']) walk(path.join(ROOT, dir));
  // Fewer would mean the walk lost its way, and an equivalence test over nothing passes.
  if (files.length <= 50) throw new Error(`found only ${files.length} YAML files under test/ and examples/`);
  return files.map((file) => ({ name: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
}
