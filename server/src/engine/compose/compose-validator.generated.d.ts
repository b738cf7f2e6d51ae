// Types of the generated standalone validator (scripts/generate-compose-validator.mjs).
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
