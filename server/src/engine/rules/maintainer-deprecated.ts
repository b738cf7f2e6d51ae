import { defineRule } from '../rule';

export default defineRule({
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated',
  category: 'best-practice',
  severity: 'info',
  refs: { hadolint: ['DL4000'], kics: ['MAINTAINER Instruction Being Used'], buildkit: ['MaintainerDeprecated'], checkov: [] },
  docs: {
    why: 'MAINTAINER has been deprecated since Docker 1.13: it sets a field no tool reads. A `maintainer` (or the standard `org.opencontainers.image.authors`) label is shown by `docker inspect` and registries.',
    bad: 'MAINTAINER Jane Doe <jane@example.com>',
    good: 'LABEL maintainer="Jane Doe <jane@example.com>"',
    fix: 'Rewrites the instruction as `LABEL maintainer="..."`, escaping quotes.',
  },
  dockerfile(ctx) {
    for (const instruction of ctx.model.instructions) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const value = (instruction.getArgumentsContent() ?? '').trim();
      const quoted = JSON.stringify(value);
      const lower = instruction.getInstruction() === instruction.getInstruction().toLowerCase();
      ctx.report({
        range: instruction.getInstructionRange(),
        message: `MAINTAINER is deprecated; use LABEL maintainer=${quoted}`,
        fixes: value
          ? [
              {
                title: 'Rewrite as LABEL maintainer=...',
                edits: [{ range: instruction.getRange(), newText: `${lower ? 'label' : 'LABEL'} maintainer=${quoted}` }],
                preferred: true,
              },
            ]
          : [],
      });
    }
  },
});
