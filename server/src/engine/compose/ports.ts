// Compose port syntax (compose-spec 05-services.md#ports):
//   short: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], IPv6 host IPs in brackets
//   long:  {target, published, host_ip, protocol, mode, name, app_protocol}

export interface PortMapping {
  hostIp?: string;
  hostPort?: string;
  containerPort: string;
  protocol?: string;
}

export function parseShortPort(spec: string): PortMapping | undefined {
  let rest = spec.trim();
  if (!rest) return undefined;
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1 || rest[close + 1] !== ':') return undefined;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let mapping: PortMapping;
  if (hostIp !== undefined) {
    if (parts.length > 2) return undefined;
    mapping =
      parts.length === 2 ? { hostIp, hostPort: parts[0]!, containerPort: parts[1]! } : { hostIp, containerPort: parts[0]! };
  } else if (parts.length === 1) {
    mapping = { containerPort: parts[0]! };
  } else if (parts.length === 2) {
    mapping = { hostPort: parts[0]!, containerPort: parts[1]! };
  } else {
    // An unbracketed IPv6 address keeps its colons: everything before the last two fields.
    mapping = {
      hostIp: parts.slice(0, -2).join(':'),
      hostPort: parts[parts.length - 2]!,
      containerPort: parts[parts.length - 1]!,
    };
  }
  if (protocol !== undefined) mapping.protocol = protocol;
  if (mapping.hostPort === '') delete mapping.hostPort;
  return mapping;
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|0*:0*:0*:0*:0*:0*:0*:0*1|localhost)$/i;
const ALL_INTERFACES = /^(?:0\.0\.0\.0|::|0*:0*:0*:0*:0*:0*:0*:0*|\*)$/;

export function isLoopback(hostIp: string): boolean {
  return LOOPBACK.test(hostIp.replace(/^\[|\]$/g, ''));
}

/** No host IP, or one that means every interface. */
export function bindsAllInterfaces(hostIp: string | undefined): boolean {
  if (hostIp === undefined || hostIp.trim() === '') return true;
  return ALL_INTERFACES.test(hostIp.replace(/^\[|\]$/g, '').trim());
}
