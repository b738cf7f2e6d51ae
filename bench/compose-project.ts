// What a Compose project costs (issue #20): each file of a project is linted with the project's
// other files loaded and merged (ADR 007), so a project of k files parses about k^2 documents per
// full lint. This times the lint of every file of a synthetic project (a base, its override, an
// extends fragment and an include) with its project, and of the same files alone (a reader that
// finds nothing). Run: npx tsx bench/compose-project.ts
import { lint, type LintInput } from '../server/src/engine';

function project(services: number): Record<string, string> {
  const base = ['include:', '  - monitoring.yaml', 'services:'];
  const override = ['services:'];
  for (let i = 0; i < services; i++) {
    base.push(
      `  svc${i}:`,
      `    image: registry.example/app${i}:1.${i}`,
      '    extends:',
      '      file: common.yaml',
      '      service: base',
    );
    base.push('    environment:', `      - INDEX=${i}`, '      - MODE=prod');
    override.push(
      `  svc${i}:`,
      '    ports:',
      `      - "127.0.0.1:${8000 + i}:80"`,
      '    environment:',
      `      DEBUG: "${i % 2}"`,
    );
  }
  return {
    'compose.yaml': base.join('\n') + '\n',
    'compose.override.yaml': override.join('\n') + '\n',
    'common.yaml':
      'services:\n  base:\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n',
    'monitoring.yaml': 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.0\n    network_mode: host\n',
  };
}

function timeAll(files: Record<string, string>, withProject: boolean, rounds: number): number {
  const inputs: LintInput[] = Object.entries(files).map(([path, text]) => ({
    text,
    kind: 'compose',
    path,
    readFile: withProject ? (p: string) => files[p] : () => undefined,
  }));
  for (const input of inputs) lint(input); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const input of inputs) lint(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

console.log('| services | lines | alone (ms, 4 files) | as a project (ms) | ratio |');
console.log('|---:|---:|---:|---:|---:|');
for (const services of [10, 100, 500]) {
  const files = project(services);
  const lines = Object.values(files).reduce((n, text) => n + text.split('\n').length - 1, 0);
  const rounds = services >= 500 ? 5 : 15;
  const alone = timeAll(files, false, rounds);
  const together = timeAll(files, true, rounds);
  console.log(`| ${services} | ${lines} | ${alone.toFixed(1)} | ${together.toFixed(1)} | ${(together / alone).toFixed(2)}x |`);
}
