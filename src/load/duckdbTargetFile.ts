import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';

// Every DuckDB database file starts with a 64-bit checksum, then the magic bytes "DUCK" (checked
// against files @duckdb/node-api writes; test/unit/load/duckdbTargetFile.test.ts keeps checking it).
const MAGIC = Buffer.from('DUCK', 'latin1');
const MAGIC_OFFSET = 8;

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/**
 * What `--into duckdb:<path>` names, checked before DuckDB opens it: DuckDB opens a file that is not one
 * of its databases (a .json, a .csv) as an empty in-memory database, so a load would report success and
 * save nothing. A path that exists must be a DuckDB database; a new path needs an existing directory.
 */
export async function checkDuckdbTarget(path: string, display: string): Promise<'new' | 'existing'> {
  const found = await stat(path).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new UsageError(`--into: cannot read ${display} (${errorCode(error)})`);
  });
  if (found === undefined) {
    const parent = await stat(dirname(path)).catch(() => undefined);
    if (!parent?.isDirectory()) throw new UsageError(`--into: the directory of ${display} does not exist`);
    return 'new';
  }
  const notDuckdb = `--into: ${display} is not a DuckDB database`;
  if (!found.isFile()) throw new UsageError(`${notDuckdb} (it is a directory or a special file); name a DuckDB file or a new path`);
  const header = Buffer.alloc(MAGIC_OFFSET + MAGIC.length);
  let bytesRead: number;
  try {
    const handle = await open(path, 'r');
    try {
      ({ bytesRead } = await handle.read(header, 0, header.length, 0));
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`--into: cannot read ${display} (${errorCode(error)})`);
  }
  if (bytesRead < header.length || !header.subarray(MAGIC_OFFSET).equals(MAGIC)) {
    throw new UsageError(`${notDuckdb} file; name a DuckDB file or a new path (ecomgen does not change other files)`);
  }
  return 'existing';
}
