// `validateDataset(dir)` and `validateFiles({ files })`: the same checks (see DatasetValidation) over a
// directory of files or over the same files held in memory.
import { UsageError } from '../errors.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { DEFAULT_SCHEMA_DIR } from '../paths.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import { directorySource, memoryDatasetSource, type DatasetFiles, type DatasetSource } from './datasetSource.js';
import { DatasetValidation } from './datasetValidation.js';
import { checkManifest } from './manifestCheck.js';
import { buildReport, type ValidationReport } from './report.js';

export { DatasetUnreadable } from './datasetUnreadable.js';
export type { DatasetFiles } from './datasetSource.js';

/** Most offending rows a rule keeps: the report, examples and all, is built in memory. */
export const MAX_EXAMPLES = 1000;

export interface ValidateOptions {
  /** Schema directory (default: the package's schemas/). */
  readonly schemaDir?: string;
  /** Offending rows kept per rule (default 5, at most MAX_EXAMPLES). */
  readonly examples?: number;
}

async function validateSource(source: DatasetSource, options: ValidateOptions, started: number): Promise<ValidationReport> {
  const examples = options.examples ?? 5;
  if (!Number.isInteger(examples) || examples < 0 || examples > MAX_EXAMPLES) {
    throw new UsageError(`examples: must be a whole number from 0 to ${MAX_EXAMPLES}, not ${examples}`);
  }
  const tables = await source.tables(TABLE_NAMES);
  const { schemas } = loadSchemas(options.schemaDir ?? DEFAULT_SCHEMA_DIR);
  const validation = new DatasetValidation(tables, schemas, examples);
  for (const table of TABLE_NAMES) {
    await validation.readTable(table);
    if (table === 'order_items') validation.afterItems();
  }
  await validation.judgeSessions();
  checkManifest(validation.book, await source.manifest(), validation.files);
  validation.markUnchecked();
  return buildReport(source.location, validation.book, validation.files, validation.sessions, performance.now() - started);
}

/**
 * Checks a dataset directory against the schemas and business rules, in any format and layout generate
 * writes (csv, csv.gz, jsonl, jsonl.gz, parquet, or the files of --part runs read as one); rejects with
 * DatasetUnreadable when it cannot.
 */
export async function validateDataset(directory: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  return validateSource(directorySource(directory), options, started);
}

/**
 * Checks a dataset held in memory exactly as validateDataset checks a directory holding the same files
 * (the report's `directory` is the dataset's label); rejects with DatasetUnreadable when a table is absent.
 */
export async function validateFiles(dataset: DatasetFiles, options: ValidateOptions = {}): Promise<ValidationReport> {
  const started = performance.now();
  return validateSource(memoryDatasetSource(dataset), options, started);
}
