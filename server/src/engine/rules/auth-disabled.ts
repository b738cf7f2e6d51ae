import type { Instruction } from 'dockerfile-ast';
import { isMap, isScalar, isSeq } from 'yaml';
import { forEachVariable } from '../compose/variables';
import { entriesOf, servicesLabel, type ComposeService } from '../compose/model';
import { fieldItems, fieldString, fieldText, itemsOf, scalarText, type Field } from '../compose/reader';
import { bindsAllInterfaces, parseShortPort } from '../compose/ports';
import { argsOf } from '../dockerfile/instruction-args';
import { defineRule, type ComposeContext, type DockerfileContext } from '../rule';
import type { Range } from '../types';

interface Variable {
  name: string;
  value: string;
  range: Range;
}

/** A Compose variable: its range is worked out only when it is reported. */
interface ComposeVariable {
  name: string;
  value: string;
  range: () => Range;
}

const TRUE = new Set(['true', 'yes', '1', 'on']);
const isTrue = (value: string | undefined) => value !== undefined && TRUE.has(value.trim().toLowerCase());

// The one variable set beside another that a switch's verdict reads.
const ANONYMOUS_ROLE = 'GF_AUTH_ANONYMOUS_ORG_ROLE';

/** Why a switch's value (trimmed) makes the server accept connections without a password, or undefined. */
type Verdict = (value: string, anonymousRole: string | undefined) => string | undefined;

const trust =
  (reason: string): Verdict =>
  (v) =>
    v.toLowerCase() === 'trust' ? reason : undefined;
// mysql and mariadb images: the entrypoint tests the variable for being non-empty, so even "no" enables it.
const nonEmpty: Verdict = (v) =>
  v !== '' ? 'the database root account has an empty password (any non-empty value enables this)' : undefined;
const openSearch: Verdict = (v) => (isTrue(v) ? 'the OpenSearch security plugin (authentication and TLS) is off' : undefined);

/**
 * The variables that can turn authentication off, by name; each entry follows the image's own
 * documentation. Every other variable is passed over without a record of it.
 */
const SWITCHES = new Map<string, Verdict>([
  // postgres image: "trust" lets anyone connect as any role without a password (docs, POSTGRES_HOST_AUTH_METHOD).
  ['POSTGRES_HOST_AUTH_METHOD', trust('PostgreSQL accepts every connection without a password')],
  ['MYSQL_ALLOW_EMPTY_PASSWORD', nonEmpty],
  ['MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', nonEmpty],
  ['MARIADB_ALLOW_EMPTY_PASSWORD', nonEmpty],
  // Bitnami images (postgresql, mysql, redis, mongodb, ...): ALLOW_EMPTY_PASSWORD=yes runs without one.
  ['ALLOW_EMPTY_PASSWORD', (v) => (isTrue(v) ? 'the server runs without a password' : undefined)],
  // pgbouncer images (edoburu: AUTH_TYPE; Bitnami: PGBOUNCER_AUTH_TYPE): trust skips password checks.
  ['AUTH_TYPE', trust('PgBouncer lets clients in without a password')],
  ['PGBOUNCER_AUTH_TYPE', trust('PgBouncer lets clients in without a password')],
  // Grafana: anonymous users get the org role GF_AUTH_ANONYMOUS_ORG_ROLE (Viewer by default).
  [
    'GF_AUTH_ANONYMOUS_ENABLED',
    (v, anonymousRole) => {
      const role = anonymousRole?.trim();
      return isTrue(v) && (role === 'Admin' || role === 'Editor')
        ? `anonymous visitors get Grafana's ${role} role (GF_AUTH_ANONYMOUS_ORG_ROLE)`
        : undefined;
    },
  ],
  // Elasticsearch: settings may be passed as environment variables in the docker image.
  [
    'xpack.security.enabled',
    (v) => (v.toLowerCase() === 'false' ? 'Elasticsearch security (authentication and TLS) is off' : undefined),
  ],
  // OpenSearch image: DISABLE_SECURITY_PLUGIN=true, or the plugin setting itself.
  ['DISABLE_SECURITY_PLUGIN', openSearch],
  ['plugins.security.disabled', openSearch],
]);

/** Why `name=value` (with GF_AUTH_ANONYMOUS_ORG_ROLE set beside it to `anonymousRole`) turns authentication off. */
function disablesAuth(variable: Pick<Variable, 'name' | 'value'>, anonymousRole: string | undefined): string | undefined {
  return SWITCHES.get(variable.name)?.(variable.value.trim(), anonymousRole);
}

// Hoisted: a regex literal in a callback was a new RegExp object per word of every CMD and ENTRYPOINT.
const SERVER_PROGRAM = /(?:^|\/)(?:redis-server|valkey-server|mongod)$/;
const MONGOD = /mongod$/;
const WHITESPACE_RUN = /\s+/;

/** Why a server command line runs without authentication, or undefined. */
function commandDisablesAuth(words: string[]): string | undefined {
  const program = words.findIndex((w) => SERVER_PROGRAM.test(w));
  if (program === -1) return undefined;
  const args = words.slice(program + 1);
  const at = (flag: string) => args.findIndex((w) => w === flag || w.startsWith(`${flag}=`));
  if (MONGOD.test(words[program]!)) return at('--noauth') !== -1 ? 'mongod runs with --noauth' : undefined;
  // Redis refuses outside connections without a password only in protected mode; turning it off
  // with no requirepass accepts anyone who can reach the port (redis.conf, "protected-mode").
  const mode = at('--protected-mode');
  if (mode === -1 || at('--requirepass') !== -1) return undefined;
  const value = args[mode]!.includes('=') ? args[mode]!.split('=')[1] : args[mode + 1];
  return value?.toLowerCase() === 'no' ? 'Redis runs with protected mode off and no requirepass' : undefined;
}

// ---- Compose ----

/** `environment:` as a map or a list, merge keys followed, each value interpolated (unresolved ones left out). */
function variablesOf(environment: Field): ComposeVariable[] {
  const found: ComposeVariable[] = [];
  forEachVariable(environment.document, environment.value, (name, value, range) => {
    const expanded = environment.document.interpolate(value ?? '');
    if (!expanded.unresolved) found.push({ name, value: expanded.value, range });
  });
  return found;
}

/** A port the service publishes on every host interface ("5432:5432", no host IP), or host networking. */
function publishedEverywhere(service: ComposeService): string | undefined {
  const networkMode = fieldText(service.get('network_mode'));
  if (networkMode && !networkMode.unresolved && networkMode.value === 'host') return 'network_mode: host';
  for (const { node, document } of fieldItems(service.get('ports'))) {
    const expanded = scalarText(document, node);
    if (expanded) {
      const mapping = expanded.unresolved ? undefined : parseShortPort(expanded.value);
      if (mapping && bindsAllInterfaces(mapping.hostIp)) return `"${expanded.value}"`;
    } else if (isMap(node)) {
      const published = fieldString(document, node, 'published');
      const hostIp = fieldString(document, node, 'host_ip');
      if (published !== undefined && bindsAllInterfaces(hostIp)) return `published ${published}`;
    }
  }
  return undefined;
}

function commandWords(command: Field): { words: string[]; range: Range } | undefined {
  const { document, value: node } = command;
  if (isScalar(node) && typeof node.value === 'string') {
    const expanded = document.interpolate(node.value);
    return expanded.unresolved
      ? undefined
      : { words: expanded.value.split(WHITESPACE_RUN).filter(Boolean), range: document.rangeOf(node) };
  }
  if (!isSeq(node)) return undefined;
  const words: string[] = [];
  for (const { node: scalar } of itemsOf(document, node)) {
    if (!isScalar(scalar) || scalar.value === null) return undefined;
    words.push(...String(scalar.value).split(WHITESPACE_RUN).filter(Boolean));
  }
  return { words, range: document.rangeOf(node) };
}

function checkCompose(ctx: ComposeContext): void {
  const { model } = ctx;
  const report = (services: ComposeService[], range: Range, reason: string, setting: string) => {
    const exposed = services.map((s) => publishedEverywhere(s)).find((p) => p !== undefined);
    ctx.report({
      range,
      service: services[0]!.name,
      severity: exposed ? 'error' : 'warning',
      message: `${servicesLabel(services)}: ${setting}: ${reason}${exposed ? `, and the service is reachable on every host interface (${exposed})` : ''}; set a password (from secrets: or the environment) instead`,
    });
  };
  for (const { entry, services } of entriesOf(model, 'environment')) {
    const variables = variablesOf(entry);
    // The last one set wins, as in the map of names to values this was read from.
    let anonymousRole: string | undefined;
    for (const variable of variables) if (variable.name === ANONYMOUS_ROLE) anonymousRole = variable.value;
    for (const variable of variables) {
      const reason = disablesAuth(variable, anonymousRole);
      if (reason) report(services, variable.range(), reason, `${variable.name}=${variable.value}`);
    }
  }
  for (const { entry, services } of entriesOf(model, 'command')) {
    const command = commandWords(entry);
    const reason = command && commandDisablesAuth(command.words);
    if (command && reason) report(services, command.range, reason, 'command');
  }
}

// ---- Dockerfile ----

interface Property {
  getName(): string;
  getValue(): string | null;
  getRange(): Range;
}

function checkDockerfile(ctx: DockerfileContext): void {
  const { model } = ctx;
  for (const stage of model.stages) {
    for (const instruction of model.instructionsNamed(stage, 'CMD', 'ENTRYPOINT')) {
      const args = argsOf(instruction);
      const reason = commandDisablesAuth(args.map((a) => a.value));
      if (reason && args.length > 0)
        ctx.report({
          range: { start: args[0]!.range.start, end: args[args.length - 1]!.range.end },
          message: `${instruction.getKeyword()}: ${reason}; anyone who can reach the port gets in. Set a password (requirepass from a secret) or keep protected mode on`,
        });
    }
    // The stage's ENV properties that can switch authentication off, judged once the whole stage's
    // GF_AUTH_ANONYMOUS_ORG_ROLE is known (the last one set wins, wherever it is).
    let switches: Property[] | undefined;
    let anonymousRole: string | undefined;
    for (const instruction of model.instructionsNamed(stage, 'ENV'))
      for (const property of (instruction as Instruction & { getProperties(): Property[] }).getProperties()) {
        const name = property.getName();
        if (name === ANONYMOUS_ROLE) anonymousRole = property.getValue() ?? '';
        else if (SWITCHES.has(name)) (switches ??= []).push(property);
      }
    for (const property of switches ?? []) {
      const variable = { name: property.getName(), value: property.getValue() ?? '' };
      const reason = disablesAuth(variable, anonymousRole);
      if (reason)
        ctx.report({
          range: property.getRange(),
          message: `ENV ${variable.name}=${variable.value}: ${reason}, in every container of this image; set a password at run time (from a secret) instead`,
        });
    }
  }
}

export default defineRule({
  id: 'auth-disabled',
  title: 'Server told to accept connections without a password',
  category: 'security',
  severity: 'warning',
  refs: { cwe: 'CWE-306', hadolint: [], kics: [], checkov: [], trivy: [] },
  docs: {
    why: [
      'Database and server images have switches that turn authentication off for convenience in development. Left in a Compose file or baked into an image they reach production, and anyone who can reach the port reads and changes the data: `POSTGRES_HOST_AUTH_METHOD=trust`, `MYSQL_ALLOW_EMPTY_PASSWORD` / `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` (the entrypoints test for a non-empty value, so even `no` enables them), Bitnami `ALLOW_EMPTY_PASSWORD=yes`, PgBouncer `AUTH_TYPE` / `PGBOUNCER_AUTH_TYPE=trust`, Grafana anonymous access (`GF_AUTH_ANONYMOUS_ENABLED=true`) with the Admin or Editor role, Elasticsearch `xpack.security.enabled=false`, OpenSearch `DISABLE_SECURITY_PLUGIN=true` / `plugins.security.disabled=true`, `redis-server --protected-mode no` without `--requirepass`, and `mongod --noauth`.',
      '',
      'Checked in Compose `environment:` (map and list, anchors merged, `${VAR:-default}` defaults) and `command:`, and in Dockerfile ENV, CMD and ENTRYPOINT. In Compose the finding is an error when the service also publishes a port on all host interfaces (no host IP, `0.0.0.0`, or `network_mode: host`), a warning otherwise.',
    ].join('\n'),
    bad: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n    ports:\n      - "5432:5432"',
    good: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\n    ports:\n      - "127.0.0.1:5432:5432"',
    fix: 'None automatic: set a password (POSTGRES_PASSWORD_FILE, MYSQL_ROOT_PASSWORD from a secret, requirepass, Grafana admin credentials) and, for local development, publish the port on 127.0.0.1 only.',
  },
  reach: 'stage',
  dockerfile: checkDockerfile,
  compose: checkCompose,
});
