// The library entry: `import { generate } from 'ecomgen'` builds the same datasets as the CLI.
export { generate, TOOL_VERSION, type GenerateOptions, type GenerateResult } from './generate.js';
export type { Manifest, ManifestFile } from './writer/manifest.js';
export { TABLE_NAMES, type TableName, type TableCounts } from './config/configTypes.js';
export { loadConfig } from './config/loadConfig.js';
export { loadSchemas } from './schema/loadSchemas.js';
export type { ColumnSchema, TableSchema, SchemaSet } from './schema/schemaTypes.js';
export { UsageError, RuntimeFailure, ConfigError, SchemaError } from './errors.js';
export type { ProgressEvent } from './log/progress.js';
export { profileDataset } from './profile/profileDataset.js';
export { formatProfile } from './profile/formatProfile.js';
export type { DatasetProfile } from './profile/profileTypes.js';
