import { userPart } from '../dockerfile/model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'numeric-user',
  title: 'USER by name instead of UID',
  category: 'best-practice',
  severity: 'off',
  strictSeverity: 'info',
  refs: { checkov: [] },
  docs: {
    why: 'Kubernetes `runAsNonRoot` can only verify a numeric user: with `USER app` the kubelet cannot tell whether "app" is root and refuses to start the pod (or the check is skipped). A UID (`USER 10001:10001`) is also unambiguous across base images.',
    bad: 'FROM node:22-slim\nUSER node',
    good: 'FROM node:22-slim\nUSER 1000:1000',
    fix: 'None automatic: look up the UID the image gives that user (`id -u app`) and write it.',
  },
  dockerfile(ctx) {
    for (const stage of ctx.model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'USER') continue;
        const written = (instruction.getArgumentsContent() ?? '').trim();
        const expanded = ctx.model.expandInStage(stage, written, instruction);
        if (!written || expanded.unresolved) continue;
        const user = userPart(expanded.value);
        if (/^\d+$/.test(user)) continue;
        ctx.report({
          range: instruction.getArgumentsRange() ?? instruction.getRange(),
          message: `USER "${user}" is a name; use its numeric UID so Kubernetes runAsNonRoot can verify it`,
        });
      }
    }
  },
});
