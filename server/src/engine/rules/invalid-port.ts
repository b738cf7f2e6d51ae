import { exposedPorts } from '../dockerfile/expose';
import { defineRule } from '../rule';

// Docker accepts these protocols, in any case (nat.ParsePortSpec lower-cases them).
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export default defineRule({
  id: 'invalid-port',
  title: 'Invalid EXPOSE port',
  category: 'correctness',
  severity: 'error',
  refs: {
    cwe: 'CWE-682',
    hadolint: ['DL3011'],
    kics: ['UNIX Ports Out Of Range'],
    checkov: [],
    trivy: ['DS008'],
    buildkit: ['ExposeInvalidFormat'],
  },
  docs: {
    why: 'EXPOSE takes container ports from 0 to 65535, optionally a range (`8000-8010`) and a protocol (tcp, udp or sctp). Anything else fails the build, and a host mapping (`8080:80`, `127.0.0.1:80:80`) is not what EXPOSE does: BuildKit warns (ExposeInvalidFormat) and will reject it; publish ports with `docker run -p` or Compose `ports:`. ARG and ENV values are expanded first.',
    bad: 'EXPOSE 80800\nEXPOSE 443/https\nEXPOSE 8080:80',
    good: 'EXPOSE 8080\nEXPOSE 443/tcp\nEXPOSE 80',
    fix: 'None automatic: write a valid port, range or protocol.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'EXPOSE')) {
        const expand = (text: string) => {
          const expanded = model.expandInStage(stage, text, instruction);
          return expanded.unresolved ? undefined : expanded.value;
        };
        for (const port of exposedPorts(instruction, expand)) {
          let problem: string | undefined;
          if (port.from === undefined) problem = 'is not a port number or range; write a number from 0 to 65535';
          else if (port.from > 65535 || port.to! > 65535) problem = 'is outside 0-65535';
          else if (port.to! < port.from) problem = `is a range that ends before it starts; write ${port.to}-${port.from}`;
          else if (!PROTOCOLS.has(port.protocol)) problem = `has an unknown protocol "${port.protocol}"; use tcp, udp or sctp`;
          else if (port.hostMapping)
            problem = `maps a host port, which EXPOSE does not do; write EXPOSE ${port.from === port.to ? port.from : `${port.from}-${port.to}`} and publish with docker run -p or Compose ports:`;
          if (!problem) continue;
          const shown = port.value === port.text ? port.text : `${port.text} (${port.value})`;
          ctx.report({ range: port.range, message: `EXPOSE ${shown} ${problem}` });
        }
      }
    }
  },
});
