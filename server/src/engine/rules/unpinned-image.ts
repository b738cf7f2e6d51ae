import { composeImages, dockerfileImages, type ImageReference } from '../image-references';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';

// Databases whose data directory a new major version cannot simply open: PostgreSQL needs
// pg_upgrade or a dump/restore (postgres image docs, "PGDATA"), MySQL/MariaDB upgrade in place only
// one major at a time and never back, MongoDB only from the previous major with the right
// featureCompatibilityVersion. A tag with no major version (`postgres:alpine`, `mariadb:lts`,
// `mysql:oracle`, `mongo:windowsservercore`) floats to the next major on the next pull.
const STATEFUL_IMAGES = new Set([
  'docker.io/library/postgres',
  'docker.io/library/mysql',
  'docker.io/library/mariadb',
  'docker.io/library/mongo',
  'docker.io/library/percona',
  'docker.io/library/cassandra',
  'docker.io/library/couchdb',
  'docker.io/library/neo4j',
  'docker.io/library/influxdb',
  'docker.io/postgis/postgis',
  'docker.io/bitnami/postgresql',
  'docker.io/bitnami/mysql',
  'docker.io/bitnami/mariadb',
  'docker.io/bitnami/mongodb',
  'container-registry.oracle.com/mysql/community-server',
]);

function floatsAcrossMajors(ref: ImageReference['ref']): boolean {
  return (
    ref.tag !== undefined &&
    ref.tag !== 'latest' &&
    !/^v?\d/.test(ref.tag) &&
    STATEFUL_IMAGES.has(`${ref.registry}/${ref.repository}`)
  );
}

function report(ctx: DockerfileContext | ComposeContext, images: ImageReference[]): void {
  for (const image of images) {
    const { ref } = image;
    if (ref.digest) continue;
    if (floatsAcrossMajors(ref)) {
      const name = ref.raw.slice(0, ref.raw.length - ref.tag!.length - 1);
      ctx.report({
        range: image.range,
        service: image.service,
        message: `Image "${ref.raw}" has no major version in its tag, so the next pull can bring a new major release whose on-disk format the existing data does not match (the database fails to start or needs an upgrade step); pin the major version (e.g. "${name}:<major>-${ref.tag!}")`,
      });
      continue;
    }
    if (ref.tag !== undefined && ref.tag !== 'latest') continue;
    const problem = ref.tag === 'latest' ? 'uses the "latest" tag' : 'has no tag, so it means "latest"';
    ctx.report({
      range: image.range,
      service: image.service,
      message: `Image "${ref.raw}" ${problem}: builds change whenever it moves; pin a version tag (e.g. "${ref.raw.replace(/:latest$/, '')}:<version>") or a digest (@sha256:...)`,
    });
  }
}

export default defineRule({
  id: 'unpinned-image',
  title: 'Image not pinned to a version',
  category: 'security',
  severity: 'warning',
  refs: {
    cis: '4.2',
    cwe: 'CWE-1357',
    hadolint: ['DL3006', 'DL3007'],
    kics: ['Image Version Not Explicit', "Image Version Using 'latest'"],
    checkov: ['CKV_DOCKER_7'],
    trivy: ['DS001'],
  },
  docs: {
    why: 'An image without a tag, or with `latest`, resolves to whatever was pushed last: the same Dockerfile or Compose file builds and runs different software from one day to the next, a compromised or broken upstream release arrives unnoticed, and rollbacks are guesswork. Database images (postgres, mysql, mariadb, mongo, percona, cassandra, couchdb, neo4j, influxdb, postgis, their Bitnami builds) are also flagged on a tag without a major version (`postgres:alpine`, `mariadb:lts`, `mysql:oracle`): the next pull can bring a new major release that cannot open the existing data directory. ARG defaults in FROM and `${VAR:-default}` in Compose are expanded before the check; a reference that stays unresolved is not guessed at.',
    bad: 'FROM node\nFROM python:latest\n\nservices:\n  db:\n    image: postgres:alpine',
    good: 'FROM node:22.11-bookworm-slim\nFROM python:3.13-slim@sha256:<digest>\n\nservices:\n  db:\n    image: postgres:17.2',
    fix: 'Pin a version tag, or better, a digest: "Pin to digest" (editor, with `shipshape.network.resolveDigests` on) or `shipshape pin` asks the registry for the digest the tag points to now and appends it.',
  },
  reach: 'stage',
  dockerfile: (ctx) => report(ctx, dockerfileImages(ctx.model)),
  compose: (ctx) => report(ctx, composeImages(ctx.model)),
});
