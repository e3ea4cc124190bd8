// `ecomgen list`: the datasets under a folder, from their manifests and run journals alone (never a table
// file, so listing a folder of many large datasets stays quick).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseJournal, type RunIdentity, type RunJournal } from '../writer/journal.js';
import { parseManifest, type Manifest, type ManifestFile } from '../writer/manifest.js';
import { readStateFile } from '../writer/stateFields.js';
import { JOURNAL_NAME, MANIFEST_NAME } from './cleanPlan.js';
import { MAX_LIST_DEPTH } from './listDepth.js';

const SKIPPED = new Set(['node_modules', '.git']);

export interface DatasetListing {
  /** The dataset's directory, as given under the root. */
  readonly path: string;
  /** The state file it was read from: manifest.json, manifest.part-001-of-004.json, .ecomgen-journal.json. */
  readonly stateFile: string;
  readonly status: 'complete' | 'interrupted' | 'damaged';
  /** What is wrong with a damaged state file. */
  readonly problem?: string;
  readonly environment?: string;
  readonly seed?: number;
  readonly format?: string;
  readonly compression?: string;
  readonly tables?: readonly string[];
  /** Tables whose file is complete (all of them for a complete dataset). */
  readonly tablesComplete?: readonly string[];
  readonly part?: { readonly index: number; readonly count: number } | null;
  readonly rows?: number;
  readonly bytes?: number;
  /** The state file's modification time, ISO UTC. */
  readonly date: string;
  readonly schemaVersion?: number;
}

function totals(files: readonly ManifestFile[]): { rows: number; bytes: number } {
  return { rows: files.reduce((sum, file) => sum + file.rows, 0), bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

function identityFields(identity: Pick<RunIdentity, 'seed' | 'format' | 'compression' | 'tables' | 'part'>): Partial<DatasetListing> {
  return { seed: identity.seed, format: identity.format, compression: identity.compression, tables: identity.tables, part: identity.part };
}

/** One line of the list from a manifest. */
export function manifestListing(path: string, stateFile: string, manifest: Manifest, date: Date): DatasetListing {
  return {
    path,
    stateFile,
    status: 'complete',
    environment: manifest.environment,
    ...identityFields(manifest),
    tablesComplete: manifest.files.map((file) => file.table),
    ...totals(manifest.files),
    date: date.toISOString(),
    schemaVersion: manifest.schema_version,
  };
}

/** One line of the list from the journal of a run that did not finish (no manifest of its part). */
export function journalListing(path: string, stateFile: string, journal: RunJournal, date: Date): DatasetListing {
  return { path, stateFile, status: 'interrupted', ...identityFields(journal.identity), tablesComplete: journal.files.map((file) => file.table), ...totals(journal.files), date: date.toISOString() };
}

function partOf(stateFile: string): string {
  return /\.part-\d+-of-\d+(?=\.json$)/.exec(stateFile)?.[0] ?? '';
}

async function readListing(directory: string, stateFile: string): Promise<DatasetListing | undefined> {
  const file = join(directory, stateFile);
  const date = await stat(file).then((info) => info.mtime, () => undefined);
  const manifest = MANIFEST_NAME.test(stateFile);
  const read = manifest ? await readStateFile(file, parseManifest) : await readStateFile(file, parseJournal);
  if (read === undefined || date === undefined) return undefined;
  if (typeof read === 'string') return { path: directory, stateFile, status: 'damaged', problem: read, date: date.toISOString() };
  return 'identity' in read ? journalListing(directory, stateFile, read, date) : manifestListing(directory, stateFile, read, date);
}

/** The datasets one directory holds: a line per manifest, and per journal whose part has no manifest. */
async function listDirectory(directory: string, names: readonly string[]): Promise<DatasetListing[]> {
  const manifests = names.filter((name) => MANIFEST_NAME.test(name));
  const finished = new Set(manifests.map(partOf));
  const journals = names.filter((name) => JOURNAL_NAME.test(name) && !finished.has(partOf(name)));
  const listings: DatasetListing[] = [];
  for (const stateFile of [...manifests, ...journals]) {
    const listing = await readListing(directory, stateFile);
    if (listing) listings.push(listing);
  }
  return listings;
}

/** Every dataset under `root` (the root itself included), at most MAX_LIST_DEPTH levels down, sorted by path. */
export async function listDatasets(root: string): Promise<DatasetListing[]> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`list: cannot use ${root} (${error.code === 'ENOENT' ? 'no such directory' : (error.code ?? error.message)})`);
  });
  if (!info.isDirectory()) throw new UsageError(`list: ${root} is not a directory`);
  const found: DatasetListing[] = [];
  const walk = async (directory: string, depth: number): Promise<void> => {
    // A folder we may not read is skipped: it holds nothing we could list.
    const dirents = await readdir(directory, { withFileTypes: true }).catch(() => []);
    found.push(...(await listDirectory(directory, dirents.filter((dirent) => dirent.isFile()).map((dirent) => dirent.name))));
    if (depth >= MAX_LIST_DEPTH) return;
    // isDirectory() is false for a symbolic link: links are not followed (no loops, no escaping the root).
    for (const dirent of dirents) {
      if (dirent.isDirectory() && !SKIPPED.has(dirent.name)) await walk(join(directory, dirent.name), depth + 1);
    }
  };
  await walk(root, 0);
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.stateFile.localeCompare(b.stateFile));
}
