import { join } from 'node:path';
import type { TableName } from './schema/tableNames.js';
import { tableEncodings, dataExtension } from './encoding/outputFormat.js';
import { silentLogger, type Logger } from './log/logger.js';
import type { WorldSpec } from './model/worldSpec.js';
import { SAMPLE_NESTED_ORDERS, SAMPLE_ROWS } from './model/sampleSizes.js';
import type { GenerateOptions } from './plan/generateOptions.js';
import { partSuffix, planRows, planTables } from './plan/planShards.js';
import { shardRowsByTable } from './plan/shardSizes.js';
import { asLibraryError } from './plan/optionErrors.js';
import { shardRunOrder } from './plan/shardOrder.js';
import { resolveOptions, type RunSettings } from './plan/resolveOptions.js';
import { ShardPool } from './pool/shardPool.js';
import { datasetManifest } from './run/datasetManifest.js';
import { chooseMode, sha256OnDisk, verifiedFiles } from './run/resumePolicy.js';
import { sizeOnDisk, upToDateManifest } from './run/upToDate.js';
import { runIdentity } from './run/runIdentity.js';
import { RunProgress } from './run/runProgress.js';
import { recoverInterruptedSwap } from './run/swapRecovery.js';
import { withOutputLock } from './run/outputLock.js';
import { swapInDataset } from './run/swapInDataset.js';
import { holdAfterTable } from './run/testHooks.js';
import { TOOL_VERSION } from './run/toolVersion.js';
import { checkFreeSpace, estimateBytes } from './writer/diskSpace.js';
import { removeJournal, writeJournal } from './writer/journal.js';
import { manifestFileName, writeManifest, type Manifest, type ManifestDefects, type ManifestFile } from './writer/manifest.js';
import { openOutputDirectory, removeStaleTempFiles } from './writer/outputDirectory.js';
import { PARQUET_ROW_GROUP_IDS } from './encoding/parquet/parquetLayout.js';
import type { ParquetTableAssembler } from './encoding/parquet/tableAssembler.js';
import { emptyParquetFile } from './writer/parquet.js';
import { DEFAULT_PARQUET_CODEC } from './encoding/parquet/parquetCodec.js';
import { writeSampleFiles } from './writer/sampleFiles.js';
import { AnswerKeyInPlanOrder } from './defects/answerKeyInPlanOrder.js';
import { addKindCounts, ANSWER_KEY_HEADER, noKindCounts, type DefectKind } from './defects/defectKinds.js';
import type { TableDefectPlan } from './defects/defectPlan.js';
import { tableHeader } from './writer/tableHeader.js';
import { TableFileWriter, writeFailure, type CompletedFile } from './writer/tableFileWriter.js';

export type { GenerateOptions } from './plan/generateOptions.js';

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly outputDir: string;
  readonly elapsedMs: number;
  /** Wall time per table, in ms, from first shard submitted to file complete (tables overlap). */
  readonly tableMs: Readonly<Partial<Record<TableName, number>>>;
  /** Tables kept from an interrupted run by `resume`. */
  readonly reusedTables: readonly TableName[];
  /** The directory already held this very dataset: nothing was written. */
  readonly upToDate: boolean;
}

/** Generates a dataset: plan -> worker pool -> ordered writer -> files and manifest.json. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger();
  try {
    // Plan: every option checked, every table split into shards.
    const settings = resolveOptions(options);
    const suffix = partSuffix(settings.part);

    // One run at a time per output directory and part: held until the run ends, however it ends.
    return await withOutputLock(settings.outputDir, suffix, `ecomgen generate${suffix}`, logger, () => generateLocked(settings, suffix, options, logger, started));
  } catch (error) {
    // Bad input is a typed error naming the option (`force: true`); the CLI prints its own words for it.
    throw asLibraryError(error);
  }
}

async function generateLocked(settings: RunSettings, suffix: string, options: GenerateOptions, logger: Logger, started: number): Promise<GenerateResult> {
  const { config, counts, schemas, format, compression, workers, outputDir } = settings;
  // Resolved for every parquet run; a csv or jsonl run never reads it.
  const parquetCodec = settings.parquetCompression ?? DEFAULT_PARQUET_CODEC;
  // Parquet shards are row groups: their size is fixed, so the file does not depend on --shard-rows.
  const shardRows = format === 'parquet' ? PARQUET_ROW_GROUP_IDS : shardRowsByTable(settings.shardRows, format, compression);
  const plans = planTables(config, counts, settings.tables, settings.part, shardRows, dataExtension(format, compression));
  const identity = runIdentity(settings, TOOL_VERSION);

  // A replacement killed mid-swap is finished first (or the run refused): its temporary files are needed.
  if (await recoverInterruptedSwap(outputDir, suffix, { force: settings.force, resume: settings.resume, hint: '--resume or --force' }, identity)) {
    logger.warn({ outputDir }, 'finished the swap of an interrupted --force run');
  }
  // The output directory: what it holds decides whether this run starts fresh, resumes or replaces.
  const state = await openOutputDirectory(outputDir, suffix);
  if (!settings.force) {
    const current = await upToDateManifest(state, identity, plans, settings.samples, {
      size: sizeOnDisk,
      ...(settings.verify ? { sha256: sha256OnDisk } : {}),
    });
    if (current) {
      logger.debug({ outputDir, verified: settings.verify }, 'dataset is up to date; nothing written');
      return { manifest: current, outputDir, elapsedMs: Date.now() - started, tableMs: {}, reusedTables: current.tables, upToDate: true };
    }
  }
  const mode = chooseMode(state, settings, identity);
  await removeStaleTempFiles(outputDir, suffix);
  // A dirty run's answer key covers every table, so resuming one regenerates all of them.
  const reused = mode === 'resume' && !settings.defects ? await verifiedFiles(state, plans) : new Map<TableName, ManifestFile>();
  const todo = plans.filter((plan) => !reused.has(plan.table));
  await checkFreeSpace(outputDir, estimateBytes(todo.map((plan) => ({ table: plan.table, rows: planRows(plan) })), format, compression));

  // Complete files so far; the journal records them, so an interrupted run can resume. A replacement
  // keeps no journal: until it is complete the directory still holds the old dataset.
  const files: ManifestFile[] = [...reused.values()];
  const journal = async (): Promise<void> => {
    if (mode !== 'replace') await writeJournal(outputDir, suffix, { identity, files });
  };
  await journal();
  const shards = shardRunOrder(todo, counts, workers);
  logger.info(
    { environment: settings.environment, seed: settings.seed, counts, tables: settings.tables, part: settings.part, format, compression, ...(settings.gzipLevel === undefined ? {} : { gzipLevel: settings.gzipLevel }), ...(settings.parquetCompression === undefined ? {} : { parquetCompression: settings.parquetCompression }), workers, mode, reused: [...reused.keys()], shards: shards.length, outputDir },
    'generating',
  );

  const writers = new Map<TableName, TableFileWriter>();
  // Parquet: each table's row groups, for the footer its file ends with.
  const assemblers = new Map<TableName, ParquetTableAssembler>();
  const ParquetAssembler = format === 'parquet' ? (await import('./encoding/parquet/tableAssembler.js')).ParquetTableAssembler : undefined;
  const deferred: CompletedFile[] = [];
  const tableStarted = new Map<TableName, number>();
  const tableMs: Partial<Record<TableName, number>> = {};
  const progress = new RunProgress(todo, started, options.onProgress);
  const encodings = tableEncodings(schemas);
  const spec: WorldSpec = { config, counts, seed: settings.seed };
  const signal = options.signal ?? new AbortController().signal;
  // A dirty run: each table's defect plan, the answer key's writer and the dirty rows per kind.
  const defectSettings = settings.defects;
  const defectPlans: Partial<Record<TableName, TableDefectPlan>> = {};
  if (defectSettings) {
    // The plans' module holds every kind's injector: loaded by dirty runs only.
    const { tableDefectPlan } = await import('./defects/defectPlan.js');
    for (const plan of todo) defectPlans[plan.table] = tableDefectPlan(defectSettings, plan.table, settings.seed);
  }
  let answerKey: TableFileWriter | undefined;
  let keyInPlanOrder: AnswerKeyInPlanOrder | undefined;
  const kindCounts: Record<DefectKind, number> = noKindCounts();
  let defectsEntry: ManifestDefects | undefined;
  const pool = new ShardPool(workers, signal);
  const sampleFiles: string[] = [];
  // Once the swap journal is written, the staged files are the way forward: a failure keeps them.
  let swapping = false;

  const complete = async (table: TableName): Promise<void> => {
    const writer = writers.get(table);
    const plan = plans.find((candidate) => candidate.table === table);
    if (!writer || !plan || files.some((file) => file.table === table)) return;
    const assembler = assemblers.get(table);
    if (assembler) await writer.write(await assembler.footer(() => emptyParquetFile(encodings[table], parquetCodec)), 0);
    const completed = await writer.complete();
    // Replacing a dataset: the new files wait under temporary names until all of them are complete.
    if (mode === 'replace') deferred.push(completed);
    else await completed.publish();
    files.push({ table, file: completed.file, first_id: plan.from, last_id: plan.to, rows: completed.rows, bytes: completed.bytes, sha256: completed.sha256 });
    await journal();
    tableMs[table] = Date.now() - (tableStarted.get(table) ?? started);
    logger.info({ table, rows: completed.rows, bytes: completed.bytes, ms: tableMs[table] }, 'table written');
    // Only a run that can be stopped may hold (the CLI passes its signal handler's AbortSignal).
    if (options.signal) await holdAfterTable(table, options.signal, () => logger.info({ table }, 'holding'));
  };

  // Tables are completed (flushed, fsynced, published, journaled) one after another in plan order, while
  // the loop goes on with the next table's shards: the workers do not wait for a table's fsync. The first
  // failure stops the chain and the loop.
  let completions: Promise<void> = Promise.resolve();
  let completionFailure: { readonly error: unknown } | undefined;
  const completeInTurn = (table: TableName): void => {
    completions = completions
      .then(async () => {
        if (completionFailure !== undefined) return;
        try {
          await complete(table);
        } catch (error) {
          // Recording the table (publish, journal) runs beside the next table's writes, so on a full disk
          // it may be what fails first: named like a failed write of the table's file, not as a bare errno.
          throw options.signal?.aborted ? error : writeFailure(plans.find((plan) => plan.table === table)?.fileName ?? table, error);
        }
      })
      .catch((error: unknown) => {
        completionFailure ??= { error };
      });
  };
  const makeSamples = async (): Promise<Record<string, string>> =>
    settings.samples ? pool.samples(spec, { encodings, rows: SAMPLE_ROWS, nestedOrders: SAMPLE_NESTED_ORDERS, until: settings.asOf }) : {};
  let samplesMade: Promise<Record<string, string>> | undefined;
  let destroyed: Promise<void> | undefined;

  try {
    for (const plan of todo) {
      const writer = new TableFileWriter(join(outputDir, plan.fileName));
      writers.set(plan.table, writer);
      const header = tableHeader(schemas[plan.table].columns, format, compression, settings.gzipLevel);
      if (header) await writer.write(header, 0);
      if (ParquetAssembler) assemblers.set(plan.table, new ParquetAssembler());
      tableStarted.set(plan.table, Date.now());
    }
    if (defectSettings) {
      const keyWriter = new TableFileWriter(join(outputDir, `defects${suffix}.csv`));
      answerKey = keyWriter;
      await keyWriter.write(Buffer.from(ANSWER_KEY_HEADER, 'utf8'), 0);
      keyInPlanOrder = new AnswerKeyInPlanOrder(
        todo.map((plan) => ({ table: plan.table, shards: plan.shards.length })),
        (bytes, rows) => keyWriter.write(bytes, rows),
      );
    }
    // Shards arrive in run order (each table's in plan order), so a table is complete once its last shard is written.
    const shardsLeft = new Map<TableName, number>(todo.map((plan) => [plan.table, plan.shards.length]));
    const lastTable = shards.at(-1)?.table;
    for await (const { shard, bytes, rows, release, dirty } of pool.run(shards, spec, { format, compression, gzipLevel: settings.gzipLevel, parquetCompression: parquetCodec, encodings, until: settings.asOf, defects: defectPlans })) {
      if (completionFailure) throw completionFailure.error;
      // The samples are made by a worker between the last table's shards, not after them all.
      if (samplesMade === undefined && shard.table === lastTable) {
        samplesMade = makeSamples();
        // Observed when awaited after the loop; this keeps a failure before then from being reported early.
        samplesMade.catch(() => undefined);
      }
      if (keyInPlanOrder) {
        await keyInPlanOrder.arrived(shard.table, dirty && { bytes: dirty.answerKey, rows: dirty.answerKeyRows });
        if (dirty) addKindCounts(kindCounts, dirty.kinds);
      }
      const assembler = assemblers.get(shard.table);
      await (writers.get(shard.table) as TableFileWriter).write(assembler ? assembler.add(bytes) : bytes, rows, release);
      progress.add(shard.table, shard.to - shard.from + 1);
      const left = (shardsLeft.get(shard.table) ?? 1) - 1;
      shardsLeft.set(shard.table, left);
      if (left === 0) completeInTurn(shard.table);
    }
    // Tables with no shard (an empty slice) still get their header-only file.
    for (const plan of todo) completeInTurn(plan.table);
    const samples = await (samplesMade ?? makeSamples());
    // The workers' part is done: they are stopped while the last files are flushed.
    destroyed = pool.destroy();
    await completions;
    if (completionFailure) throw completionFailure.error;
    if (answerKey && defectSettings) {
      const completed = await answerKey.complete();
      if (mode === 'replace') deferred.push(completed);
      else await completed.publish();
      defectsEntry = { settings: defectSettings, file: completed.file, rows: completed.rows, bytes: completed.bytes, sha256: completed.sha256, counts: kindCounts };
    }
    if (mode === 'replace') {
      sampleFiles.push(...Object.keys(samples).sort());
      await swapInDataset({
        outputDir,
        partSuffix: suffix,
        tables: deferred,
        samples,
        manifest: datasetManifest(settings, files, sampleFiles, defectsEntry),
        existing: state.existing,
        onSwap: (steps) => {
          logger.info({ steps }, 'swapping');
          swapping = true;
        },
      });
    } else {
      sampleFiles.push(...(await writeSampleFiles(outputDir, samples)));
    }
  } catch (error) {
    // A table being completed holds its writer: it finishes (or fails) before the writers are discarded.
    await completions;
    if (!swapping) {
      await Promise.all([...writers.values(), ...(answerKey ? [answerKey] : [])].map((writer) => writer.discard()));
      await removeStaleTempFiles(outputDir, suffix);
    }
    throw error;
  } finally {
    await (destroyed ?? pool.destroy());
  }

  // Written last: its presence means every file it lists is complete (a replacement published it in its swap).
  const manifest = datasetManifest(settings, files, sampleFiles, defectsEntry);
  if (mode !== 'replace') {
    await writeManifest(outputDir, manifestFileName(suffix), manifest);
    await removeJournal(outputDir, suffix);
  }
  const elapsedMs = Date.now() - started;
  const rowsDone = progress.rowsDone;
  logger.info({ rows: rowsDone, ms: elapsedMs, rowsPerSecond: Math.round(rowsDone / Math.max(elapsedMs / 1000, 0.001)) }, 'done');
  return { manifest, outputDir, elapsedMs, tableMs, reusedTables: [...reused.keys()], upToDate: false };
}
