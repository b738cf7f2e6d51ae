import { argsOf, flag } from '../dockerfile/instruction-args';
import { defineRule } from '../rule';

export default defineRule({
  id: 'add-remote-url',
  title: 'ADD of a URL without a checksum',
  category: 'security',
  severity: 'warning',
  refs: { cwe: 'CWE-494', hadolint: ['DL3020'], kics: ['Curl or Wget Instead of Add'], checkov: [], buildkit: [] },
  docs: {
    why: '`ADD https://...` downloads at build time with no integrity check: if the server or anything in between changes the file, the image changes silently. `ADD --checksum=sha256:<digest>` (Dockerfile 1.6+) verifies it; or download with curl and check with sha256sum in one RUN.',
    bad: 'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
    good: 'ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \\\n    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
    fix: 'None automatic: add `--checksum=sha256:<digest>` with the digest of the file you reviewed.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'ADD' || flag(instruction, 'checksum')) continue;
      for (const source of argsOf(instruction).slice(0, -1)) {
        if (!/^https?:\/\//i.test(source.value)) continue;
        ctx.report({
          range: source.range,
          message: `ADD downloads ${source.value} without verifying it; add --checksum=sha256:<digest> (or curl + sha256sum -c in a RUN)`,
        });
      }
    }
  },
});
