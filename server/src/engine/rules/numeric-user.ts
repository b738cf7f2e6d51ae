import { isRootUser, userPart } from '../dockerfile/model';
import { userInForce } from '../dockerfile/stage-user';
import { defineRule } from '../rule';

export default defineRule({
  id: 'numeric-user',
  title: 'USER by name instead of UID',
  category: 'best-practice',
  severity: 'off',
  strictSeverity: 'info',
  refs: {},
  docs: {
    why: 'Kubernetes `runAsNonRoot` can only verify a numeric user: with `USER app` the kubelet cannot tell whether "app" is root and refuses to start the pod ("container has runAsNonRoot and image has non-numeric user"). A UID (`USER 10001:10001`) is also unambiguous across base images. Only the USER the image runs as (the last one of the final stage) matters; root is left to root-user, and Windows images, which have no UIDs, are not checked.',
    bad: 'FROM node:22-slim\nUSER node',
    good: 'FROM node:22-slim\nUSER 1000:1000',
    fix: 'None automatic: look up the UID the image gives that user (`id -u app`) and write it.',
  },
  reach: 'stage',
  dockerfile(ctx) {
    const final = ctx.model.finalStage;
    const found = final && userInForce(final);
    // Windows containers have no UIDs (ContainerUser, ContainerAdministrator); runAsNonRoot is Linux-only.
    if (!found || final.isWindows) return;
    const { stage, instruction } = found;
    const written = (instruction.getArgumentsContent() ?? '').trim();
    const expanded = ctx.model.expandInStage(stage, written, instruction);
    if (!written || expanded.unresolved) return;
    const user = userPart(expanded.value);
    if (/^\d+$/.test(user) || isRootUser(user)) return;
    const shown = expanded.value === written ? `"${user}"` : `"${written}" ("${user}")`;
    ctx.report({
      range: instruction.getArgumentsRange() ?? instruction.getRange(),
      message: `The image runs as USER ${shown}, a name; write its numeric UID (e.g. USER 10001:10001) so Kubernetes runAsNonRoot can verify it is not root`,
    });
  },
});
