import { copyOperands, isRemoteSource } from '../dockerfile/copy-operands';
import { lineage, type Stage } from '../dockerfile/model';
import { unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

// Credential files by exact name: dotenv, package-registry and cloud credentials.
const BY_NAME: Record<string, string> = {
  '.env': 'a dotenv file with secrets',
  '.npmrc': 'an npm credentials file',
  '.yarnrc.yml': 'a Yarn credentials file',
  '.pypirc': 'a PyPI credentials file',
  '.netrc': 'a .netrc with passwords',
  '.git-credentials': 'stored git credentials',
  '.aws': 'AWS credentials',
  '.ssh': 'an SSH directory',
  kubeconfig: 'a Kubernetes kubeconfig',
};
const BY_PATH: Record<string, string> = {
  '.aws/credentials': 'AWS credentials',
  '.docker/config.json': 'Docker registry credentials',
  '.kube/config': 'a Kubernetes kubeconfig',
};
// SSH private keys keep their names when renamed copies are made (`id_rsa_deploy`, `id_ed25519.old`).
const SSH_KEY = /^id_(rsa|dsa|ecdsa|ed25519)(?!.*\.pub$)/;
// Public material that shares the key extensions: public keys, repository signing keys,
// certificates, CA bundles and trust stores. A name that says key or private wins over these
// (`ca-key.pem`, `privkey.pem` are private keys).
const PUBLIC = /gpg|pgp|public|pubkey|(^|[-_.])pub([-_.]|$)/;
// apt and OBS repositories publish their signing keys as `Release.key`, `repo.key`, `apt.key`.
const REPO_KEY = /^(release|repo|apt|archive)([-_.]|$)|[-_.](release|repo|archive)$/;
const CERTIFICATE = /cert|chain|bundle|(^|[-_.])ca([-_.]|$)|trust/;
const PRIVATE = /key|priv|secret/;

/** `server.key`, `tls-key.pem`, `keystore.p12`: a private key or key store, by name. */
function isPrivateKeyFile(base: string): boolean {
  const lower = base.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot === -1 ? '' : lower.slice(dot);
  const stem = dot === -1 ? lower : lower.slice(0, dot);
  if (ext === '.key') return !PUBLIC.test(stem) && !REPO_KEY.test(stem);
  if (ext === '.pem') return !PUBLIC.test(stem) && (PRIVATE.test(stem) || !CERTIFICATE.test(stem));
  if (ext === '.p12' || ext === '.pfx' || ext === '.jks' || ext === '.keystore') return !/trust|cacerts/.test(stem);
  return false;
}

/** What kind of credential a COPY source names, if any (by file name, not content). */
export function secretKind(source: string): string | undefined {
  let path = source;
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const segments = path.split('/');
  const base = segments[segments.length - 1]!;
  if (base.endsWith('.pub')) return undefined;
  const lastTwo = segments.slice(-2).join('/');
  if (BY_PATH[lastTwo]) return BY_PATH[lastTwo];
  if (BY_NAME[base]) return BY_NAME[base];
  if (SSH_KEY.test(base)) return 'an SSH private key';
  if (base.endsWith('.kubeconfig')) return BY_NAME.kubeconfig;
  // .env.production, .env.local: dotenv variants; .env.example / .env.sample are templates.
  if (base.startsWith('.env.') && !/\.(example|sample|template|dist|defaults?)$/.test(base)) return BY_NAME['.env'];
  if (isPrivateKeyFile(base)) return 'a private key or key store';
  return undefined;
}

/** Stages whose files end up in the final image: the final stage and those it builds on. */
function shippedStages(final: Stage | undefined): Set<Stage> {
  return new Set(final ? lineage(final) : []);
}

export default defineRule({
  id: 'secret-file-copied',
  title: 'Credential file copied into the image',
  category: 'security',
  severity: 'error',
  refs: { cwe: 'CWE-538' },
  docs: {
    why: "Anything COPY or ADD puts in a layer stays in the image history, even if a later RUN deletes it: anyone who can pull the image can read the key, token or password. Mount build secrets instead (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) and pass runtime secrets at run time. Matched by file name: SSH private keys (`id_rsa*`, `id_ed25519*`, not `.pub`), `*.key`, `*.pem`, `*.p12`, `*.pfx`, `*.jks` (except names that say certificate, CA bundle, trust store, public or package-signing key, unless they also say key or private: `ca-key.pem` is flagged, `fullchain.pem` and `nodesource-repo.gpg.key` are not), `.env` and its variants (not `.env.example`), `.npmrc`, `.yarnrc.yml`, `.pypirc` (when Shipshape can read one from the build context, only a literal token or password in it counts: a file of registry settings, or one that writes `${NPM_TOKEN}` for the tool to expand, is not reported), `.netrc`, `.git-credentials`, `.aws/credentials`, `.docker/config.json`, kubeconfig. Downloads (`ADD https://...`) are public by definition and not checked. In a build stage that does not reach the final image the finding is a warning: the file stays in that stage's layers and the build cache, not in the shipped image.",
    bad: 'COPY .npmrc /root/.npmrc\nRUN npm ci',
    good: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    fix: 'None automatic: use a BuildKit secret mount for build-time credentials and runtime secrets (Compose `secrets:`, Kubernetes Secrets) for the rest.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    const shipped = shippedStages(model.finalStage);
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'COPY', 'ADD')) {
        const keyword = instruction.getKeyword();
        for (const source of copyOperands(instruction).sources) {
          if (source.heredoc) continue;
          let value = unquote(source.value);
          if (value.includes('$')) {
            const expanded = model.expandInStage(stage, value, instruction);
            if (expanded.unresolved) continue;
            value = expanded.value;
          }
          if (isRemoteSource(value)) continue;
          const kind = secretKind(value);
          if (!kind) continue;
          // A package-manager config read from the build context counts only with a literal credential in it.
          if (model.buildContext.holdsCredentials(value) === false) continue;
          const shown = value === source.value ? source.value : `${source.value} (${value})`;
          if (shipped.has(stage)) {
            ctx.report({
              range: source.range,
              message: `${keyword} ${shown} puts ${kind} into an image layer, where it stays even if deleted later; use RUN --mount=type=secret instead`,
            });
          } else {
            ctx.report({
              range: source.range,
              severity: 'warning',
              message: `${keyword} ${shown} puts ${kind} into a layer of this build stage and the build cache (not the final image); use RUN --mount=type=secret instead`,
            });
          }
        }
      }
    }
  },
});
