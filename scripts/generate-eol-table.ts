// Regenerates server/src/engine/eol-table.ts, the end-of-life table the eol-base-image rule reads,
// from the endoflife.date product files (MIT) in ../shared/data/endoflife/ (or the folder given as
// the first argument). `npm run eol-data` runs it; test/unit/eol-table.test.ts fails when the
// committed table differs from what this script makes of the data.
//
// The engine is pure (no fs, no network), so the dates are compiled in: a few kilobytes for the
// products base images are built from. Which date counts is chosen here, per product, as "the end
// of the free security updates that reach the image" (see DATE_CHOICE below).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const TABLE_PATH = path.join(__dirname, '../server/src/engine/eol-table.ts');
export const DEFAULT_DATA_DIR = path.join(__dirname, '../../shared/data/endoflife');

interface ProductSpec {
  /** The product file's name without `.md`. */
  file: string;
  /** Which release field is the end of the updates an image gets. */
  date: 'eol' | 'eoes';
  /** What that date is, for messages and docs. */
  basis: string;
  /** Whether image tags use the release codenames. */
  codenames?: boolean;
}

// Debian: the Docker Official `debian` images keep getting security updates through Debian LTS
// (https://wiki.debian.org/LTS), which endoflife.date records as `eoes`; bookworm is fixed until
// 2028, not 2026. Ubuntu: `eol` is the end of standard support; ESM (`eoes`) needs an Ubuntu Pro
// subscription the image does not have (https://ubuntu.com/about/release-cycle). Runtimes and
// servers: the upstream end of life (`eol`), after which no release carries security fixes.
const PRODUCTS: ProductSpec[] = [
  { file: 'debian', date: 'eoes', basis: 'end of Debian LTS', codenames: true },
  { file: 'ubuntu', date: 'eol', basis: 'end of standard support (ESM needs a subscription)', codenames: true },
  { file: 'alpine-linux', date: 'eol', basis: 'end of security support' },
  { file: 'centos', date: 'eol', basis: 'end of life' },
  { file: 'centos-stream', date: 'eol', basis: 'end of life' },
  { file: 'rhel', date: 'eol', basis: 'end of maintenance support' },
  { file: 'almalinux', date: 'eol', basis: 'end of security support' },
  { file: 'rocky-linux', date: 'eol', basis: 'end of security support' },
  { file: 'oracle-linux', date: 'eol', basis: 'end of premier support' },
  { file: 'fedora', date: 'eol', basis: 'end of life' },
  { file: 'amazon-linux', date: 'eol', basis: 'end of security support' },
  { file: 'opensuse', date: 'eol', basis: 'end of life' },
  { file: 'python', date: 'eol', basis: 'upstream end of life' },
  { file: 'nodejs', date: 'eol', basis: 'upstream end of life' },
  { file: 'go', date: 'eol', basis: 'upstream end of support' },
  { file: 'php', date: 'eol', basis: 'upstream end of security support' },
  { file: 'ruby', date: 'eol', basis: 'upstream end of life' },
  { file: 'eclipse-temurin', date: 'eol', basis: 'upstream end of life' },
  { file: 'amazon-corretto', date: 'eol', basis: 'upstream end of life' },
  { file: 'dotnet', date: 'eol', basis: 'upstream end of support' },
  { file: 'postgresql', date: 'eol', basis: 'upstream end of life' },
  { file: 'mysql', date: 'eol', basis: 'upstream end of life' },
  { file: 'mariadb', date: 'eol', basis: 'end of community support' },
  { file: 'redis', date: 'eol', basis: 'upstream end of life' },
  { file: 'valkey', date: 'eol', basis: 'upstream end of life' },
  { file: 'mongodb', date: 'eol', basis: 'upstream end of life' },
  { file: 'nginx', date: 'eol', basis: 'upstream end of life' },
  { file: 'apache-http-server', date: 'eol', basis: 'upstream end of life' },
  { file: 'tomcat', date: 'eol', basis: 'upstream end of life' },
  { file: 'haproxy', date: 'eol', basis: 'upstream end of life' },
  { file: 'memcached', date: 'eol', basis: 'upstream end of life' },
  { file: 'rabbitmq', date: 'eol', basis: 'end of community support' },
  { file: 'traefik', date: 'eol', basis: 'end of security support' },
  { file: 'elasticsearch', date: 'eol', basis: 'end of support' },
  { file: 'kibana', date: 'eol', basis: 'end of support' },
  { file: 'opensearch', date: 'eol', basis: 'end of maintenance support' },
];

interface RawRelease {
  releaseCycle?: unknown;
  codename?: unknown;
  releaseDate?: unknown;
  eol?: unknown;
  eoes?: unknown;
  lts?: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function frontMatter(text: string, file: string): { title: string; releases: RawRelease[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new Error(`${file}: no YAML front matter`);
  const data = parse(match[1]!) as { title?: unknown; releases?: unknown };
  if (typeof data.title !== 'string' || !Array.isArray(data.releases)) throw new Error(`${file}: no title or releases`);
  return { title: data.title, releases: data.releases as RawRelease[] };
}

/** A date field as the table stores it: the date, `true` (ended, date unknown) or null (none announced). */
function endOf(value: unknown): string | true | null {
  if (typeof value === 'string' && DATE.test(value)) return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === true) return true;
  return null;
}

function render(dataDir: string): string {
  const readme = fs.readFileSync(path.join(dataDir, 'README.md'), 'utf8');
  const source = /at\s+commit\s+([0-9a-f]{40})\s+\((\d{4}-\d{2}-\d{2})\)/.exec(readme);
  if (!source) throw new Error(`${dataDir}/README.md does not name the source commit and its date`);
  const lines: string[] = [
    '// GENERATED by scripts/generate-eol-table.ts (`npm run eol-data`) from ../shared/data/endoflife/: do not edit.',
    '// Data: endoflife.date (https://github.com/endoflife-date/endoflife.date, MIT licence), products/ at',
    `// commit ${source[1]}.`,
    '',
    '/** A release line: [cycle, released, end of updates (date; true = ended, date unknown; null = none announced), codename, LTS]. */',
    'export type EolRelease = readonly [string, string, string | true | null, (string | null)?, true?];',
    '',
    'export interface EolProduct {',
    '  /** The product as endoflife.date names it. */',
    '  name: string;',
    '  /** Which end date the table holds for it. */',
    '  basis: string;',
    '  /** Newest first. */',
    '  releases: readonly EolRelease[];',
    '}',
    '',
    '/** The date of the endoflife.date snapshot the table was extracted from. */',
    `export const EOL_DATA_DATE = '${source[2]}';`,
    '',
    '/** endoflife.date product id -> its release lines. */',
    'export const EOL_TABLE: Readonly<Record<string, EolProduct>> = {',
  ];
  for (const spec of PRODUCTS) {
    const file = `${spec.file}.md`;
    const { title, releases } = frontMatter(fs.readFileSync(path.join(dataDir, file), 'utf8'), file);
    const rows = releases
      .filter((r) => (typeof r.releaseCycle === 'string' || typeof r.releaseCycle === 'number') && endOf(r.releaseDate))
      .map((r) => {
        const chosen = spec.date === 'eoes' && endOf(r.eoes) !== null ? endOf(r.eoes) : endOf(r.eol);
        // Image tags name Debian and Ubuntu releases by codename (`bookworm`, `jammy`: the first word
        // of "Jammy Jellyfish"); other products' codenames never appear in tags.
        const codename = spec.codenames && typeof r.codename === 'string' ? r.codename.split(' ')[0]!.toLowerCase() : undefined;
        const lts = r.lts === true || (typeof r.lts === 'string' && DATE.test(r.lts)) || r.lts instanceof Date;
        return { cycle: String(r.releaseCycle), released: endOf(r.releaseDate) as string, end: chosen, codename, lts };
      })
      .sort((a, b) => (a.released < b.released ? 1 : a.released > b.released ? -1 : 0));
    lines.push(
      `  '${spec.file}': {`,
      `    name: ${JSON.stringify(title)},`,
      `    basis: ${JSON.stringify(spec.basis)},`,
      '    releases: [',
    );
    for (const row of rows) {
      const cells = [JSON.stringify(row.cycle), JSON.stringify(row.released), JSON.stringify(row.end)];
      if (row.codename || row.lts) cells.push(row.codename ? JSON.stringify(row.codename) : 'null');
      if (row.lts) cells.push('true');
      lines.push(`      [${cells.join(', ')}],`);
    }
    lines.push('    ],', '  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** The table file's text for the data in `dataDir`, formatted as the repository's Prettier settings say. */
export async function renderEolTable(dataDir = DEFAULT_DATA_DIR): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(TABLE_PATH)) ?? {};
  return prettier.format(render(dataDir), { ...options, filepath: TABLE_PATH });
}

if (require.main === module) {
  const dataDir = path.resolve(process.argv[2] ?? DEFAULT_DATA_DIR);
  renderEolTable(dataDir)
    .then((text) => {
      fs.writeFileSync(TABLE_PATH, text);
      console.log(`wrote ${path.relative(process.cwd(), TABLE_PATH)} from ${dataDir}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
