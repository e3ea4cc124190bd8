import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import { partSuffix } from '../plan/planShards.js';
import type { Manifest, ManifestFile } from '../writer/manifest.js';
import { recordedParquetCodec } from '../encoding/parquet/parquetCodec.js';

/** One table's slice in one part: the file, where it is, and what its part manifest says about it. */
export interface PartFile {
  readonly index: number;
  readonly path: string;
  readonly entry: ManifestFile;
}

export interface PartSet {
  readonly count: number;
  /** Part manifests in part order (1..count); all agree on everything but `part` and `files`. */
  readonly manifests: readonly Manifest[];
  /** Per table (in the manifests' table order), its part files in part order. */
  readonly tables: ReadonlyMap<TableName, readonly PartFile[]>;
}

const PART_NAME = /^(.+)\.part-(\d+)-of-(\d+)(\..+)$/;
const list = (names: readonly string[]): string => names.slice(0, 3).join(', ') + (names.length > 3 ? ', ...' : '');

interface ParsedName {
  readonly name: string;
  /** `manifest` or a table name. */
  readonly stem: string;
  readonly index: number;
  readonly count: number;
}

function parsePartName(name: string): ParsedName | undefined {
  const match = PART_NAME.exec(name);
  if (!match) return undefined;
  const stem = match[1] as string;
  if (stem !== 'manifest' && !(TABLE_NAMES as readonly string[]).includes(stem)) return undefined;
  return { name, stem, index: Number(match[2]), count: Number(match[3]) };
}

/**
 * Every key of a part manifest except those that differ between parts: `part`, `files`, and of a dirty
 * run's `defects` all but the settings (each part has its own answer key and counts). A Parquet part's
 * codec is always among them.
 */
function sharedFields(manifest: Manifest): Map<string, string> {
  const fields = new Map(
    Object.entries(manifest)
      .filter(([key]) => key !== 'part' && key !== 'files')
      .map(([key, value]) => [key, JSON.stringify(key === 'defects' ? (value as Manifest['defects'])?.settings : value)]),
  );
  // A Parquet part manifest of an older build has no parquet_compression: its pages are zstd, so it
  // joins zstd parts and no others (one table file of one codec).
  const codec = recordedParquetCodec(manifest);
  if (codec !== undefined) fields.set('parquet_compression', JSON.stringify(codec));
  return fields;
}

async function readPartManifest(dir: string, name: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, name), 'utf8')) as Manifest;
  } catch (error) {
    throw new UsageError(`${join(dir, name)}: cannot read it as JSON (${(error as Error).message})`);
  }
  if (!manifest || typeof manifest !== 'object' || !manifest.part || !Array.isArray(manifest.files) || !Array.isArray(manifest.tables)) {
    throw new UsageError(`${join(dir, name)} is not a part manifest of ecomgen (no part, files or tables)`);
  }
  return manifest;
}

/**
 * Finds the parts of one dataset in a directory and checks that they make a whole: one split (the same
 * N everywhere), every part 1..N present exactly once with its manifest, manifests that agree on seed,
 * counts, config and schemas, and slices that tile each table's ids 1..rows with no gap or overlap.
 */
export async function findPartSet(dir: string): Promise<PartSet> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${dir}: cannot read the directory (${error.code ?? error.message})`);
  });
  const parts = names.map(parsePartName).filter((parsed): parsed is ParsedName => parsed !== undefined);
  const manifestNames = parts.filter((part) => part.stem === 'manifest');
  if (manifestNames.length === 0) throw new UsageError(`${dir} holds no part manifests (manifest.part-KKK-of-NNN.json); nothing to merge`);
  const counts = [...new Set(parts.map((part) => part.count))];
  if (counts.length > 1) {
    throw new UsageError(`${dir} mixes parts of different splits (${counts.map((count) => `-of-${count}`).join(', ')}); keep the parts of one run only`);
  }
  const count = counts[0] as number;

  // Exactly one manifest (and below, one file per table) for each part 1..N.
  const byIndex = new Map<number, ParsedName[]>();
  for (const part of manifestNames) byIndex.set(part.index, [...(byIndex.get(part.index) ?? []), part]);
  for (const [index, found] of byIndex) {
    if (index < 1 || index > count) throw new UsageError(`${found[0]?.name} names part ${index}, outside 1..${count}`);
    if (found.length > 1) throw new UsageError(`part ${index} of ${count} is there twice: ${found.map((part) => part.name).join(', ')}`);
  }
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) {
    if (!byIndex.has(index)) missing.push(`manifest${partSuffix({ index, count })}.json`);
  }
  if (missing.length > 0) throw new UsageError(`${missing.length === 1 ? 'a part is' : `${missing.length} parts are`} missing: ${list(missing)} not found in ${dir}`);

  const manifests: Manifest[] = [];
  for (let index = 1; index <= count; index++) {
    const name = (byIndex.get(index) as ParsedName[])[0]?.name as string;
    const manifest = await readPartManifest(dir, name);
    if (manifest.part?.index !== index || manifest.part.count !== count) {
      throw new UsageError(`${name} describes part ${manifest.part?.index} of ${manifest.part?.count}, not part ${index} of ${count}`);
    }
    manifests.push(manifest);
  }
  const first = sharedFields(manifests[0] as Manifest);
  const firstName = (byIndex.get(1) as ParsedName[])[0]?.name as string;
  manifests.forEach((manifest, position) => {
    const fields = sharedFields(manifest);
    const keys = new Set([...first.keys(), ...fields.keys()]);
    for (const key of keys) {
      if (first.get(key) !== fields.get(key)) {
        const name = (byIndex.get(position + 1) as ParsedName[])[0]?.name as string;
        throw new UsageError(`${name} disagrees with ${firstName} on ${key}: the parts come from different runs`);
      }
    }
  });

  const reference = manifests[0] as Manifest;
  const tables = new Map<TableName, PartFile[]>();
  for (const table of reference.tables) {
    const onDisk = parts.filter((part) => part.stem === table);
    const files: PartFile[] = [];
    for (const [position, manifest] of manifests.entries()) {
      const index = position + 1;
      const entry = manifest.files.find((file) => file.table === table);
      if (!entry) throw new UsageError(`manifest${partSuffix({ index, count })}.json lists no file for ${table}`);
      const spellings = onDisk.filter((part) => part.index === index).map((part) => part.name);
      if (spellings.length > 1) throw new UsageError(`part ${index} of ${count} of ${table} is there twice: ${spellings.join(', ')}`);
      if (!names.includes(entry.file)) throw new UsageError(`part ${index} of ${count} of ${table} is missing: ${entry.file} not found in ${dir}`);
      const size = (await stat(join(dir, entry.file))).size;
      if (size !== entry.bytes) throw new UsageError(`${entry.file} has ${size} bytes but its part manifest records ${entry.bytes}: incomplete or changed`);
      const previous = files[files.length - 1];
      const expectedFirst = previous ? previous.entry.last_id + 1 : 1;
      // A dirty slice may hold more rows than ids (a duplicated row, a late row from the slice before).
      if (entry.first_id !== expectedFirst || (!reference.defects && entry.rows > entry.last_id - entry.first_id + 1)) {
        throw new UsageError(`${entry.file} holds ids ${entry.first_id}..${entry.last_id}; expected the slice to start at ${expectedFirst}`);
      }
      files.push({ index, path: join(dir, entry.file), entry });
    }
    const last = files[files.length - 1] as PartFile;
    if (last.entry.last_id !== reference.counts[table]) {
      throw new UsageError(`the parts of ${table} end at id ${last.entry.last_id} but the dataset has ${reference.counts[table]} rows`);
    }
    tables.set(table, files);
  }
  return { count, manifests, tables };
}
