// `ecomgen changes`: the store's changes between two instants as batches of CDC files. Plan the batches,
// run (batch, table) tasks on the worker pool in order, write each batch's files and its manifest, then
// the stream's manifest last (its presence means the stream is complete).
import { mkdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../log/logger.js';
import { UsageError } from '../errors.js';
import { SCHEMA_VERSION } from '../model/tables/columns.js';
import { worldSpecKey } from '../model/worldSpec.js';
import { asLibraryError } from '../plan/optionErrors.js';
import { instantOption, instantText, windowSeconds } from '../plan/instant.js';
import { partRange, partSuffix, type PartSelection } from '../plan/planShards.js';
import { resolveOptions } from '../plan/resolveOptions.js';
import { ShardPool } from '../pool/shardPool.js';
import { withOutputLock } from '../run/outputLock.js';
import { TOOL_NAME, TOOL_VERSION } from '../run/toolVersion.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { tableEncodings } from '../encoding/outputFormat.js';
import { writeFileAtomic } from '../writer/atomicFile.js';
import { TableFileWriter } from '../writer/tableFileWriter.js';
import type { ChangeOutput, ChangeSetup, ChangeTask } from '../../workers/generateShard.js';
import { checkEvery, periodSeconds, planBatches, type Batch, type BatchEvery, type ChangeFormat, CHANGE_FORMATS } from './batchPlan.js';
import { MAX_DELAY_BATCHES } from './deliveryFaults.js';
import type { ChangeCounts } from './batchChanges.js';
import { MAX_SEQ_ID, SEQ_ID_BITS } from './changeSeq.js';
import { ChunkPool } from './outputChunks.js';
import { holdSmallHeaps } from './heapsForSize.js';
import { holdYoungGeneration, releaseYoungGeneration } from './youngGeneration.js';
import type { ChangesOptions } from './changesOptions.js';


/**
 * Span of a web events task inside a batch: an hour (a prod day in December holds ~170,000 events, ~41 MB
 * of CSV). Each task's bytes wait in memory until those before it are written, and a six-hour slice's
 * 10-16 MB, four of them in flight, were most of a stream's memory above the snapshot's. Without delivery
 * faults a batch's file is the same however its span is cut (each slice is in time order, one after the
 * other). An hour costs no more than six since a slice passes over the order blocks whose sessions an
 * earlier slice saw end without laying them out (`segmentEnds` in the web events generator); before that,
 * each hourly slice laid out the ~13 hours of blocks before it (~10% more CPU in a prod month).
 */
const WEB_SLICE_SECONDS = 3600;
/**
 * With late or repeated rows, a slice's late rows follow its own on-time rows, so the cut is part of the
 * bytes: such streams keep the six-hour slices they were made with.
 */
const WEB_SLICE_SECONDS_WITH_FAULTS = 6 * 3600;

/**
 * Tasks in flight per worker thread. Results are taken in order, so a thread whose task is done waits
 * behind its neighbour's; with six-hour web slices (four a day) that idled a quarter to a third of the
 * workers' time at two, but hourly slices are short enough for two to keep both threads busy, and every
 * task in flight holds its bytes until written.
 */
const TASKS_PER_THREAD = 2;

/**
 * Orders tasks all run on one worker thread, customers' and products' on another (when there are two):
 * each worker draws every order its orders tasks can touch (OrderWindow) and builds a keyed table's
 * change list for the stream, so with the tasks spread over both threads that work was done twice (the
 * window's draws were ~20% of a worker's time in the batches without web events).
 */
function laneOf(task: ChangeTask): number | undefined {
  if (task.table === 'orders') return 0;
  if (task.table === 'customers' || task.table === 'products') return 1;
  return undefined;
}

/**
 * Output chunks (1 MB each) the coordinator keeps for later tasks: what the tasks in flight are lent (one
 * more than the largest output of their kind so far; an hourly prod slice is 2-4 chunks) and a few more.
 */
const CHUNKS_KEPT = 32;

/**
 * A change worker's young generation (generate's workers keep 8 MB): a change task's garbage is a slice's
 * row objects and its task message, and at 4 MB the scavenges that clear it stay a small share of the
 * time, while the two workers' peak RSS falls by ~8-10 MB (a year of prod batches: 232 -> 222 MB).
 */
const CHANGE_YOUNG_GENERATION_MB = 4;

/** Batches whose files may still be fsyncing (and manifests waiting) while later batches are written. */
const FINISHING_BATCHES = 8;

export interface ChangeFileEntry {
  readonly file: string;
  readonly rows: number;
  readonly ops: ChangeCounts;
  readonly bytes: number;
  readonly sha256: string;
}

/** `<batch>/manifest.json`. */
export interface BatchManifest {
  readonly batch: string;
  readonly from: string;
  readonly to: string;
  readonly tables: Readonly<Record<TableName, ChangeFileEntry>>;
}

/** The stream's `manifest.json` (a part run writes `manifest.part-KKK-of-NNN.json`). */
export interface ChangesManifest {
  readonly kind: 'changes';
  readonly tool: string;
  readonly tool_version: string;
  readonly schema_version: number;
  readonly seed: number;
  readonly environment: string;
  readonly counts: Readonly<Record<TableName, number>>;
  readonly config_sha256: string;
  readonly schemas_sha256: string;
  readonly from: string;
  readonly to: string;
  readonly every: BatchEvery;
  readonly format: ChangeFormat;
  readonly late: number;
  readonly duplicates: number;
  readonly part: PartSelection | null;
  /** _seq = ((seconds since seq_base) * 8 + table index in `tables`) * 2^29 + row id. */
  readonly seq_base: string;
  readonly tables: readonly TableName[];
  readonly batches: readonly string[];
  /** Rows per table and op over the whole stream (this part's batches). */
  readonly totals: Readonly<Record<TableName, ChangeCounts>>;
}

export interface ChangesResult {
  readonly manifest: ChangesManifest;
  readonly outputDir: string;
  readonly elapsedMs: number;
}

function fraction(value: number | undefined, flag: string): number {
  const fractionValue = value ?? 0;
  if (!Number.isFinite(fractionValue) || fractionValue < 0 || fractionValue > 1) throw new UsageError(`${flag}: must be a fraction from 0 to 1 (got ${value})`);
  return fractionValue;
}

/** Completes a change file written through the table writer (hashed, fsynced; disk errors in one line) and renames it. */
async function completeChangeFile(writer: TableFileWriter): Promise<{ bytes: number; sha256: string }> {
  try {
    const { tempPath, bytes, sha256 } = await writer.complete();
    await rename(tempPath, writer.finalPath);
    return { bytes, sha256 };
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A change stream's manifest already in the directory, or undefined; anything else there named so is refused. */
async function previousStream(directory: string, manifestName: string): Promise<ChangesManifest | undefined> {
  const path = join(directory, manifestName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--output-dir: ${path} is not a change stream's manifest (not JSON); choose another directory`);
  }
  const manifest = value as Partial<ChangesManifest>;
  if (manifest.kind !== 'changes' || !Array.isArray(manifest.batches)) throw new UsageError(`--output-dir: ${directory} holds something else than a change stream (${manifestName}); choose another directory`);
  return manifest as ChangesManifest;
}

/** Removes a previous stream's batches: only the files ecomgen writes there, then the emptied folders. */
async function removeStream(directory: string, manifest: ChangesManifest, manifestName: string): Promise<void> {
  await rm(join(directory, manifestName), { force: true });
  for (const batch of manifest.batches) {
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2})?$/.test(batch)) continue;
    const folder = join(directory, batch);
    for (const table of TABLE_NAMES) for (const extension of CHANGE_FORMATS) await rm(join(folder, `${table}.${extension}`), { force: true });
    await rm(join(folder, 'manifest.json'), { force: true });
    await rmdir(folder).catch(() => undefined);
  }
}

/** Writes the change stream (from, to] of a dataset in batches; resolves to its manifest. */
export async function writeChanges(options: ChangesOptions): Promise<ChangesResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger();
  // Held from the start (the main thread's new space is its smallest now), again once the workers run.
  holdYoungGeneration();
  const heaps = holdSmallHeaps();
  try {
    const environment = options.environment ?? 'dev';
    const settings = resolveOptions({
      environment,
      seed: options.seed,
      customers: options.customers,
      products: options.products,
      orders: options.orders,
      orderItems: options.orderItems,
      webEvents: options.webEvents,
      start: options.start,
      end: options.end,
      configFile: options.configFile,
      schemaDir: options.schemaDir,
      workers: options.workers,
      outputDir: options.outputDir ?? `sample_data/${environment}-changes`,
      samples: false,
    });
    const { config, counts, schemas } = settings;
    const from = instantOption(options.from, '--from', config);
    const to = instantOption(options.to, '--to', config);
    if (to <= from) throw new UsageError(`--to: ${instantText(to)} is not after --from ${instantText(from)}`);
    const every = checkEvery(options.every ?? 'day');
    const format = (options.format ?? 'csv') as ChangeFormat;
    if (!CHANGE_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${String(options.format)}" for changes (use ${CHANGE_FORMATS.join(', ')})`);
    const faults = { late: fraction(options.late, '--late'), duplicates: fraction(options.duplicates, '--duplicates') };
    for (const table of TABLE_NAMES) {
      if (counts[table] > MAX_SEQ_ID) throw new UsageError(`--${table.replace('_', '-')}: change streams number rows in ${SEQ_ID_BITS} bits of _seq; ${counts[table]} rows are more than ${MAX_SEQ_ID}`);
    }
    const batches = planBatches(from, to, every);
    let part: PartSelection | null = null;
    if (options.part !== undefined || options.parts !== undefined) {
      if (options.part === undefined || options.parts === undefined) throw new UsageError('--part and --parts go together');
      if (!Number.isSafeInteger(options.parts) || options.parts < 1) throw new UsageError(`--parts: must be a whole number of at least 1 (got ${options.parts})`);
      if (!Number.isSafeInteger(options.part) || options.part < 1 || options.part > options.parts) throw new UsageError(`--part: ${options.part} is outside 1..${options.parts} (--parts)`);
      part = { index: options.part, count: options.parts };
    }
    const slice = part ? partRange(batches.length, part) : { from: 1, to: batches.length };
    const suffix = partSuffix(part ?? undefined);
    const manifestName = `manifest${suffix}.json`;
    const outputDir = settings.outputDir;

    return await withOutputLock(outputDir, suffix, `ecomgen changes${suffix}`, logger, async () => {
      const previous = await previousStream(outputDir, manifestName);
      if (previous && !options.force) throw new UsageError(`--output-dir: ${outputDir} already holds a change stream (${manifestName}); pass --force to replace it`);
      if (previous) await removeStream(outputDir, previous, manifestName);
      const mine = batches.slice(slice.from - 1, slice.to);
      for (const batch of mine) {
        if (await exists(join(outputDir, batch.name))) throw new UsageError(`--output-dir: ${join(outputDir, batch.name)} already exists and is not a batch of a change stream listed there; choose another directory`);
      }
      const seqBase = windowSeconds(config).first;
      const encodings = tableEncodings(schemas);
      const spec = { config, counts, seed: settings.seed };
      // Web events are the bulk of a batch: each batch's span is cut into equal sub-windows, the same
      // number for every batch (so late rows find their sub-window), each a task of its own.
      const sliceSeconds = faults.late > 0 || faults.duplicates > 0 ? WEB_SLICE_SECONDS_WITH_FAULTS : WEB_SLICE_SECONDS;
      const webSlices = Math.max(1, Math.round(periodSeconds(every) / sliceSeconds));
      const specKey = worldSpecKey(spec);
      heaps.keepYoungGenerations(CHANGE_YOUNG_GENERATION_MB);
      const pool = new ShardPool(settings.workers, options.signal ?? new AbortController().signal, CHANGE_YOUNG_GENERATION_MB);
      // One worker builds the World first: its tables go into shared memory for the other workers (as
      // generate does), and it finds the clickstream's floor. Batches that end before the clickstream's
      // first event get no web events task (a year of prod batches holds events in its last weeks only):
      // their file is a header alone.
      let setup: ChangeSetup;
      try {
        setup = await pool.runOne<{ spec: typeof spec; specKey: string; share: boolean }, ChangeSetup>('changeSetup', { spec, specKey, share: settings.workers > 1 }, 'the World');
      } catch (error) {
        await pool.destroy();
        throw error;
      }
      holdYoungGeneration();
      // Once the workers' heaps are made (see heapsForSize.ts).
      heaps.favourSmallHeaps();
      const webFrom = setup.firstEventBound;
      const shared = setup.shared;
      const batchTasks: ChangeTask[][] = [];
      for (let position = 0; position < mine.length; position++) {
        const index = slice.from - 1 + position;
        // The batches a task may take late rows from: up to three before its own, inside the whole stream.
        const offset = Math.max(0, index - MAX_DELAY_BATCHES);
        const common = { spec, specKey, from, to, seqBase, index, lastIndex: batches.length - 1, batches: batches.slice(offset, index + 1), batchOffset: offset, faults, format, ...(shared ? { shared } : {}) };
        const hasEvents = (batches[index] as Batch).until >= webFrom;
        batchTasks.push(
          TABLE_NAMES.flatMap((table) => {
            const slices = table === 'web_events' ? (hasEvents ? webSlices : 0) : 1;
            return Array.from({ length: slices }, (_, part): ChangeTask => ({ ...common, table, slice: part, slices, encoding: encodings[table] }));
          }),
        );
      }
      const tasks = batchTasks.flat();
      logger.info({ environment, seed: settings.seed, from: instantText(from), to: instantText(to), every, batches: mine.length, format, faults, workers: settings.workers, outputDir }, 'writing changes');
      const totals = Object.fromEntries(TABLE_NAMES.map((table) => [table, { I: 0, U: 0, D: 0 }])) as Record<TableName, ChangeCounts>;
      const written: string[] = [];
      const touched: string[] = [];
      const header = (table: TableName): Buffer => Buffer.from(`_op,_changed_at,_seq,${schemas[table].columns.map((column) => column.name).join(',')}\n`);
      // Each output goes to its table's file as it arrives (the coordinator holds no whole batch). A
      // batch's files are fsynced and its manifest written while the workers make the next batches: up to
      // FINISHING_BATCHES at once, their manifests chained in batch order (~6 fsyncs a batch would stall
      // the stream if each batch waited for the one before).
      let writing: Promise<void> = Promise.resolve();
      const finishing: Promise<void>[] = [];
      const open = new Map<TableName, TableFileWriter>();
      let completing: Promise<{ bytes: number; sha256: string }>[] = [];
      let batchOps = new Map<TableName, ChangeCounts>();
      const finishBatch = async (batch: Batch, files: readonly Promise<{ bytes: number; sha256: string }>[], ops: ReadonlyMap<TableName, ChangeCounts>): Promise<void> => {
        // All settle before a failure is reported, so none is left half-way for the clean-up.
        const settled = await Promise.allSettled(files);
        const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failed) throw failed.reason;
        const entries: Partial<Record<TableName, ChangeFileEntry>> = {};
        TABLE_NAMES.forEach((name, at) => {
          const tableOps = ops.get(name) ?? { I: 0, U: 0, D: 0 };
          const { bytes, sha256 } = (settled[at] as PromiseFulfilledResult<{ bytes: number; sha256: string }>).value;
          entries[name] = { file: `${name}.${format}`, rows: tableOps.I + tableOps.U + tableOps.D, ops: tableOps, bytes, sha256 };
          for (const op of ['I', 'U', 'D'] as const) totals[name][op] += tableOps[op];
        });
        const manifest: BatchManifest = { batch: batch.name, from: instantText(batch.after), to: instantText(batch.until), tables: entries as Record<TableName, ChangeFileEntry> };
        await writeFileAtomic(join(outputDir, batch.name, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        written.push(batch.name);
      };
      /** Opens the batch's file of `table` (header written) in its folder. */
      const openFile = async (batch: Batch, table: TableName): Promise<TableFileWriter> => {
        const writer = new TableFileWriter(join(outputDir, batch.name, `${table}.${format}`));
        open.set(table, writer);
        if (format === 'csv') await writer.write(header(table), 0);
        return writer;
      };
      /** The table's file of the batch is complete: fsynced and renamed in the background. */
      const completeFile = async (batch: Batch, table: TableName): Promise<void> => {
        const writer = open.get(table) ?? (await openFile(batch, table));
        open.delete(table);
        const completed = completeChangeFile(writer);
        completed.catch(() => undefined);
        // In TABLE_NAMES order, whatever order the tables' last tasks came in.
        completing[TABLE_NAMES.indexOf(table)] = completed;
        if (completing.filter(Boolean).length < TABLE_NAMES.length) return;
        const files = completing;
        const ops = batchOps;
        completing = [];
        batchOps = new Map();
        const previous = writing;
        writing = previous.then(() => finishBatch(batch, files, ops));
        // Not awaited here: a failure is seen at a later batch or after the last.
        writing.catch(() => undefined);
        finishing.push(writing);
        if (finishing.length >= FINISHING_BATCHES) await finishing.shift();
      };
      // Outputs travel in chunks of one size: written ones go back to the workers for later tasks' bytes,
      // so after the first batches nothing is allocated or freed (see outputChunks.ts).
      const chunks = new ChunkPool(CHUNKS_KEPT);
      const withBuffer = (task: ChangeTask): ChangeTask => {
        const buffers = chunks.lend(task.table);
        return buffers ? { ...task, buffers } : task;
      };
      try {
        let done = 0;
        let current = -1;
        for await (const output of pool.runOrdered<ChangeTask, ChangeOutput>('changeShard', tasks, (task) => `${task.table} of batch ${(task.batches[task.batches.length - 1] as Batch).name}`, { withBuffer, tasksPerThread: TASKS_PER_THREAD, laneOf })) {
          const task = tasks[done++] as ChangeTask;
          const batch = task.batches[task.batches.length - 1] as Batch;
          if (task.index !== current) {
            // A new batch: its folder, and the files of tables with no task in it (header only). The
            // coordinator's young generation is held again (a worker thread started since undoes it).
            current = task.index;
            holdYoungGeneration();
            touched.push(batch.name);
            await mkdir(join(outputDir, batch.name), { recursive: true });
            for (const table of TABLE_NAMES) if (!(batchTasks[current - (slice.from - 1)] as ChangeTask[]).some((other) => other.table === table)) await completeFile(batch, table);
          }
          const writer = open.get(task.table) ?? (await openFile(batch, task.table));
          for (const spare of output.spare) chunks.give(spare);
          chunks.took(task.table, output.parts.length);
          for (const part of output.parts) await writer.write(part, 0, () => chunks.give(part.buffer));
          const ops = batchOps.get(task.table) ?? { I: 0, U: 0, D: 0 };
          for (const op of ['I', 'U', 'D'] as const) ops[op] += output.counts[op];
          batchOps.set(task.table, ops);
          if (task.slice === task.slices - 1) await completeFile(batch, task.table);
          // The next task is lent chunks when this loop asks for the next output: with this output's
          // chunks back by then, a worker seldom makes a new one while written ones are on their way back.
          await writer.writesSettled();
        }
        await Promise.all(finishing);
        await writing;
      } catch (error) {
        // A failed stream leaves nothing behind: the batches it wrote go (only the files it made).
        for (const writer of open.values()) await writer.discard();
        await Promise.allSettled([writing, ...finishing, ...completing.filter(Boolean)]);
        await removeStream(outputDir, { batches: touched } as unknown as ChangesManifest, manifestName).catch(() => undefined);
        throw error;
      } finally {
        await pool.destroy();
      }
      const manifest: ChangesManifest = {
        kind: 'changes',
        tool: TOOL_NAME,
        tool_version: TOOL_VERSION,
        schema_version: SCHEMA_VERSION,
        seed: settings.seed,
        environment,
        counts,
        config_sha256: settings.configSha,
        schemas_sha256: settings.schemasSha,
        from: instantText(from),
        to: instantText(to),
        every,
        format,
        late: faults.late,
        duplicates: faults.duplicates,
        part,
        seq_base: instantText(seqBase),
        tables: TABLE_NAMES,
        batches: written,
        totals,
      };
      // Written last: its presence means every batch it lists is complete.
      await writeFileAtomic(join(outputDir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
      logger.info({ batches: written.length, ms: Date.now() - started }, 'changes written');
      return { manifest, outputDir, elapsedMs: Date.now() - started };
    });
  } catch (error) {
    throw asLibraryError(error);
  } finally {
    releaseYoungGeneration();
    heaps.release();
  }
}
