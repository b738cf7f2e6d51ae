import { stagesInBuild } from '../dockerfile/shipped-stages';
import { EOL_DATA_DATE, EOL_TABLE, type EolProduct, type EolRelease } from '../eol-table';
import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import type { ImageRef } from '../image-ref';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Severity } from '../types';

// Approaching end of life: reported at info this many days ahead, time enough to plan the move.
const WARN_DAYS = 90;
// The table is compiled in; after this many days it may miss lines that ended since, and says so.
const STALE_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

// Docker Official Images (`name`, `library/name`) and their mirrors, by short name -> product.
const OFFICIAL: Readonly<Record<string, string>> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine-linux',
  centos: 'centos',
  fedora: 'fedora',
  amazonlinux: 'amazon-linux',
  almalinux: 'almalinux',
  rockylinux: 'rocky-linux',
  oraclelinux: 'oracle-linux',
  python: 'python',
  node: 'nodejs',
  golang: 'go',
  php: 'php',
  ruby: 'ruby',
  'eclipse-temurin': 'eclipse-temurin',
  // The `openjdk` image is deprecated (its page says so); its tags name the Java line, judged by
  // the OpenJDK builds that still get updates (Temurin).
  openjdk: 'eclipse-temurin',
  amazoncorretto: 'amazon-corretto',
  postgres: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mariadb',
  redis: 'redis',
  mongo: 'mongodb',
  nginx: 'nginx',
  httpd: 'apache-http-server',
  tomcat: 'tomcat',
  haproxy: 'haproxy',
  memcached: 'memcached',
  rabbitmq: 'rabbitmq',
  traefik: 'traefik',
  elasticsearch: 'elasticsearch',
  kibana: 'kibana',
};

// Publisher images whose tags follow the upstream version, by registry/repository -> product.
const VENDOR: Readonly<Record<string, string>> = {
  'mcr.microsoft.com/dotnet/sdk': 'dotnet',
  'mcr.microsoft.com/dotnet/aspnet': 'dotnet',
  'mcr.microsoft.com/dotnet/runtime': 'dotnet',
  'mcr.microsoft.com/dotnet/runtime-deps': 'dotnet',
  'mcr.microsoft.com/dotnet/core/sdk': 'dotnet',
  'mcr.microsoft.com/dotnet/core/aspnet': 'dotnet',
  'mcr.microsoft.com/dotnet/core/runtime': 'dotnet',
  'mcr.microsoft.com/dotnet/core/runtime-deps': 'dotnet',
  'public.ecr.aws/amazonlinux/amazonlinux': 'amazon-linux',
  'quay.io/centos/centos': 'centos-stream',
  'registry.fedoraproject.org/fedora': 'fedora',
  'docker.io/rockylinux/rockylinux': 'rocky-linux',
  'docker.io/opensuse/leap': 'opensuse',
  'docker.io/valkey/valkey': 'valkey',
  'docker.io/opensearchproject/opensearch': 'opensearch',
  'docker.elastic.co/elasticsearch/elasticsearch': 'elasticsearch',
  'docker.elastic.co/kibana/kibana': 'kibana',
  'docker.io/bitnami/postgresql': 'postgresql',
  'docker.io/bitnami/mysql': 'mysql',
  'docker.io/bitnami/mariadb': 'mariadb',
  'docker.io/bitnami/redis': 'redis',
  'docker.io/bitnami/mongodb': 'mongodb',
  'docker.io/bitnami/python': 'python',
  'docker.io/bitnami/node': 'nodejs',
};

// Registries that serve Docker Official Images under `library/` (Docker Hub, AWS ECR Public's
// Docker Official Images mirror, Google's Docker Hub mirror).
const OFFICIAL_MIRRORS: readonly [string, string][] = [
  ['docker.io', 'library/'],
  ['public.ecr.aws', 'docker/library/'],
  ['mirror.gcr.io', 'library/'],
];

function officialName(ref: ImageRef): string | undefined {
  for (const [registry, prefix] of OFFICIAL_MIRRORS) {
    if (ref.registry !== registry || !ref.repository.startsWith(prefix)) continue;
    const name = ref.repository.slice(prefix.length);
    return name.includes('/') ? undefined : name;
  }
  return undefined;
}

/** A release line an image is built from, and what it is (the image's own product or its base). */
interface Line {
  productId: string;
  product: EolProduct;
  release: EolRelease;
  /** `Python 3.8`, `Debian 10 (buster)`. */
  label: string;
  /** Set when the line is the OS under the image (a codename or `alpine3.18` in its tag). */
  base: boolean;
}

function labelOf(product: EolProduct, release: EolRelease): string {
  const codename = release[3];
  return `${product.name} ${release[0]}${codename ? ` (${codename})` : ''}`;
}

function line(productId: string, release: EolRelease | undefined, base: boolean): Line | undefined {
  const product = EOL_TABLE[productId];
  if (!product || !release) return undefined;
  return { productId, product, release, label: labelOf(product, release), base };
}

// Each release's cycle (`3.8`) split into its parts, once per product rather than on every lookup.
const cyclesByProduct = new Map<EolProduct, readonly (readonly string[])[]>();

function cyclesOf(product: EolProduct): readonly (readonly string[])[] {
  let cycles = cyclesByProduct.get(product);
  if (!cycles) {
    cycles = product.releases.map((release) => release[0].split('.'));
    cyclesByProduct.set(product, cycles);
  }
  return cycles;
}

/** Whether the first `length` parts of `a` and `b` are the same. */
function samePrefix(a: readonly string[], b: readonly string[], length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The release line a version names. `3.8.10` is in line `3.8`, `14.2` in `14`; a version less
 * specific than the lines (`redis:6`, `python:3`) follows the newest line under it, which is what
 * the tag points to.
 */
function releaseFor(product: EolProduct, version: string): EolRelease | undefined {
  const parts = version.split('.');
  const cycles = cyclesOf(product);
  let best: EolRelease | undefined;
  let bestLength = 0;
  for (let r = 0; r < cycles.length; r++) {
    const cycle = cycles[r]!;
    if (cycle.length <= parts.length && cycle.length > bestLength && samePrefix(cycle, parts, cycle.length)) {
      best = product.releases[r];
      bestLength = cycle.length;
    }
  }
  if (best) return best;
  // Releases are newest first: the first line the version is a prefix of is the newest.
  for (let r = 0; r < cycles.length; r++) {
    const cycle = cycles[r]!;
    if (cycle.length > parts.length && samePrefix(parts, cycle, parts.length)) return product.releases[r];
  }
  return undefined;
}

// The leading version of a tag: `3.8-slim` -> 3.8, `v2.7` -> 2.7, `8u332-jre` -> 8. Bounded, so linear.
const LEADING_VERSION = /^v?(\d{1,9}(?:\.\d{1,9}){0,5})(?![\d])/;
// `alpine3.18` inside a tag (`python:3.8-alpine3.12`): the Alpine release under the image.
const ALPINE_SEGMENT = /^alpine(\d{1,3}\.\d{1,3})$/;
// Red Hat Universal Base Images name the RHEL major in the repository: ubi8/ubi, ubi9-minimal, redhat/ubi8.
const UBI_REPOSITORY = /^(?:redhat\/)?ubi(\d{1,2})(?:[/-]|$)/;
const RED_HAT_REGISTRIES = new Set(['registry.access.redhat.com', 'registry.redhat.io', 'docker.io']);

const codenames = new Map<string, Line>();
for (const productId of ['debian', 'ubuntu']) {
  for (const release of EOL_TABLE[productId]?.releases ?? []) {
    const found = release[3] ? line(productId, release, true) : undefined;
    if (found && release[3]) codenames.set(release[3], found);
  }
}

/** The release lines an image reference is built from, as far as its name and tag tell. */
export function releaseLinesOf(ref: ImageRef): Line[] {
  const lines: Line[] = [];
  const short = officialName(ref);
  const ubi = RED_HAT_REGISTRIES.has(ref.registry) ? UBI_REPOSITORY.exec(ref.repository) : null;
  if (ubi) {
    const found = line('rhel', EOL_TABLE['rhel'] && releaseFor(EOL_TABLE['rhel'], ubi[1]!), false);
    if (found) lines.push(found);
  }
  const productId = short !== undefined ? OFFICIAL[short] : VENDOR[`${ref.registry}/${ref.repository}`];
  // Other images only get their distro checked when they follow the Docker Official Images tag
  // scheme (`-bookworm`, `-alpine3.20`) or are a publisher image known to.
  if (short === undefined && productId === undefined && !ubi) return lines;
  const tag = ref.tag;
  if (tag === undefined) return lines;
  const tagLower = tag.toLowerCase();
  if (productId) {
    const product = EOL_TABLE[productId]!;
    // CentOS Stream tags are `stream9`, `stream9-minimal`.
    const version = LEADING_VERSION.exec(productId === 'centos-stream' ? tagLower.replace(/^stream/, '') : tagLower);
    const found = version ? line(productId, releaseFor(product, version[1]!), false) : undefined;
    if (found) lines.push(found);
  }
  for (const segment of tagLower.split(/[-_]/)) {
    const codename = codenames.get(segment);
    if (codename) lines.push(codename);
    const alpine = ALPINE_SEGMENT.exec(segment);
    const alpineProduct = EOL_TABLE['alpine-linux'];
    const found = alpine && alpineProduct ? line('alpine-linux', releaseFor(alpineProduct, alpine[1]!), true) : undefined;
    if (found) lines.push(found);
  }
  // `debian:bookworm` names its own release by codename: one line, not two. A tag names a few
  // lines at most, so they are compared with those kept rather than keyed in a map.
  const unique: Line[] = [];
  for (const found of lines) {
    if (!isListed(unique, found)) unique.push({ ...found, base: found.base && found.productId !== productId });
  }
  return unique;
}

function isListed(lines: readonly Line[], found: Line): boolean {
  for (const kept of lines) if (kept.productId === found.productId && kept.release[0] === found.release[0]) return true;
  return false;
}

/** `YYYY-MM-DD` of the day the rule judges against: the config's `eolReferenceDate`, else today (UTC). */
function referenceDay(ctx: DockerfileContext | ComposeContext): string {
  return ctx.config.eolReferenceDate ?? today();
}

/**
 * `YYYY-MM-DD` (UTC) of a time, as `toISOString()` begins, for years 0-9999. Written from the UTC
 * fields: the first `toISOString()` of a process took 1-1.4 ms (4-7 ms on a busy machine), more than
 * this rule's own work on a one-file CLI run.
 */
export function utcDay(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

// The day is written out once per UTC day, not once per lint.
let todayNumber = NaN;
let todayText = '';

function today(): string {
  const now = Date.now();
  const day = Math.floor(now / DAY_MS);
  if (day !== todayNumber) {
    todayNumber = day;
    todayText = utcDay(now);
  }
  return todayText;
}

let ageDay = '';
let ageDays = 0;

/** Days from EOL_DATA_DATE to `day`: the same day for every lint of a run. */
function dataAgeOn(day: string): number {
  if (day !== ageDay) {
    ageDays = daysBetween(EOL_DATA_DATE, day);
    ageDay = day;
  }
  return ageDays;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The newest line still supported on `day`; an LTS line when the product has them. */
function newestSupported(product: EolProduct, day: string): EolRelease | undefined {
  const supported = product.releases.filter((r) => r[2] === null || (typeof r[2] === 'string' && r[2] > day));
  return supported.find((r) => r[4] === true) ?? supported[0];
}

interface Verdict {
  severity: Severity | undefined;
  text: string;
}

function verdictFor(found: Line, day: string): Verdict | undefined {
  const end = found.release[2];
  if (end === null) return undefined;
  const subject = found.base ? `its base ${found.label}` : found.label;
  const next = newestSupported(found.product, day);
  const suggestion =
    next && next !== found.release
      ? `; move to a supported line (newest: ${next[0]}${next[3] ? ` ${next[3]}` : ''})`
      : next
        ? ''
        : `; no ${found.product.name} release is supported any more${found.productId === 'centos' ? ': move to a maintained RHEL-compatible image (ubi9, almalinux:9, rockylinux:9)' : ''}`;
  if (end === true) return { severity: undefined, text: `${subject} has reached its end of life${suggestion}` };
  if (end <= day)
    return {
      severity: undefined,
      text: `${subject} reached its ${found.product.basis} on ${end} and gets no more security fixes${suggestion}`,
    };
  const days = daysBetween(day, end);
  if (days > WARN_DAYS) return undefined;
  return {
    severity: 'info',
    text: `${subject} reaches its ${found.product.basis} on ${end} (in ${days} day${days === 1 ? '' : 's'})${suggestion.replace('; move to', '; plan the move to')}`,
  };
}

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  const day = referenceDay(ctx);
  const age = dataAgeOn(day);
  const staleNote =
    age > STALE_DAYS
      ? ` (Shipshape's end-of-life data is from ${EOL_DATA_DATE}, ${age} days old: lines that ended since are not known; update Shipshape)`
      : '';
  for (const image of images) {
    let verdicts: Verdict[] | undefined;
    for (const found of releaseLinesOf(image.ref)) {
      const verdict = verdictFor(found, day);
      if (verdict) (verdicts ??= []).push(verdict);
    }
    if (!verdicts) continue;
    // One finding per reference: a warning when any line has ended, info when all are only close.
    const ended = verdicts.some((v) => v.severity === undefined);
    const where = image.service ? ` (service "${image.service}")` : '';
    ctx.report({
      range: image.range,
      service: image.service,
      ...(ended ? {} : { severity: 'info' as const }),
      message: `Image "${image.ref.raw}"${where}: ${verdicts.map((v) => v.text).join('; ')}${staleNote}`,
    });
  }
}

export default defineRule({
  id: 'eol-base-image',
  title: 'Image past its end of life',
  category: 'security',
  severity: 'warning',
  refs: { cis: '4.4', cwe: 'CWE-1104', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: [
      'An image built on a release line that reached its end of life gets no more security fixes: every vulnerability found since stays in it, however often it is rebuilt. The rule maps the tag to the release of the OS, runtime or server it installs (`python:3.8-slim`, `node:14-alpine`, `debian:stretch`, `ubuntu:18.04`, `centos:7`, `postgres:11`, `mcr.microsoft.com/dotnet/aspnet:6.0`, Red Hat `ubi8`) and to the distribution under it when the tag names one (`python:3.12-buster` is Debian 10, `node:20-alpine3.16` is Alpine 3.16).',
      '',
      'Which date counts is the end of the free security updates that actually reach the image: Debian, the end of Debian LTS (bookworm images keep getting fixes until 2028); Ubuntu, the end of standard support (ESM needs an Ubuntu Pro subscription the image does not have); Alpine, RHEL/UBI, Alma, Rocky, Oracle Linux, Fedora, Amazon Linux, CentOS, openSUSE, the end of security support; runtimes and servers (Python, Node.js, Go, PHP, Ruby, Temurin/openjdk, Corretto, .NET, PostgreSQL, MySQL, MariaDB community, Redis, Valkey, MongoDB, nginx, httpd, Tomcat, HAProxy, memcached, RabbitMQ community, Traefik, Elasticsearch, Kibana, OpenSearch), the upstream end of life. A tag less specific than a release line (`redis:6`) follows the newest line under it.',
      '',
      'The dates come from endoflife.date (MIT), compiled into a table that `npm run eol-data` regenerates; the message says when that data is more than 180 days old. A release ending within 90 days is reported at info. Digest-only references, tags without a version (`latest`, `lts`, `stable`), references that stay unresolved after ARG/`${VAR:-default}` expansion, and Dockerfile stages a plain build never runs (neither the final stage nor built FROM, copied or mounted from by it) are not reported. Set `eolReferenceDate: YYYY-MM-DD` in `.shipshape.yaml` to judge against a fixed day (reproducible CI).',
    ].join('\n'),
    bad: 'FROM python:3.8-slim\n\nservices:\n  db:\n    image: postgres:11',
    good: 'FROM python:3.13-slim\n\nservices:\n  db:\n    image: postgres:17',
    fix: 'None automatic: a new release line can change behaviour. Move to the supported line the message names (test the application on it), or to a distribution-less image (distroless, Chainguard) that is rebuilt continuously.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const built = stagesInBuild(ctx.model);
    // FROM only: `COPY --from=<image>` takes files out of an image rather than building on it.
    report(
      ctx,
      dockerfileImages(ctx.model).filter((image) => image.stage && built.has(image.stage)),
    );
  },
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
