import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableName } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import type { SchemaSet } from '../schema/schemaTypes.js';

export interface DatasetTable {
  readonly table: TableName;
  readonly path: string;
  /** Rows promised by manifest.json, when the directory has one. */
  readonly manifestRows?: number;
}

interface ManifestEntry {
  readonly table?: unknown;
  readonly file?: unknown;
  readonly rows?: unknown;
  readonly bytes?: unknown;
}

/** The first line of a text file, without its newline. */
export async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

async function readManifestEntries(dir: string): Promise<Map<string, ManifestEntry> | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`${join(dir, 'manifest.json')}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  let manifest: { format?: unknown; files?: unknown };
  try {
    manifest = JSON.parse(text) as { format?: unknown; files?: unknown };
  } catch {
    throw new UsageError(`${join(dir, 'manifest.json')} is not valid JSON`);
  }
  if (manifest.format !== undefined && manifest.format !== 'csv') {
    throw new UsageError(`${dir} holds a ${String(manifest.format)} dataset; load reads CSV datasets`);
  }
  const files = Array.isArray(manifest.files) ? (manifest.files as ManifestEntry[]) : [];
  return new Map(files.map((entry) => [String(entry.file), entry]));
}

/**
 * Finds the five CSVs of a dataset directory and checks, before anything is loaded, that each has the
 * schema's header and, when manifest.json is there, the size the manifest records.
 */
export async function findDatasetTables(dir: string, tables: readonly TableName[], schemas: SchemaSet): Promise<DatasetTable[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${dir}: cannot read the dataset directory (${error.code ?? error.message})`);
  });
  const manifest = await readManifestEntries(dir);
  const found: DatasetTable[] = [];
  for (const table of tables) {
    const file = `${table}.csv`;
    const path = join(dir, file);
    if (!names.includes(file)) {
      const hasParts = names.some((name) => name.startsWith(`${table}.part-`));
      throw new UsageError(`${dir} has no ${file}${hasParts ? ' (it holds part files: run `ecomgen merge` on it first)' : ''}`);
    }
    const header = await firstLine(path);
    const expected = schemas[table].columns.map((column) => column.name).join(',');
    if (header !== expected) throw new UsageError(`${path}: header does not match the ${table} schema (expected ${expected})`);
    const entry = manifest?.get(file);
    if (manifest && !entry) throw new UsageError(`${join(dir, 'manifest.json')} does not list ${file}`);
    if (entry && typeof entry.bytes === 'number') {
      const size = (await stat(path)).size;
      if (size !== entry.bytes) throw new UsageError(`${path} has ${size} bytes but manifest.json records ${entry.bytes}`);
    }
    found.push({ table, path, ...(entry && typeof entry.rows === 'number' ? { manifestRows: entry.rows } : {}) });
  }
  return found;
}
