import { importDuckdb } from '../duckdbModule.js';
import type { LoadTarget } from './loadTarget.js';
import type { Warehouse } from './warehouse.js';

/** Opens the DuckDB file or connects to the PostgreSQL server `--into` names. */
export async function openWarehouse(target: LoadTarget, timeoutMs: number, onWarning: (message: string) => void): Promise<Warehouse> {
  // Imported on use: the DuckDB native binding alone adds ~0.25 s to the start of every ecomgen command,
  // and it is an optional dependency (a clear one-line error when it is not installed).
  if (target.kind === 'duckdb') await importDuckdb(`load --into ${target.display}`);
  return target.kind === 'duckdb'
    ? (await import('./duckdbWarehouse.js')).DuckdbWarehouse.open(target.path, target.display)
    : (await import('./postgresWarehouse.js')).PostgresWarehouse.connect({ ...target, timeoutMs }, onWarning);
}
