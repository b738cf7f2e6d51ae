// Entry of dist/cli-dockerfile.js: what the CLI loads the first time it lints a Dockerfile.
export { dockerfileKind as kind } from '../../engine/file-kinds/dockerfile';
export { DOCKERFILE_RULES as rules } from '../../engine/rules/dockerfile-rules.generated';
