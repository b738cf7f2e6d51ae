// Entry of dist/cli-dockerfile.js: what the CLI loads the first time it lints a Dockerfile.
export { dockerfileKind as kind } from '../../engine/file-kinds/dockerfile';
export { DOCKERFILE_RULES as rules } from '../../engine/rules/dockerfile-rules.generated';
// What Compose code and the rules that check both kinds call only for a Dockerfile (esbuild.mjs):
// a Compose lint loads this file only when a service builds one.
export { lineage, parseDockerfile } from '../../engine/dockerfile/model';
export { copyOperands } from '../../engine/dockerfile/copy-operands';
export { createdUser, findStage, stageUser, suggestedUser } from '../../engine/dockerfile/stage-user';
export { stagesInBuild } from '../../engine/dockerfile/shipped-stages';
