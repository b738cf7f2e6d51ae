// Entry of dist/cli-compose.js: what the CLI loads the first time it lints a Compose file.
export { composeKind as kind } from '../../engine/file-kinds/compose';
export { COMPOSE_RULES as rules } from '../../engine/rules/compose-rules.generated';
// What a folder walk asks when it finds YAML files that are not named like Compose files (esbuild.mjs).
export { composeFileSet, mayReach } from '../../engine/compose/project/find';
export { referencedFiles } from '../../engine/compose/project/fragments';
