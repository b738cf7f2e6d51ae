import { copyOperands } from '../dockerfile/copy-operands';
import { flag } from '../dockerfile/instruction-args';
import { unquote } from '../dockerfile/paths';
import { defineRule } from '../rule';

// A Git source: ADD clones it (`https://host/repo.git#ref`, `git@host:repo`).
const GIT_URL = /^(git@|[a-z][a-z0-9+.-]*:\/\/[^#]*\.git(#|$))/i;
// A full commit id pins a Git source as tightly as a checksum pins a file.
const COMMIT_REF = /#[0-9a-f]{40}(:|$)/i;

export default defineRule({
  id: 'add-remote-url',
  title: 'ADD of a URL without a checksum',
  category: 'security',
  severity: 'warning',
  refs: { cwe: 'CWE-494', kics: ['Curl or Wget Instead of Add'], checkov: ['CKV_DOCKER_4'] },
  docs: {
    why: '`ADD https://...` downloads at build time with no integrity check: if the server or anything in between changes the file, the image changes silently. `ADD --checksum=sha256:<digest>` (Dockerfile syntax 1.6+) verifies it; or download with curl and check with `sha256sum -c` in one RUN. A Git URL pinned to a full commit id (`repo.git#<40 hex>`) is verified by Git and is not reported. ARG values in the URL are expanded first.',
    bad: 'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
    good: 'ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \\\n    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini',
    fix: 'None automatic: add `--checksum=sha256:<digest>` with the digest of the file you reviewed (for a Git URL, pin `#<commit id>`).',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      for (const instruction of model.instructionsNamed(stage, 'ADD')) {
        if (flag(instruction, 'checksum')) continue;
        for (const source of copyOperands(instruction).sources) {
          let url = unquote(source.value);
          if (url.includes('$')) {
            const expanded = model.expandInStage(stage, url, instruction);
            if (expanded.unresolved) continue;
            url = expanded.value;
          }
          const git = GIT_URL.test(url);
          if (!git && !/^https?:\/\//i.test(url)) continue;
          if (git && COMMIT_REF.test(url)) continue;
          const shown = url === source.value ? url : `${source.value} (${url})`;
          ctx.report({
            range: source.range,
            message: git
              ? `ADD clones ${shown} at whatever that ref points to when the image is built; pin a full commit id (#<40-hex sha>) or add --checksum`
              : `ADD downloads ${shown} without verifying it; add --checksum=sha256:<digest> (or download with curl and check with sha256sum -c in a RUN)`,
          });
        }
      }
    }
  },
});
