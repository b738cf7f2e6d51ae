import type { Instruction } from 'dockerfile-ast';
import { forEachVariable } from '../compose/variables';
import { entriesOf } from '../compose/model';
import { isLiteralSecretValue, looksLikeSecretName, redactValue, secretIn } from '../secrets';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Range } from '../types';

interface Property {
  getName(): string;
  getValue(): string | null;
  getRange(): Range;
}

function checkCompose(ctx: ComposeContext, key: string, where: string): void {
  const { model } = ctx;
  for (const { entry, services } of entriesOf(model, key)) {
    const owner = services[0]!.name;
    forEachVariable(entry.document, entry.value, (name, value, range) => {
      const verdict = secretIn(name, value);
      if (!verdict) return;
      ctx.report({
        range: range(),
        service: owner,
        message: `${where} ${name}=${redactValue(value ?? '')} in service "${owner}": ${verdict.reason}; pass it with Compose secrets: or \${${name}} from the environment instead of writing it in the file`,
      });
    });
  }
}

function checkDockerfile(ctx: DockerfileContext): void {
  for (const instruction of ctx.model.instructionsNamed(undefined, 'ENV', 'ARG')) {
    const keyword = instruction.getKeyword();
    for (const property of (instruction as Instruction & { getProperties(): Property[] }).getProperties()) {
      const name = property.getName();
      const value = property.getValue();
      // A secret-looking ARG leaks whatever it is given: `docker history` shows build-arg values
      // used by RUN steps, with or without a default in the file.
      if (keyword === 'ARG' && looksLikeSecretName(name)) {
        const literal = value !== null && isLiteralSecretValue(value);
        ctx.report({
          range: property.getRange(),
          message: `ARG ${literal ? `${name}=${redactValue(value)}` : name} looks like a secret${literal ? ' and has a literal default' : ''}: build-arg values are recorded in the image history; use RUN --mount=type=secret,id=${name.toLowerCase()} instead`,
        });
        continue;
      }
      const verdict = secretIn(name, value ?? undefined);
      if (!verdict) continue;
      ctx.report({
        range: property.getRange(),
        message: `${keyword} ${name}=${redactValue(value ?? '')}: ${verdict.reason}; it is baked into the image for anyone who can pull it. Use RUN --mount=type=secret for build time and pass runtime secrets when the container starts`,
      });
    }
  }
}

export default defineRule({
  id: 'secret-in-env',
  title: 'Secret written in ENV, ARG or environment',
  category: 'security',
  severity: 'error',
  refs: { cwe: 'CWE-798', hadolint: [], kics: [], checkov: ['CKV_DOCKER_10'], trivy: ['DS031'] },
  docs: {
    why: 'A password, token or key written in a Dockerfile ENV/ARG is stored in the image (and its history) for everyone who can pull it; written in a Compose file it lives in version control. Names that say "secret" (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS...) with a literal value, connection strings with a password (`postgres://user:pass@db`), and well-known token formats (AWS `AKIA...`, GitHub `ghp_...`, Slack `xox?-`, PEM private keys) are flagged in any value. `*_FILE` paths, `/run/secrets/...`, empty values and `${VAR}` references are not. Messages show the key and a redacted value only.',
    bad: 'ENV DB_PASSWORD=s3cr3t-passw0rd\n\nservices:\n  api:\n    environment:\n      DATABASE_URL: postgres://app:hunter2@db/app',
    good: 'RUN --mount=type=secret,id=db_password ./migrate.sh\n\nservices:\n  api:\n    environment:\n      DATABASE_URL: ${DATABASE_URL}\n    secrets: [db_password]',
    fix: 'None automatic: move the value to a BuildKit secret mount (build time), Compose `secrets:` or an environment variable supplied at run time, and rotate the exposed secret.',
  },
  reach: 'stage',
  dockerfile: checkDockerfile,
  compose(ctx) {
    checkCompose(ctx, 'environment', 'environment');
    const { model } = ctx;
    // build.args are build arguments: the same history leak as a Dockerfile ARG.
    for (const { services } of entriesOf(model, 'build')) {
      const args = services[0]!.build?.args;
      if (!args) continue;
      forEachVariable(args.document, args.value, (name, value, range) => {
        const verdict = secretIn(name, value);
        if (!verdict) return;
        ctx.report({
          range: range(),
          service: services[0]!.name,
          message: `build arg ${name}=${redactValue(value ?? '')} in service "${services[0]!.name}": ${verdict.reason}; build args are recorded in the image history, use build secrets: instead`,
        });
      });
    }
  },
});
