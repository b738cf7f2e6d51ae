import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { insertMapPair, prefixScalar, replaceScalarContent } from '../compose/edits';
import type { ComposeModel } from '../compose/model';
import { fieldItems, fieldOf } from '../compose/reader';
import { bindsAllInterfaces, parseShortPort } from '../compose/ports';
import { defineRule, type ComposeContext } from '../rule';
import type { Fix, TextEdit } from '../types';

const LOOPBACK = '127.0.0.1';
// Stands in for a variable with no known value, so "${IP}:80:80" is recognised as unknown, not as "no host IP".
const UNKNOWN = '\u0000';

/** What is published, in words; a value left unknown is described, never shown as its stand-in. */
function describe(hostPort: string | undefined, containerPort: string): string {
  const container = containerPort.includes(UNKNOWN) ? 'A container port set by a variable' : `Container port ${containerPort}`;
  if (hostPort?.includes(UNKNOWN)) return `${container} (on a host port set by a variable)`;
  return hostPort ? `Port ${hostPort}` : `${container} (on a random host port)`;
}

/**
 * `"$SENTRY_BIND:80/tcp"`, `"${WEB_BIND_ADDR:-9000}:80"`: the whole host part is one variable
 * named for an address (BIND, ADDR, not PORT). Such a variable holds `IP:PORT` by convention
 * (projects document `SENTRY_BIND=127.0.0.1:9000`): the project hands the interface choice to the
 * operator, and the bare port in its `.env` or default is not a decision to listen everywhere.
 */
function isBindVariable(raw: string): boolean {
  let name: string | undefined;
  if (raw.startsWith('${')) {
    const close = raw.indexOf('}');
    if (close === -1 || raw[close + 1] !== ':') return false;
    name = /^[A-Za-z_]\w*/.exec(raw.slice(2, close))?.[0];
  } else if (raw.startsWith('$')) {
    const colon = raw.indexOf(':');
    name = colon === -1 ? undefined : raw.slice(1, colon);
  }
  if (!name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  const upper = name.toUpperCase();
  return (upper.includes('BIND') || upper.includes('ADDR')) && !upper.includes('PORT');
}

/** The short syntax as written without its host IP field ("0.0.0.0:8080:80" -> "8080:80"). */
function stripHostIp(raw: string, hasHostIp: boolean): string {
  if (!hasHostIp) return raw;
  if (raw.startsWith('[')) return raw.slice(raw.indexOf(']') + 2);
  return raw.slice(raw.indexOf(':') + 1);
}

function checkShort(ctx: ComposeContext, service: string, node: Node): void {
  const { model } = ctx;
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return;
  const raw = String(node.value);
  const expanded = model.interpolate(raw, UNKNOWN);
  const mapping = parseShortPort(expanded.value);
  if (!mapping || mapping.hostIp?.includes(UNKNOWN)) return;
  // "$SENTRY_BIND:80/tcp" with SENTRY_BIND unknown: the variable may hold "IP:PORT" (Compose
  // substitutes before it splits the fields), so the host part, address included, is unknown.
  if (mapping.hostIp === undefined && mapping.hostPort?.includes(UNKNOWN)) return;
  if (mapping.hostIp === undefined && isBindVariable(raw)) return;
  if (!bindsAllInterfaces(mapping.hostIp)) return;
  const protocol = mapping.protocol ? `/${mapping.protocol}` : '';
  // With a variable still unknown, show the fix on the text as written ("0.0.0.0:${PORT}:80" -> "127.0.0.1:${PORT}:80"),
  // never the stand-in for an unknown value.
  const suggestion = expanded.value.includes(UNKNOWN)
    ? `${LOOPBACK}:${stripHostIp(raw, mapping.hostIp !== undefined)}`
    : `${LOOPBACK}:${mapping.hostPort ?? ''}:${mapping.containerPort}${protocol}`;
  let edit: TextEdit | undefined;
  if (mapping.hostIp === undefined) {
    const slash = raw.indexOf('/');
    const colons = (slash === -1 ? raw : raw.slice(0, slash)).split(':').length - 1;
    // "3000" -> "127.0.0.1::3000": the empty field keeps the host port random, as before.
    if (!raw.includes('$')) edit = prefixScalar(model, node, colons === 0 ? `${LOOPBACK}::` : `${LOOPBACK}:`);
  } else if (!raw.includes('$')) {
    // Without variables the text is the value: the host IP is its start, bracketed or not.
    const written = raw.startsWith('[') ? raw.indexOf(']') + 1 : mapping.hostIp.length;
    edit = replaceScalarContent(model, node, LOOPBACK + raw.slice(written));
  }
  ctx.report({
    range: model.rangeOf(node),
    service,
    message: `${describe(mapping.hostPort, mapping.containerPort)} is published on all interfaces; bind it to ${LOOPBACK} ("${suggestion}") unless it must be reachable from other hosts`,
    fixes: edit ? [{ title: `Bind to ${LOOPBACK}`, edits: [edit], preferred: true }] : [],
  });
}

/** A key of a long-syntax port, merge keys followed (`<<: *loopback` can set host_ip). */
function field(
  model: ComposeModel,
  map: YAMLMap,
  name: string,
): { node: Node; value: string | undefined; merged: boolean } | undefined {
  const found = fieldOf(model, map, name);
  const node = found?.value;
  if (!found || !node) return undefined;
  const expanded = isScalar(node) && node.value !== null ? model.interpolate(String(node.value), UNKNOWN) : undefined;
  return { node, value: expanded?.value, merged: found.owner !== map };
}

/** The address in a `published: 127.0.0.1:8080` (or `[::1]:8080`, `127.0.0.1`), if it has one. */
function addressInPublished(published: string): string | undefined {
  if (published.startsWith('[')) return published.slice(0, published.indexOf(']') + 1);
  if (!published.includes('.')) return undefined;
  const colon = published.lastIndexOf(':');
  return colon === -1 ? published : published.slice(0, colon);
}

function checkLong(ctx: ComposeContext, service: string, map: YAMLMap): void {
  const { model } = ctx;
  const target = field(model, map, 'target')?.value ?? '?';
  const published = field(model, map, 'published')?.value;
  const hostIp = field(model, map, 'host_ip');
  if (hostIp && (hostIp.value === undefined || hostIp.value.includes(UNKNOWN) || !bindsAllInterfaces(hostIp.value))) return;
  // Not in the spec, but seen in the wild: `published: 127.0.0.1:8080`. Read the address as host_ip
  // would be, rather than flag a bind the author clearly meant to restrict.
  const publishedIp = published ? addressInPublished(published) : undefined;
  if (!hostIp && publishedIp && !bindsAllInterfaces(publishedIp)) return;
  let fix: Fix;
  // A host_ip merged from an anchor is shared with other ports: the port's own key overrides it.
  if (hostIp && !hostIp.merged) {
    fix = { title: `Set host_ip: ${LOOPBACK}`, edits: [replaceScalarContent(model, hostIp.node, LOOPBACK)], preferred: true };
  } else {
    fix = { title: `Add host_ip: ${LOOPBACK}`, edits: [insertMapPair(model, map, [`host_ip: ${LOOPBACK}`])], preferred: true };
  }
  ctx.report({
    range: model.rangeOf(map),
    service,
    message: `${describe(published, target)} is published on all interfaces; add host_ip: ${LOOPBACK} unless it must be reachable from other hosts`,
    fixes: [fix],
  });
}

export default defineRule({
  id: 'port-all-interfaces',
  title: 'Port published on all interfaces',
  category: 'security',
  severity: 'warning',
  fixes: 'changes-behaviour',
  refs: { cis: '5.14', cwe: 'CWE-1327', kics: ['Container Traffic Not Bound To Host Interface'], checkov: [] },
  docs: {
    why: 'A published port without a host IP listens on every interface of the host (0.0.0.0 and ::), and Docker inserts its own firewall rules ahead of ufw/firewalld, so a database or admin port meant for local development is reachable from the network. Binding to 127.0.0.1 keeps it local; put a reverse proxy in front of what must be public. Short syntax ("8080:80", 9000:9000, "3000", ranges, "/udp", IPv6 in brackets) and long syntax (published without host_ip) are checked; loopback binds and `${VAR:-127.0.0.1}` defaults pass, and an unresolved host part is not guessed at: `"$BIND:80"` may hold `127.0.0.1:9000`, so it is not reported while `BIND` is unknown; and a host part that is one variable named for an address (`SENTRY_BIND`, `BIND_ADDR`, not `*_PORT`) is the operator\'s choice of interface even when its default is a bare port.',
    bad: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "5432:5432"',
    good: 'services:\n  db:\n    image: postgres:17\n    ports:\n      - "127.0.0.1:5432:5432"',
    fix: 'Prefixes the short syntax with `127.0.0.1:` inside the existing quotes (replacing 0.0.0.0 or [::]), or adds `host_ip: 127.0.0.1` to the long syntax.',
  },
  compose(ctx) {
    for (const service of ctx.model.services) {
      for (const { node } of fieldItems(service.get('ports'))) {
        if (isMap(node)) checkLong(ctx, service.name, node);
        else if (node) checkShort(ctx, service.name, node);
      }
    }
  },
});
