import { unquoteFlagValue } from '../dockerfile/instruction-args';
import type { Flag } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';
import type { DockerfileModel } from '../dockerfile/model';

/** Removes a flag and the whitespace after it. */
function removeFlag(model: DockerfileModel, flag: Flag): TextEdit {
  const start = model.index.offset(flag.getRange().start);
  let end = model.index.offset(flag.getRange().end);
  while (end < model.text.length && (model.text[end] === ' ' || model.text[end] === '\t')) end++;
  return { range: model.index.range(start, end), newText: '' };
}

export default defineRule({
  id: 'insecure-build',
  title: 'RUN with insecure build privileges',
  category: 'security',
  severity: 'error',
  fixes: 'changes-behaviour',
  refs: { cwe: 'CWE-250', hadolint: [], kics: [], checkov: [], buildkit: [] },
  docs: {
    why: "`RUN --security=insecure` runs the step without the build sandbox (like `docker run --privileged`), and `RUN --network=host` gives it the build host's network, including services bound to localhost and cloud metadata endpoints. Both need the builder's `--allow-insecure-entitlement`; a Dockerfile that asks for them lets any compromised step in the build reach the host.",
    bad: 'RUN --security=insecure mount -t tmpfs none /mnt',
    good: 'RUN --mount=type=tmpfs,target=/mnt ./build.sh',
    fix: 'Removes the flag.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    for (const script of ctx.model.runScripts) {
      for (const flag of script.flags) {
        const name = flag.getName().toLowerCase();
        const value = unquoteFlagValue(flag.getValue() ?? '').toLowerCase();
        const insecure = (name === 'security' && value === 'insecure') || (name === 'network' && value === 'host');
        if (!insecure) continue;
        ctx.report({
          range: flag.getRange(),
          message:
            name === 'security'
              ? 'RUN --security=insecure runs this step outside the build sandbox, with host privileges; remove it'
              : "RUN --network=host gives this step the build host's network (localhost services, metadata endpoints); remove it",
          fixes: [{ title: `Remove --${name}=${flag.getValue()}`, edits: [removeFlag(ctx.model, flag)], preferred: true }],
        });
      }
    }
  },
});
