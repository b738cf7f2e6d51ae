import { unquoteFlagValue } from '../dockerfile/instruction-args';
import type { RunScript } from '../dockerfile/run-script';
import { effectiveWords, programName, type ShellCommand, type ShellWord } from '../dockerfile/shell';
import { defineRule } from '../rule';

/**
 * Where the RUN's BuildKit secrets are: mount targets (`/run/secrets/<id>` by default) and the
 * environment variables `--mount=type=secret,env=NAME` sets. A credential read from one of these
 * never reaches the image or its history (Dockerfile reference, RUN --mount=type=secret).
 */
interface SecretSources {
  paths: string[];
  env: Set<string>;
}

function secretSources(script: RunScript): SecretSources {
  const sources: SecretSources = { paths: ['/run/secrets/'], env: new Set() };
  for (const flag of script.flags) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const fields = new Map<string, string>();
    for (const part of unquoteFlagValue(flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      fields.set((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), eq === -1 ? '' : part.slice(eq + 1).trim());
    }
    if (fields.get('type') !== 'secret') continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target) sources.paths.push(target);
    const env = fields.get('env');
    if (env) sources.env.add(env);
  }
  return sources;
}

/** Whether a credential value comes from a secret mount rather than from the Dockerfile or a build arg. */
function fromSecret(value: string, sources: SecretSources): boolean {
  if (sources.paths.some((path) => value.includes(path))) return true;
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value);
  return !!variable && sources.env.has(variable[1]!);
}

interface Credential {
  word: ShellWord;
  /** What put it on the command line, for the message: `docker login -p`. */
  what: string;
  /** The secret-mount way of doing the same. */
  instead: string;
}

/** The value of `-p X`, `-pX`, `--password X` or `--password=X` among `words`. */
function optionValue(words: ShellWord[], short: string | undefined, long: string): ShellWord | undefined {
  for (let i = 1; i < words.length; i++) {
    const value = words[i]!.value;
    if (value === long || (short !== undefined && value === short)) return words[i + 1];
    if (value.startsWith(`${long}=`) || (short !== undefined && value.length > short.length && value.startsWith(short)))
      return words[i];
  }
  return undefined;
}

const AWS_SECRET_KEYS = /(?:^|\.)(?:aws_secret_access_key|aws_session_token)$/;
const LOCKED = new Set(['', '*', '!', '!!', '!*', 'x']);
const NPM_AUTH = /(?:^|:)_(?:authToken|auth|password)(?:=|$)/;

const credential = (word: ShellWord | undefined, what: string, instead: string): Credential | undefined =>
  word ? { word, what, instead } : undefined;

/** The credential a command puts on the line, if any (each kind of command has one place for it). */
function credentialIn(command: ShellCommand, previous: ShellCommand | undefined): Credential | undefined {
  const words = effectiveWords(command);
  const program = programName(words[0]);
  const sub = words[1]?.value;
  if ((program === 'docker' || program === 'podman' || program === 'buildah') && sub === 'login') {
    return credential(
      optionValue(words, '-p', '--password'),
      `${program} login -p`,
      `RUN --mount=type=secret,id=registry_password ${program} login -u <user> --password-stdin <registry> < /run/secrets/registry_password`,
    );
  } else if (program === 'aws' && sub === 'configure' && words[2]?.value === 'set') {
    const key = words.findIndex((w, i) => i > 2 && AWS_SECRET_KEYS.test(w.value));
    const value = key === -1 ? undefined : words.slice(key + 1).find((w) => !w.value.startsWith('-'));
    return credential(
      value,
      `aws configure set ${words[key]?.value ?? ''}`.trim(),
      'RUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws ... (the credentials file is there only for that RUN)',
    );
  } else if (program === 'gcloud' && sub === 'auth' && words[2]?.value === 'activate-service-account') {
    return credential(
      optionValue(words, undefined, '--key-file'),
      'gcloud auth activate-service-account --key-file',
      'RUN --mount=type=secret,id=gcp_key gcloud auth activate-service-account --key-file=/run/secrets/gcp_key',
    );
  } else if (program === 'az' && sub === 'login') {
    const password = optionValue(words, '-p', '--password');
    // `-p` also takes a certificate file for a service principal: a path is not the secret itself.
    if (password && !/\.(?:pem|crt|cer|pfx)$/i.test(password.value))
      return credential(
        password,
        'az login -p',
        'RUN --mount=type=secret,id=azure_secret,env=AZURE_SECRET az login --service-principal -p "$AZURE_SECRET" ...',
      );
  } else if (program === 'doctl' && sub === 'auth' && words[2]?.value === 'init') {
    return credential(
      optionValue(words, '-t', '--access-token'),
      'doctl auth init -t',
      'RUN --mount=type=secret,id=do_token,env=DIGITALOCEAN_ACCESS_TOKEN doctl ... (doctl reads the variable)',
    );
  } else if (program === 'chpasswd' && command.prev === '|' && previous) {
    // `echo 'user:password' | chpasswd`: the password is in the RUN line, hence in the history.
    const feeder = effectiveWords(previous);
    if (['echo', 'printf'].includes(programName(feeder[0])))
      return credential(
        // `echo "git:*" | chpasswd -e` locks the password (key-only logins): `*`, `!` and empty are no password.
        feeder.slice(1).find((w) => w.value.includes(':') && !LOCKED.has(w.value.slice(w.value.indexOf(':') + 1))),
        'echo ... | chpasswd',
        'RUN --mount=type=secret,id=user_password chpasswd < /run/secrets/user_password (a user:password line)',
      );
  } else if ((program === 'npm' || program === 'yarn' || program === 'pnpm') && sub === 'config' && words[2]?.value === 'set') {
    const key = words.findIndex((w, i) => i > 2 && (NPM_AUTH.test(w.value) || w.value === 'npmAuthToken'));
    const keyWord = words[key];
    // `npm config set //registry/:_authToken=TOKEN` or `... _authToken TOKEN`.
    const value = keyWord?.value.includes('=') ? keyWord : words[key + 1];
    return credential(
      key === -1 ? undefined : value,
      `${program} config set ${keyWord?.value.split('=')[0] ?? ''}`,
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    );
  } else if (program === 'echo' || program === 'printf') {
    // A token written into ~/.npmrc or ~/.netrc stays in the layer (and the line in the history).
    const target = command.redirects.find((r) => /(?:^|\/)\.(?:npmrc|netrc)$/.test(r.value));
    if (target) {
      const file = target.value.endsWith('.npmrc') ? '.npmrc' : '.netrc';
      const token = words
        .slice(1)
        .find((w) => (file === '.npmrc' ? /_(?:authToken|auth|password)=/.test(w.value) : /\bpassword\b/.test(w.value)));
      return credential(
        token,
        `a token written to ${file}`,
        `RUN --mount=type=secret,id=${file.slice(1)},target=/root/${file} <command> (the file exists only for that RUN)`,
      );
    }
  }
  return undefined;
}

/** The part of a word that carries the value: `--password=x` -> `x`, `_authToken=x` -> `x`. */
function valueOf(word: ShellWord): string {
  const eq = word.value.indexOf('=');
  return eq === -1 ? word.value : word.value.slice(eq + 1);
}

export default defineRule({
  id: 'secret-in-run',
  title: 'Credential on a RUN command line',
  category: 'security',
  severity: 'error',
  refs: { cis: '4.10', cwe: 'CWE-214', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: "A RUN line is stored in the image history (`docker history --no-trunc`) and in build logs, and whatever it writes stays in the layer: a password or token on the command line, or from a build arg, is readable by everyone who can pull the image. Flagged: `docker login -p`/`--password` (also podman, buildah), `aws configure set aws_secret_access_key`/`aws_session_token`, `gcloud auth activate-service-account --key-file` of a file in the image, `az login -p`, `doctl auth init -t`, `echo user:password | chpasswd`, `npm config set ..._authToken`, and tokens echoed into `~/.npmrc` or `~/.netrc`. A value read from a BuildKit secret mount (`/run/secrets/...`, the mount's `target`, or the variable its `env=` sets) is fine.",
    bad: 'ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci\nRUN docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.com',
    good: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nRUN --mount=type=secret,id=registry_password \\\n    docker login -u ci --password-stdin registry.example.com < /run/secrets/registry_password',
    fix: 'None automatic: pass the credential as a BuildKit secret (`docker build --secret id=...`) and read it from the mount in that one RUN; rotate a credential that was already built into an image.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      // Read from the RUN's mounts only when one of its commands carries a credential.
      let sources: SecretSources | undefined;
      const { commands } = script;
      for (let at = 0; at < commands.length; at++) {
        const found = credentialIn(commands[at]!, commands[at - 1]);
        if (!found || fromSecret(valueOf(found.word), (sources ??= secretSources(script)))) continue;
        ctx.report({
          range: ctx.model.index.range(found.word.start, found.word.end),
          message: `${found.what} puts a credential in the RUN line (or in the layer it writes): it is kept in the image history for everyone who can pull the image; use a secret mount instead: ${found.instead}`,
        });
      }
    }
  },
});
