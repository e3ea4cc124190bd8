// Error kinds decide the exit code: bad input (2) is the user's to fix, a runtime failure (1) is not.
export class UsageError extends Error {}

export class RuntimeFailure extends Error {}

export { ConfigError } from './config/yamlReader.js';
export { SchemaError } from './schema/loadSchemas.js';
