// The end-of-life table and the eol-base-image rule: the committed table is what the script makes
// of the data (`npm run eol-data`), and the rule agrees with the table for every release line of
// the images it maps.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { lint, mergeConfig, parseConfig, type Finding } from '../../server/src/engine';
import { EOL_DATA_DATE, EOL_TABLE } from '../../server/src/engine/eol-table';
import { DEFAULT_DATA_DIR, renderEolTable, TABLE_PATH } from '../../scripts/generate-eol-table';

const DAY = '2026-09-01';

function eolFindings(text: string, kind: 'dockerfile' | 'compose', day = DAY): Finding[] {
  return lint({ text, kind }, mergeConfig({ eolReferenceDate: day })).findings.filter((f) => f.ruleId === 'eol-base-image');
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('eol-base-image and its table', () => {
  it('the committed table is up to date with the data (run `npm run eol-data`)', async function () {
    if (!fs.existsSync(DEFAULT_DATA_DIR)) this.skip();
    assert.equal(fs.readFileSync(TABLE_PATH, 'utf8'), await renderEolTable(DEFAULT_DATA_DIR), 'eol-table.ts is stale');
  });

  it('the table records the date of its data and holds the products the rule names', () => {
    assert.match(EOL_DATA_DATE, /^\d{4}-\d{2}-\d{2}$/);
    for (const product of ['debian', 'ubuntu', 'alpine-linux', 'python', 'nodejs', 'postgresql', 'dotnet', 'rhel'])
      assert.ok((EOL_TABLE[product]?.releases.length ?? 0) > 0, product);
  });

  // Image -> the product its tag versions. Every release line of the product, as a tag, must be
  // reported exactly as the table says on the reference day.
  const IMAGES: [string, string][] = [
    ['debian', 'debian'],
    ['ubuntu', 'ubuntu'],
    ['alpine', 'alpine-linux'],
    ['python', 'python'],
    ['node', 'nodejs'],
    ['golang', 'go'],
    ['php', 'php'],
    ['ruby', 'ruby'],
    ['eclipse-temurin', 'eclipse-temurin'],
    ['mcr.microsoft.com/dotnet/runtime', 'dotnet'],
    ['postgres', 'postgresql'],
    ['mysql', 'mysql'],
    ['mariadb', 'mariadb'],
    ['redis', 'redis'],
    ['mongo', 'mongodb'],
    ['nginx', 'nginx'],
    ['httpd', 'apache-http-server'],
    ['amazonlinux', 'amazon-linux'],
    ['fedora', 'fedora'],
    ['centos', 'centos'],
  ];
  for (const [image, productId] of IMAGES) {
    it(`${image}: every release line is judged as the table says`, () => {
      const product = EOL_TABLE[productId]!;
      for (const [cycle, , end] of product.releases) {
        const findings = eolFindings(`FROM ${image}:${cycle}\n`, 'dockerfile');
        const label = `${image}:${cycle} (end ${String(end)})`;
        if (end === null || (typeof end === 'string' && end > addDays(DAY, 90))) {
          assert.deepEqual(findings, [], label);
        } else if (end === true || end <= DAY) {
          assert.equal(findings.length, 1, label);
          assert.equal(findings[0]!.severity, 'warning', label);
          if (end !== true) assert.ok(findings[0]!.message.includes(end), `${label}: ${findings[0]!.message}`);
        } else {
          assert.equal(findings.length, 1, label);
          assert.equal(findings[0]!.severity, 'info', label);
        }
      }
    });
  }

  it('Debian is judged by the end of LTS, Ubuntu by the end of standard support', () => {
    // Debian 12: security team support ends 2026-06-10, LTS 2028-06-30.
    assert.deepEqual(eolFindings('FROM debian:bookworm\n', 'dockerfile', '2027-01-01'), []);
    const [ubuntu] = eolFindings('FROM ubuntu:focal\n', 'dockerfile');
    assert.match(ubuntu!.message, /Ubuntu 20\.04 \(focal\) reached its end of standard support.* on 2025-05-31/);
  });

  it('names the newest supported line and both lines of a runtime on an ended distro', () => {
    const [finding] = eolFindings('FROM node:16-buster-slim\n', 'dockerfile');
    assert.match(finding!.message, /Node\.js 16 reached .* on 2023-09-11/);
    assert.match(finding!.message, /its base Debian 10 \(buster\) reached .* on 2024-06-30/);
    assert.match(finding!.message, /newest: 13 trixie/);
  });

  it('says when its data is old', () => {
    const [fresh] = eolFindings('FROM python:3.6\n', 'dockerfile');
    assert.doesNotMatch(fresh!.message, /days old/);
    const [stale] = eolFindings('FROM python:3.6\n', 'dockerfile', addDays(EOL_DATA_DATE, 400));
    assert.match(stale!.message, new RegExp(`end-of-life data is from ${EOL_DATA_DATE}, 400 days old`));
  });

  it('Compose: a finding names its service and is info while the end is near', () => {
    const [finding] = eolFindings('services:\n  db:\n    image: postgres:14\n', 'compose');
    assert.equal(finding!.severity, 'info');
    assert.match(finding!.message, /service "db".*reaches its upstream end of life on 2026-11-12 \(in 72 days\)/);
  });

  it('eolReferenceDate is validated', () => {
    assert.equal(parseConfig('eolReferenceDate: "2026-09-01"\n').config.eolReferenceDate, '2026-09-01');
    assert.equal(parseConfig('eolReferenceDate: 2026-09-01\n').config.eolReferenceDate, '2026-09-01');
    assert.equal(parseConfig('eolReferenceDate: soon\n').problems.length, 1);
    assert.equal(parseConfig('eolReferenceDate: 20260901\n').problems.length, 1);
  });
});
