import { exposedPorts } from '../dockerfile/expose';
import { defineRule } from '../rule';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export default defineRule({
  id: 'invalid-port',
  title: 'Invalid EXPOSE port',
  category: 'correctness',
  severity: 'error',
  refs: { hadolint: ['DL3011'], kics: ['UNIX Ports Out Of Range'], checkov: [] },
  docs: {
    why: 'Ports are numbers from 0 to 65535, optionally a range and a protocol (tcp, udp or sctp). Anything else fails the build or the container start.',
    bad: 'EXPOSE 80800\nEXPOSE 443/https',
    good: 'EXPOSE 8080\nEXPOSE 443/tcp',
    fix: 'None automatic: write a valid port, range or protocol.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const port of exposedPorts(instruction)) {
        if (port.text.includes('$')) continue;
        let problem: string | undefined;
        if (port.from === undefined) problem = 'is not a port number or range';
        else if (port.from > 65535 || port.to! > 65535) problem = 'is outside 0-65535';
        else if (port.to! < port.from) problem = 'is a range that ends before it starts';
        else if (!PROTOCOLS.has(port.protocol)) problem = `has an unknown protocol "${port.protocol}" (use tcp, udp or sctp)`;
        if (problem) ctx.report({ range: port.range, message: `EXPOSE ${port.text} ${problem}` });
      }
    }
  },
});
