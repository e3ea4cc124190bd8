// `validateDataset(dir)` and `validateFiles({ files })`: the same checks (see DatasetValidation) over a
// directory of files or over the same files held in memory.
import { UsageError } from '../errors.js';
import { machineResources, resolveWorkers } from '../plan/resourceCaps.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { DEFAULT_SCHEMA_DIR } from '../paths.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import { directorySource, memoryDatasetSource, type DatasetFiles, type DatasetSource } from './datasetSource.js';
import { DatasetValidation, DEFAULT_RANGE_BYTES, MANIFEST_PHASE } from './datasetValidation.js';
import { inProcessRunner, type ChunkRunner } from './chunkRunner.js';
import { lazyChunkPool } from './chunkPool.js';
import { timestampOf } from './valueQuality.js';
import { MAX_EXAMPLES } from './exampleLimit.js';
import { checkManifest } from './manifestCheck.js';
import { buildReport, type ValidationReport } from './report.js';
import { ViolationLog } from './ruleBook.js';
import { collectViolations, type Violation } from './violations.js';
import { parseAnswerKey, readAnswerKey, scoreAnswerKey, type AnswerKeyScore } from './answerKeyScore.js';

export { DatasetUnreadable } from './datasetUnreadable.js';
export type { DatasetFiles } from './datasetSource.js';

export { MAX_EXAMPLES } from './exampleLimit.js';

export interface ValidateOptions {
  /** Schema directory (default: the package's schemas/). */
  readonly schemaDir?: string;
  /** Offending rows kept per rule (default 5, at most MAX_EXAMPLES). */
  readonly examples?: number;
  /**
   * Worker threads reading the files of a directory (default: the cores available, as generate); 1 reads
   * them in this thread. The report is the same for any number.
   */
  readonly workers?: number;
  /** Bytes per task of a large CSV file (default 4 MB): a knob for tests and benchmarks. */
  readonly rangeBytes?: number;
}

async function validateSource(source: DatasetSource, options: ValidateOptions, started: number, log?: ViolationLog): Promise<ValidationReport> {
  const examples = options.examples ?? 5;
  if (!Number.isInteger(examples) || examples < 0 || examples > MAX_EXAMPLES) {
    throw new UsageError(`examples: must be a whole number from 0 to ${MAX_EXAMPLES}, not ${examples}`);
  }
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 1)) {
    throw new UsageError(`workers: must be a whole number of at least 1, not ${options.workers}`);
  }
  // generate's cap and default (the cores, never more than the machine can hold): `--workers 1000` is
  // one line, not a thousand threads dying out of memory.
  const workers = resolveWorkers(options.workers, machineResources());
  const rangeBytes = options.rangeBytes ?? DEFAULT_RANGE_BYTES;
  if (!Number.isInteger(rangeBytes) || rangeBytes < 1) throw new UsageError(`rangeBytes: must be a whole number of at least 1, not ${rangeBytes}`);
  const tables = await source.tables(TABLE_NAMES);
  const schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const { schemas } = loadSchemas(schemaDir);
  const local = inProcessRunner(schemas);
  const runner: ChunkRunner = workers > 1 ? lazyChunkPool(workers) : local;
  // COL-FUTURE's clock: the instant the dataset stands at (its manifest's as_of), so a window that ends
  // after today is not "in the future" and the report does not depend on when it ran; today without one.
  const manifest = await source.manifest();
  const now = (manifest.kind === 'present' ? manifest.asOf : undefined) ?? timestampOf(new Date());
  const validation = new DatasetValidation(tables, schemas, { schemaDir, examples, now, rangeBytes, runner, local }, log);
  try {
    for (const table of TABLE_NAMES) {
      await validation.readTable(table);
      if (table === 'order_items') validation.afterItems();
    }
  } finally {
    await runner.close();
  }
  await validation.judgeSessions();
  log?.startPhase(MANIFEST_PHASE, false);
  checkManifest(validation.book, manifest, validation.files);
  validation.markUnchecked();
  if (log) violationsOf.set(log, collectViolations(validation.book));
  return buildReport(source.location, validation.book, validation.files, validation.sessions, performance.now() - started);
}

const violationsOf = new WeakMap<ViolationLog, Violation[]>();

/** A report with every violation listed (`validate --violations`), and, given an answer key, its score. */
export interface ValidationDetail {
  readonly report: ValidationReport;
  readonly violations: readonly Violation[];
  /** Present when an answer key was given. */
  readonly score?: AnswerKeyScore;
}

async function validateInDetail(source: DatasetSource, options: ValidateOptions & { readonly answerKey?: string }, started: number): Promise<ValidationDetail> {
  // The key is read first: a wrong file is refused before the dataset is read.
  const defects = options.answerKey === undefined ? undefined : readAnswerKey(options.answerKey);
  const log = new ViolationLog();
  const report = await validateSource(source, options, started, log);
  const violations = violationsOf.get(log) ?? [];
  if (!defects) return { report, violations };
  return { report, violations, score: await scoreAnswerKey(source, defects, violations) };
}

/** validateDataset, keeping every violation; `answerKey` (a defects.csv) scores them against the injected defects. */
export async function validateDatasetInDetail(directory: string, options: ValidateOptions & { readonly answerKey?: string } = {}): Promise<ValidationDetail> {
  return validateInDetail(directorySource(directory), options, performance.now());
}

/** validateFiles, keeping every violation; `answerKeyText` (a defects.csv's content) scores them. */
export async function validateFilesInDetail(dataset: DatasetFiles, options: ValidateOptions & { readonly answerKeyText?: string } = {}): Promise<ValidationDetail> {
  const started = performance.now();
  const source = memoryDatasetSource(dataset);
  const log = new ViolationLog();
  const report = await validateSource(source, options, started, log);
  const violations = violationsOf.get(log) ?? [];
  if (options.answerKeyText === undefined) return { report, violations };
  return { report, violations, score: await scoreAnswerKey(source, parseAnswerKey(options.answerKeyText, 'answer key'), violations) };
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
