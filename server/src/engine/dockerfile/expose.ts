import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../types';

export interface ExposedPort {
  /** The argument as written, and where. */
  text: string;
  range: Range;
  /** The port text after ARG/ENV expansion (same as `text` without variables). */
  value: string;
  /** First and last port of `8000-8010`, and the protocol; undefined when it does not parse. */
  from?: number;
  to?: number;
  protocol: string;
  /** `127.0.0.1:80:80` or `8080:80`: a host mapping, which EXPOSE does not take. */
  hostMapping: boolean;
}

/** Parses one EXPOSE value: `80`, `80/tcp`, `53/udp`, `8000-8010`, `80:80` (not valid for EXPOSE). */
export function parsePort(text: string, value: string, range: Range): ExposedPort {
  const slash = value.indexOf('/');
  const portText = slash === -1 ? value : value.slice(0, slash);
  const protocol = slash === -1 ? 'tcp' : value.slice(slash + 1).toLowerCase();
  const port: ExposedPort = { text, range, value, protocol, hostMapping: portText.includes(':') };
  // The container port is the part after the last ':' (Docker's nat.ParsePortSpec).
  const containerPort = portText.slice(portText.lastIndexOf(':') + 1);
  const match = /^(\d+)(?:-(\d+))?$/.exec(containerPort);
  if (match) {
    port.from = Number(match[1]);
    port.to = Number(match[2] ?? match[1]);
  }
  return port;
}

const WHITESPACE = /\s/;

/** EXPOSE arguments; `expand` resolves `$PORT` (undefined when unknown, and the port is skipped). */
export function exposedPorts(instruction: Instruction, expand?: (text: string) => string | undefined): ExposedPort[] {
  const ports: ExposedPort[] = [];
  for (const arg of instruction.getArguments()) {
    const text = arg.getValue();
    const value = text.includes('$') ? expand?.(text) : text;
    if (value === undefined) continue;
    // One variable may hold several ports (`ARG PORTS="80 443"`); one without whitespace is one port.
    if (!WHITESPACE.test(value)) {
      if (value) ports.push(parsePort(text, value, arg.getRange()));
      continue;
    }
    for (const part of value.trim().split(/\s+/)) if (part) ports.push(parsePort(text, part, arg.getRange()));
  }
  return ports;
}
