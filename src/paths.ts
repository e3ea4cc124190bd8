import { fileURLToPath } from 'node:url';

/** The installed package's root (this file is dist/src/paths.js), where config/ and schemas/ ship. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../../config/config.yaml', import.meta.url));
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const SHARD_WORKER_FILE = fileURLToPath(new URL('../workers/generateShard.js', import.meta.url));
