import type { ShipshapeConfig } from './config';
import { globMatches } from './glob';
import { fullName, isOfficialImage, type ImageRef } from './image-ref';

/**
 * Sources trusted out of the box: Docker Official Images plus vendor registries that sign and
 * maintain their images. Entries are `registry/path` prefixes matched at a path boundary.
 */
export const DEFAULT_TRUSTED_SOURCES = [
  'mcr.microsoft.com',
  'gcr.io/distroless',
  'cgr.dev/chainguard',
  'registry.access.redhat.com',
  'registry.k8s.io',
  'public.ecr.aws/docker/library',
];

interface Candidates {
  names: string[];
  /** The names and the names with the tag, when there is one; made for the first pattern that can match a tag. */
  all?: string[];
}

// Every pattern list (trusted sources, publishers, non-root images) is matched against the same
// few refs of a file, once per stage and rule: the names are worked out once per ref.
const candidatesByRef = new WeakMap<ImageRef, Candidates>();

function candidatesOf(ref: ImageRef): Candidates {
  let candidates = candidatesByRef.get(ref);
  if (!candidates) {
    candidates = { names: candidateNames(ref), all: undefined };
    candidatesByRef.set(ref, candidates);
  }
  return candidates;
}

function withTags(ref: ImageRef, candidates: Candidates): string[] {
  const { names } = candidates;
  return (candidates.all ??= ref.tag ? [...names, ...names.map((n) => `${n}:${ref.tag}`)] : names);
}

/** The names a user may mean by an entry: as written (without tag/digest) and normalised. */
function candidateNames(ref: ImageRef): string[] {
  const at = ref.raw.indexOf('@');
  const withoutDigest = at === -1 ? ref.raw : ref.raw.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const written = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
  // At most four names, kept in order without repeats (a list, not a Set spread into one).
  const names = [written];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  add(fullName(ref));
  if (ref.registry === 'docker.io') {
    add(ref.repository);
    if (ref.repository.startsWith('library/')) add(ref.repository.slice(8));
  }
  return names;
}

/** Prefix at a path boundary (`ghcr.io/acme` matches `ghcr.io/acme/api`, not `ghcr.io/acmecorp`), or a glob. */
export function matchesImagePattern(ref: ImageRef, pattern: string): boolean {
  const { entry, below, glob, tagged } = patternOf(pattern);
  if (!entry) return false;
  // A name with its tag (`name:tag`) can only match an entry with a `:` or a glob: the others are
  // matched against the names alone, and most refs never make the tagged names.
  const candidates = candidatesOf(ref);
  const names = tagged ? withTags(ref, candidates) : candidates.names;
  // Loops rather than some() with a closure: this runs for every built-in pattern on every image.
  for (const name of names) {
    // The linear matcher, not a regex: the pattern comes from the linted repository's config.
    if (glob ? globMatches(entry, name) : name === entry || name.startsWith(below)) return true;
  }
  return false;
}

interface Pattern {
  /** Trimmed, without trailing slashes; empty matches nothing. */
  entry: string;
  /** What a name under the entry starts with. */
  below: string;
  glob: boolean;
  /** A glob, or an entry with a `:` (which a tag follows): may match a name with its tag. */
  tagged: boolean;
}

// The built-in lists and a config's few entries, each read once rather than per image and stage.
// Bounded: a pattern is cheap to read again, and the cache must not grow with what it is fed.
const patterns = new Map<string, Pattern>();
const MAX_PATTERNS = 1000;

function patternOf(text: string): Pattern {
  let pattern = patterns.get(text);
  if (!pattern) {
    let entry = text.trim();
    while (entry.endsWith('/')) entry = entry.slice(0, -1);
    const glob = /[*?[\]{}]/.test(entry);
    pattern = { entry, below: `${entry}/`, glob, tagged: glob || entry.includes(':') };
    if (patterns.size < MAX_PATTERNS) patterns.set(text, pattern);
  }
  return pattern;
}

/**
 * Well-known publishers: namespaces and registries that belong to the vendor or project that
 * builds the software, so "use an official or vendor image" is already done. They vouch for an
 * image only while no trust policy is configured (`trustedRegistries`/`trustedImages`); a policy
 * is the organisation's own list and is enforced as written.
 *
 * Source: Docker Hub namespaces shown with the "Verified Publisher" or "Sponsored OSS" badge
 * (https://docs.docker.com/docker-hub/repos/manage/trusted-content/) and the registries those
 * vendors document as their own download location. To add one, append `prefix: publisher` below
 * (a `registry/namespace` prefix, matched at a path boundary) with the page that shows the
 * publisher owns it in the pull request; docs/adr/003-trust-and-network.md explains the policy.
 */
export const WELL_KNOWN_PUBLISHERS: Readonly<Record<string, string>> = {
  // Docker Hub namespaces of the vendor or project
  'docker.io/amazon': 'Amazon Web Services',
  'docker.io/apache': 'Apache Software Foundation',
  'docker.io/bitnami': 'Bitnami (Broadcom)',
  'docker.io/clickhouse': 'ClickHouse',
  'docker.io/cloudflare': 'Cloudflare',
  'docker.io/confluentinc': 'Confluent',
  'docker.io/curlimages': 'the curl project',
  'docker.io/datadog': 'Datadog',
  'docker.io/docker': 'Docker',
  'docker.io/elastic': 'Elastic',
  'docker.io/envoyproxy': 'Envoy (CNCF)',
  'docker.io/gitlab': 'GitLab',
  'docker.io/grafana': 'Grafana Labs',
  'docker.io/hashicorp': 'HashiCorp',
  'docker.io/jaegertracing': 'Jaeger (CNCF)',
  'docker.io/jenkins': 'the Jenkins project',
  'docker.io/jetbrains': 'JetBrains',
  'docker.io/kong': 'Kong',
  'docker.io/localstack': 'LocalStack',
  'docker.io/minio': 'MinIO',
  'docker.io/mongodb': 'MongoDB',
  'docker.io/mysql': 'Oracle (MySQL)',
  'docker.io/nginx': 'F5 NGINX',
  'docker.io/nginxinc': 'F5 NGINX',
  'docker.io/nvidia': 'NVIDIA',
  'docker.io/opensearchproject': 'OpenSearch',
  'docker.io/otel': 'OpenTelemetry (CNCF)',
  'docker.io/percona': 'Percona',
  'docker.io/portainer': 'Portainer',
  'docker.io/prom': 'Prometheus (CNCF)',
  'docker.io/rancher': 'SUSE Rancher',
  'docker.io/redhat': 'Red Hat',
  'docker.io/redis': 'Redis',
  'docker.io/timescale': 'Timescale',
  'docker.io/traefik': 'Traefik Labs',
  'docker.io/ubuntu': 'Canonical',
  'docker.io/valkey': 'the Valkey project (Linux Foundation)',
  // Registries the vendor or project runs, or its namespace on a shared registry
  'docker.elastic.co': 'Elastic',
  'docker.mirror.hashicorp.services': 'HashiCorp',
  'container-registry.oracle.com': 'Oracle',
  'nvcr.io/nvidia': 'NVIDIA',
  'public.ecr.aws/amazonlinux': 'Amazon Web Services',
  'public.ecr.aws/aws-cli': 'Amazon Web Services',
  'public.ecr.aws/lambda': 'Amazon Web Services',
  'quay.io/coreos': 'Red Hat',
  'quay.io/jupyter': 'Project Jupyter',
  'quay.io/keycloak': 'Keycloak (CNCF)',
  'quay.io/minio': 'MinIO',
  'quay.io/prometheus': 'Prometheus (CNCF)',
  'ghcr.io/open-telemetry': 'OpenTelemetry (CNCF)',
  'registry.gitlab.com/gitlab-org': 'GitLab',
};

const PUBLISHER_ENTRIES = Object.entries(WELL_KNOWN_PUBLISHERS);

/** The well-known publisher whose namespace or registry holds the image, if any. */
export function wellKnownPublisher(ref: ImageRef): string | undefined {
  for (const [prefix, publisher] of PUBLISHER_ENTRIES) {
    if (matchesImagePattern(ref, prefix)) return publisher;
  }
  return undefined;
}

/** Whether `.shipshape.yaml` (or the editor settings) write down a trust policy of their own. */
export function hasTrustPolicy(config: ShipshapeConfig): boolean {
  return config.trustedRegistries.length > 0 || config.trustedImages.length > 0;
}

/**
 * The namespace an image is published under: `registry/first-path-segment`
 * (`ghcr.io/acme/api` -> `ghcr.io/acme`, `acme/api` -> `docker.io/acme`); undefined for Docker
 * Official Images, which have none of their own.
 */
export function publisherNamespace(ref: ImageRef): string | undefined {
  if (isOfficialImage(ref)) return undefined;
  const slash = ref.repository.indexOf('/');
  return slash === -1 ? ref.registry : `${ref.registry}/${ref.repository.slice(0, slash)}`;
}

export function isTrustedImage(ref: ImageRef, config: ShipshapeConfig): boolean {
  if (isOfficialImage(ref)) return true;
  return (
    matchesAny(ref, DEFAULT_TRUSTED_SOURCES) || matchesAny(ref, config.trustedRegistries) || matchesAny(ref, config.trustedImages)
  );
}

/**
 * Images whose default user is not root: distroless `nonroot` tags and Chainguard images (whose
 * `-dev` variants run as root so a shell and package manager work), plus the config's list.
 */
// Vendor images whose Dockerfile ends with a non-root USER: Jupyter's docker-stacks
// (`USER ${NB_UID}`, jovyan), nginx-unprivileged (101), Grafana (472), the Prometheus project's
// server and exporters (nobody), Keycloak (1000).
const NON_ROOT_VENDOR_IMAGES = [
  'quay.io/jupyter',
  'docker.io/jupyter',
  'docker.io/nginxinc/nginx-unprivileged',
  'docker.io/grafana/grafana',
  'docker.io/grafana/grafana-oss',
  'docker.io/grafana/grafana-enterprise',
  'docker.io/prom/prometheus',
  'docker.io/prom/alertmanager',
  'docker.io/prom/node-exporter',
  'docker.io/prom/pushgateway',
  'docker.io/prom/blackbox-exporter',
  'quay.io/prometheus/prometheus',
  'quay.io/prometheus/alertmanager',
  'quay.io/prometheus/node-exporter',
  'quay.io/keycloak/keycloak',
];

// `gcr.io/distroless/...` and `cgr.dev/chainguard/...`, asked of the registry and repository
// apart: `fullName(ref).startsWith(...)` made and flattened a new string on every call, and stages
// ask this for every image in their FROM chain.
const isUnder = (ref: ImageRef, registry: string, namespace: string): boolean =>
  ref.registry === registry && ref.repository.startsWith(namespace);

export function isKnownNonRootImage(ref: ImageRef, config: ShipshapeConfig): boolean {
  const tag = ref.tag ?? 'latest';
  if (isUnder(ref, 'gcr.io', 'distroless/') && /(^|-)nonroot(-|$)/.test(tag)) return true;
  if (isUnder(ref, 'cgr.dev', 'chainguard/') && !/(^|-)dev$/.test(tag)) return true;
  return matchesAny(ref, NON_ROOT_VENDOR_IMAGES) || matchesAny(ref, config.nonRootImages);
}

/** Whether `ref` matches one of the patterns. A loop, not some() with a closure over the ref: it runs for every image of every stage's chain. */
export function matchesAny(ref: ImageRef, patterns: readonly string[]): boolean {
  for (const pattern of patterns) if (matchesImagePattern(ref, pattern)) return true;
  return false;
}

export function isDistroless(ref: ImageRef): boolean {
  return isUnder(ref, 'gcr.io', 'distroless/') || isUnder(ref, 'cgr.dev', 'chainguard/');
}

// Windows container images: Microsoft's base images (mcr.microsoft.com/windows/servercore,
// /nanoserver, /server, mcr.microsoft.com/windows, the legacy Docker Hub microsoft/* names),
// .NET Framework images (Windows-only), and the Windows variants official images publish as tags
// (`golang:1.23-windowsservercore-ltsc2022`, `dotnet/sdk:8.0-nanoserver-1809`, `caddy:2-windowsservercore`).
const WINDOWS_REPOSITORY =
  /(?:^|\/)(?:windows|windowsservercore|nanoserver|servercore)(?:\/(?:servercore|nanoserver|server))?(?:[:@]|$)/i;
const WINDOWS_FRAMEWORK = /(?:^|\/)dotnet\/framework\//i;
const WINDOWS_TAG = /[:\-_.](?:windowsservercore|nanoserver|servercore|ltsc20\d\d)(?:[-_.@]|$)/i;

/**
 * Whether an image reference (expanded, or as written when a variable stays unresolved) names a
 * Windows container image. Windows containers have no root account: processes run as
 * ContainerAdministrator or ContainerUser, and `USER 10001:10001` is not a valid user there.
 */
export function isWindowsImage(reference: string): boolean {
  const text = reference.trim();
  if (!text) return false;
  // Only the part after the last `/` can carry a tag; the repository path is judged on its own.
  return WINDOWS_REPOSITORY.test(text) || WINDOWS_FRAMEWORK.test(text) || WINDOWS_TAG.test(text.slice(text.lastIndexOf('/') + 1));
}
