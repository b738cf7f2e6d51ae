import { argsOf, heredocsOf } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

// Credential files by name: SSH and TLS keys, dotenv, package-registry and cloud credentials.
const BY_NAME: Record<string, string> = {
  id_rsa: 'an SSH private key',
  id_dsa: 'an SSH private key',
  id_ecdsa: 'an SSH private key',
  id_ed25519: 'an SSH private key',
  '.env': 'a dotenv file with secrets',
  '.npmrc': 'an npm credentials file',
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
const KEY_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore'];

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
  // .env.production, .env.local: dotenv variants; .env.example / .env.sample are templates.
  if (base.startsWith('.env.') && !/\.(example|sample|template|dist)$/.test(base)) return BY_NAME['.env'];
  if (KEY_EXTENSIONS.some((ext) => base.toLowerCase().endsWith(ext))) return 'a private key or certificate store';
  return undefined;
}

export default defineRule({
  id: 'secret-file-copied',
  title: 'Credential file copied into the image',
  category: 'security',
  severity: 'error',
  refs: { cwe: 'CWE-538', hadolint: [], checkov: [], trivy: [] },
  docs: {
    why: 'Anything COPY or ADD puts in a layer stays in the image history, even if a later RUN deletes it: anyone who can pull the image can read the key, token or password. Mount build secrets instead (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) and pass runtime secrets at run time.',
    bad: 'COPY .npmrc /root/.npmrc\nRUN npm ci',
    good: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    fix: 'None automatic: use a BuildKit secret mount for build-time credentials and runtime secrets (Compose `secrets:`, Kubernetes Secrets) for the rest.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || heredocsOf(instruction).length) continue;
      for (const source of argsOf(instruction).slice(0, -1)) {
        const kind = secretKind(source.value);
        if (!kind) continue;
        ctx.report({
          range: source.range,
          message: `${keyword} ${source.value} puts ${kind} into an image layer, where it stays even if deleted later; use RUN --mount=type=secret instead`,
        });
      }
    }
  },
});
