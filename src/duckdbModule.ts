// DuckDB is an optional dependency (its native binding is most of an install's size): only `load --into
// duckdb:` needs it (Parquet is written by parquet-wasm), so it is imported when a load starts, and its
// absence is a one-line error saying what needs it and how to install it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckdbMissingError } from './errors.js';
import { PACKAGE_ROOT } from './paths.js';

const PACKAGE = '@duckdb/node-api';

type DuckdbModule = typeof import('@duckdb/node-api');

/** The version this package was tested with, from its package.json. */
function pinnedVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
    const version = manifest.optionalDependencies?.[PACKAGE];
    return version === undefined ? PACKAGE : `${PACKAGE}@${version}`;
  } catch {
    return PACKAGE;
  }
}

/** DuckDB's module; `purpose` (e.g. `--format parquet`) names what needs it in the error when it is absent. */
export async function importDuckdb(purpose: string): Promise<DuckdbModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The package itself, or its platform binding (@duckdb/node-bindings-<platform>), is not there.
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes('@duckdb/')) {
      throw new DuckdbMissingError(`${purpose} needs DuckDB, an optional dependency that is not installed: run npm install ${pinnedVersion()}`);
    }
    throw error;
  }
}
