import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../types';

export interface ExposedPort {
  text: string;
  range: Range;
  /** First and last port of `8000-8010`, and the protocol; undefined when it does not parse. */
  from?: number;
  to?: number;
  protocol: string;
}

/** EXPOSE arguments: `80`, `80/tcp`, `53/udp`, `8000-8010`; variables are left unparsed. */
export function exposedPorts(instruction: Instruction): ExposedPort[] {
  return instruction.getArguments().map((arg) => {
    const text = arg.getValue();
    const slash = text.indexOf('/');
    const portText = slash === -1 ? text : text.slice(0, slash);
    const protocol = slash === -1 ? 'tcp' : text.slice(slash + 1).toLowerCase();
    const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(portText);
    const port: ExposedPort = { text, range: arg.getRange(), protocol };
    if (match) {
      port.from = Number(match[1]);
      port.to = Number(match[2] ?? match[1]);
    }
    return port;
  });
}
