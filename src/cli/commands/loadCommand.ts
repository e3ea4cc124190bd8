import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { ApplyResult } from '../../load/applyChanges.js';
import { loadJob } from '../loadJob.js';

interface LoadFlags {
  into: string;
  apply?: string;
  replace: boolean;
  schema?: string;
  schemas?: string;
  timeout: number;
  quiet: boolean;
}

function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError('give a number of seconds, 0 or more (0 waits forever)');
  return seconds;
}

const count = (value: number): string => value.toLocaleString('en-US');

function batchLine(batch: ApplyResult['applied'][number]): string {
  const { I, U, D } = batch.applied;
  const pending = batch.pending > 0 ? `; ${count(batch.pending)} waiting for a parent row` : '';
  return `${batch.batch}  ${count(batch.rows)} change rows: ${count(I)} inserted, ${count(U)} updated, ${count(D)} deleted, ${count(batch.skipped)} skipped (duplicate or stale)${pending}  ${(batch.ms / 1000).toFixed(1)}s\n`;
}

const batches = (n: number): string => `${count(n)} batch${n === 1 ? '' : 'es'}`;

function applySummary(result: ApplyResult, dir: string): string {
  const already = result.alreadyApplied.length;
  if (result.applied.length === 0) return `nothing to apply: ${result.target} already holds all ${batches(already)} of ${dir}\n`;
  const skipped = already > 0 ? ` (${batches(already)} applied before)` : '';
  return `applied ${batches(result.applied.length)} of ${dir} to ${result.target}${skipped} in ${(result.elapsedMs / 1000).toFixed(1)}s\n`;
}

/**
 * `ecomgen load <dir> --into <target>`: a dataset into DuckDB or PostgreSQL, constraints enforced;
 * `ecomgen load --apply <changes-dir> --into <target>`: the new batches of a change stream onto it.
 */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('load a dataset directory into DuckDB or PostgreSQL: create the tables, load the CSVs, enforce every key and check; with --apply, apply change batches to tables loaded before')
    .argument('[dir]', 'dataset directory (the five <table>.csv files and manifest.json); not with --apply')
    .addOption(new Option('--into <target>', 'duckdb:<file> or postgres://user@host:port/database (password from the URL or PGPASSWORD)').makeOptionMandatory())
    .addOption(new Option('--apply <changes-dir>', 'apply the batches of an `ecomgen changes` folder not applied yet to tables loaded before, in order, one transaction per batch (duplicates and late rows skipped by _seq)'))
    .addOption(new Option('--replace', 'drop the tables first if they exist (otherwise existing tables are an error); not with --apply').default(false))
    .addOption(new Option('--schema <name>', 'target schema, created if missing (default: the current schema, public / main)'))
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--timeout <seconds>', 'PostgreSQL: how long to wait for the server to connect, answer the first query or grant a lock (0: forever); the load itself has no limit').argParser(parseSeconds).default(30))
    .addOption(new Option('-q, --quiet', 'print nothing on success').default(false))
    .action(async (dir: string | undefined, flags: LoadFlags) => {
      const job = loadJob(dir, flags);
      if ('problem' in job) throw new UsageError(job.problem);
      if ('apply' in job) {
        const { applyChanges } = await import('../../load/applyChanges.js');
        const applied = await applyChanges({
          dir: job.apply,
          into: flags.into,
          timeoutMs: Math.round(flags.timeout * 1000),
          onWarning: (message) => process.stderr.write(`ecomgen: warning: ${message}\n`),
          ...(flags.schema !== undefined ? { schema: flags.schema } : {}),
          ...(flags.schemas !== undefined ? { schemaDir: flags.schemas } : {}),
          ...(flags.quiet ? {} : { onBatch: (batch) => process.stdout.write(batchLine(batch)) }),
        });
        if (!flags.quiet) process.stdout.write(applySummary(applied, job.apply));
        return;
      }
      const { loadDataset } = await import('../../load/loadDataset.js');
      const result = await loadDataset({
        dir: job.load,
        into: flags.into,
        replace: flags.replace,
        timeoutMs: Math.round(flags.timeout * 1000),
        onWarning: (message) => process.stderr.write(`ecomgen: warning: ${message}\n`),
        ...(flags.schema !== undefined ? { schema: flags.schema } : {}),
        ...(flags.schemas !== undefined ? { schemaDir: flags.schemas } : {}),
      });
      if (flags.quiet) return;
      const width = Math.max(...result.tables.map((table) => table.table.length));
      const rowsWidth = Math.max(...result.tables.map((table) => count(table.rows).length));
      for (const table of result.tables) {
        process.stdout.write(`${table.table.padEnd(width)}  ${count(table.rows).padStart(rowsWidth)} rows  ${(table.ms / 1000).toFixed(1)}s\n`);
      }
      const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
      const c = result.constraints;
      process.stdout.write(
        `loaded ${count(rows)} rows into ${result.target} in ${(result.elapsedMs / 1000).toFixed(1)}s; ` +
          `enforced ${c.primaryKeys} primary keys, ${c.uniques} unique keys, ${c.foreignKeys} foreign keys, ${c.checks} checks; ${c.indexes} indexes\n`,
      );
    });
}
