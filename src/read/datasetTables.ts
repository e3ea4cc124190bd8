// Finds a dataset's five tables, in whatever format and layout generate wrote them: the format
// manifest.json names; else the part files (`<table>.part-KKK-of-NNN.<ext>`, checked as merge checks
// them: one run, every part present, complete slices); else the one file of each table there is.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSource, memorySource, type ByteSource } from '../encoding/byteSource.js';
import { UsageError } from '../errors.js';
import { findPartSet } from '../merge/partSet.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { FILE_KINDS, fileKind, type FileKind, type TableInput } from './tableInput.js';

const MANIFEST = 'manifest.json';
const PART_MANIFEST = /^manifest\.part-\d+-of-\d+\.json$/;

export interface DatasetTables {
  /** The tables found, by name. */
  readonly tables: ReadonlyMap<TableName, TableInput>;
  /** The manifests that describe the files: manifest.json, or each part's manifest (none found: empty). */
  readonly manifests: readonly string[];
  /** The one-line error for a table that is not there. */
  missing(table: TableName): string;
}

function wholeTable(table: TableName, name: string, kind: FileKind, source: ByteSource, path: string | undefined): TableInput {
  return { table, name, files: [{ name, kind, source, ...(path !== undefined ? { path } : {}) }] };
}

/** Each table's `<table>.<kind>` file among `names`: of kind `only`, or else of whichever one kind is there. */
function probe(names: ReadonlySet<string>, location: string, open: (name: string) => ByteSource, only: FileKind | undefined, pathOf?: (name: string) => string): Map<TableName, TableInput> {
  const tables = new Map<TableName, TableInput>();
  for (const table of TABLE_NAMES) {
    const kinds = (only ? [only] : FILE_KINDS).filter((kind) => names.has(`${table}.${kind}`));
    if (kinds.length > 1) throw new UsageError(`${location} holds ${table} in more than one format (${kinds.map((kind) => `${table}.${kind}`).join(', ')}): keep one`);
    const kind = kinds[0];
    if (kind) tables.set(table, wholeTable(table, `${table}.${kind}`, kind, open(`${table}.${kind}`), pathOf?.(`${table}.${kind}`)));
  }
  return tables;
}

function missingMessage(location: string, table: TableName, kind: FileKind | undefined): string {
  if (kind) return `${join(location, `${table}.${kind}`)}: missing (a dataset has ${TABLE_NAMES.map((name) => `${name}.${kind}`).join(', ')})`;
  return `${join(location, `${table}.csv`)}: missing (a dataset has ${TABLE_NAMES.join(', ')}, each as .${FILE_KINDS.join(', .')} or as --part files)`;
}

/** The format manifest.json names (`jsonl.gz`...), when it is readable and names one. */
async function manifestKind(dir: string): Promise<FileKind | undefined> {
  let fields: { format?: unknown; compression?: unknown };
  try {
    fields = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as typeof fields;
  } catch {
    return undefined;
  }
  const kind = `${String(fields.format)}${fields.compression === 'gzip' ? '.gz' : ''}`;
  return (FILE_KINDS as readonly string[]).includes(kind) ? (kind as FileKind) : undefined;
}

/** The tables of the dataset in `dir`. Rejects with UsageError when it cannot be read or its parts do not make a whole. */
export async function datasetTablesIn(dir: string): Promise<DatasetTables> {
  const names = new Set(
    await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${dir}: cannot read the directory (${error.code ?? error.message})`);
    }),
  );
  const open = (name: string): ByteSource => fileSource(join(dir, name));
  const pathOf = (name: string): string => join(dir, name);
  if (names.has(MANIFEST)) {
    const kind = await manifestKind(dir);
    return { tables: probe(names, dir, open, kind, pathOf), manifests: [MANIFEST], missing: (table) => missingMessage(dir, table, kind) };
  }
  const partManifests = [...names].filter((name) => PART_MANIFEST.test(name)).sort();
  if (partManifests.length > 0) {
    const set = await findPartSet(dir);
    const tables = new Map<TableName, TableInput>();
    for (const [table, parts] of set.tables) {
      const files = parts.map((part) => {
        const kind = fileKind(part.entry.file);
        if (!kind) throw new UsageError(`${part.path}: not a format ecomgen reads (${FILE_KINDS.join(', ')})`);
        return { name: part.entry.file, kind, source: fileSource(part.path), path: part.path };
      });
      const name = (files[0]?.name ?? table).replace(/\.part-\d+-of-/, '.part-*-of-');
      tables.set(table, { table, name, files });
    }
    const kind = [...tables.values()][0]?.files[0]?.kind;
    return { tables, manifests: partManifests, missing: (table) => `${dir}: the parts hold no ${table} table (generated with --tables?)${kind ? `; ${missingMessage(dir, table, kind)}` : ''}` };
  }
  return { tables: probe(names, dir, open, undefined, pathOf), manifests: [], missing: (table) => missingMessage(dir, table, undefined) };
}

/** The tables of a dataset held in memory as file contents by name (customers.csv, orders.jsonl.gz, ...). */
export function memoryDatasetTables(files: Readonly<Record<string, Uint8Array | string>>, label: string): DatasetTables {
  const names = new Set(Object.keys(files).filter((name) => Object.hasOwn(files, name)));
  const tables = probe(names, label, (name) => memorySource(name, files[name] as Uint8Array | string), undefined);
  return { tables, manifests: [], missing: (table) => `${table}.csv: missing (a dataset has ${TABLE_NAMES.map((name) => `${name}.csv`).join(', ')})` };
}
