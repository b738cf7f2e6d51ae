// The rule fixtures on disk (DESIGN.md "Tests as data"): which files in test/rules/<rule-id>/ are
// fixtures, their kind, their optional `<name>.shipshape.yaml` and the config they are linted with.
// Shared by the fixture runner and the fix-parity test, so both judge the same files the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  detectKind,
  kindByExtension,
  mergeConfig,
  parseConfig,
  ruleById,
  type FileKind,
  type PartialConfig,
  type ShipshapeConfig,
} from '../../server/src/engine';

export const FIXTURES_ROOT = __dirname;

export interface RuleFixture {
  ruleId: string;
  name: string;
  file: string;
  kind: FileKind;
  /** Where the text after the rule's preferred fixes is kept. */
  fixedFile: string;
  /** The fixture's own config file, as written. */
  ownConfig: PartialConfig;
  /** Problems in that config file (a fixture's config must have none). */
  configProblems: readonly unknown[];
  /** What the fixture is linted with: its own config, with the folder's rule on even when its preset default is off. */
  config: ShipshapeConfig;
}

/** A fixture's kind, or undefined for snapshots, expected outputs and configs beside the fixtures. */
export function fixtureKind(name: string): FileKind | undefined {
  // `Dockerfile.findings` (the snapshot of a fixture named `Dockerfile`) is not a Dockerfile.
  if (/\.findings$/.test(name)) return undefined;
  if (/\.shipshape\.ya?ml$/.test(name) || /\.fixed\./.test(name) || name.endsWith('.fixed')) return undefined;
  // `Dockerfile`, or `<case>.Dockerfile` / `<case>.yaml`: the kind whose files carry that extension.
  return detectKind(name) ?? kindByExtension(name);
}

export function fixedPathFor(file: string): string {
  const ext = path.extname(file);
  return ext === '.yaml' || ext === '.yml' ? file.slice(0, -ext.length) + '.fixed' + ext : file + '.fixed';
}

export function ruleFixtures(): RuleFixture[] {
  const fixtures: RuleFixture[] = [];
  for (const ruleId of fs.readdirSync(FIXTURES_ROOT).sort()) {
    const dir = path.join(FIXTURES_ROOT, ruleId);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const kind = fixtureKind(name);
      if (!kind || !fs.statSync(file).isFile()) continue;
      const configFile = file.replace(/\.(ya?ml|Dockerfile)$/, '') + '.shipshape.yaml';
      const parsed = fs.existsSync(configFile) ? parseConfig(fs.readFileSync(configFile, 'utf8')) : { config: {}, problems: [] };
      const rule = ruleById(ruleId);
      const forceOn = rule && rule.severity === 'off' && !parsed.config.rules?.[ruleId] ? { rules: { [ruleId]: 'info' as const } } : {};
      fixtures.push({
        ruleId,
        name,
        file,
        kind,
        fixedFile: fixedPathFor(file),
        ownConfig: parsed.config,
        configProblems: parsed.problems,
        config: mergeConfig(parsed.config, forceOn),
      });
    }
  }
  return fixtures;
}
