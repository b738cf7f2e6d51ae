import { joinedCommand } from '../dockerfile/exec-form';
import { defineRule } from '../rule';

/**
 * A double-quoted LABEL value with the same text. LABEL values go through Docker's word
 * processing (quote removal, `$VAR` expansion), MAINTAINER's did not, so `"`, `$` and the escape
 * character itself are escaped with the file's escape character (BuildKit's lexer unescapes
 * exactly those three inside double quotes).
 */
function labelValue(value: string, escapeChar: string): string {
  let out = '';
  for (const ch of value) out += ch === '"' || ch === '$' || ch === escapeChar ? escapeChar + ch : ch;
  return `"${out}"`;
}

export default defineRule({
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated',
  category: 'best-practice',
  severity: 'info',
  fixes: 'safe',
  refs: {
    hadolint: ['DL4000'],
    kics: ['MAINTAINER Instruction Being Used'],
    checkov: ['CKV_DOCKER_6'],
    trivy: ['DS022'],
    buildkit: ['MaintainerDeprecated'],
  },
  docs: {
    why: "MAINTAINER has been deprecated since Docker 1.13 and BuildKit warns about it. It sets the image's Author field, which few tools show; a `maintainer` label (or the standard `org.opencontainers.image.authors`) is shown by `docker inspect`, registries and scanners.",
    bad: 'MAINTAINER Jane Doe <jane@example.com>',
    good: 'LABEL maintainer="Jane Doe <jane@example.com>"',
    fix: 'Rewrites the instruction as `LABEL maintainer="..."`, joining continuation lines and escaping quotes and `$` so the label holds exactly the text MAINTAINER had.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const { model } = ctx;
    for (const instruction of model.instructionsNamed(undefined, 'MAINTAINER')) {
      const args = instruction.getArgumentsRange();
      const value = args
        ? joinedCommand(model, model.index.offset(args.start), model.index.offset(instruction.getRange().end))
        : '';
      const label = labelValue(value, model.escapeChar);
      const written = instruction.getInstruction();
      const keyword = written === written.toLowerCase() ? 'label' : 'LABEL';
      ctx.report({
        range: instruction.getInstructionRange(),
        message: value
          ? `MAINTAINER is deprecated; write ${keyword} maintainer=${label} instead`
          : 'MAINTAINER is deprecated; use LABEL maintainer="<name and email>" instead',
        fixes: value
          ? [
              {
                title: `Rewrite as ${keyword} maintainer=...`,
                edits: [{ range: instruction.getRange(), newText: `${keyword} maintainer=${label}` }],
                preferred: true,
              },
            ]
          : [],
      });
    }
  },
});
