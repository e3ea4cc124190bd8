import { Command, InvalidArgumentError, Option } from 'commander';
import { loadDataset } from '../../load/loadDataset.js';

interface LoadFlags {
  into: string;
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

/** `ecomgen load <dir> --into <target>`: a dataset into DuckDB or PostgreSQL, constraints enforced. */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('load a dataset directory into DuckDB or PostgreSQL: create the tables, load the CSVs, enforce every key and check')
    .argument('<dir>', 'dataset directory (the five <table>.csv files and manifest.json)')
    .addOption(new Option('--into <target>', 'duckdb:<file> or postgres://user@host:port/database (password from the URL or PGPASSWORD)').makeOptionMandatory())
    .addOption(new Option('--replace', 'drop the tables first if they exist (otherwise existing tables are an error)').default(false))
    .addOption(new Option('--schema <name>', 'target schema, created if missing (default: the current schema, public / main)'))
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--timeout <seconds>', 'PostgreSQL: how long to wait for the server to connect, answer the first query or grant a lock (0: forever); the load itself has no limit').argParser(parseSeconds).default(30))
    .addOption(new Option('-q, --quiet', 'print nothing on success').default(false))
    .action(async (dir: string, flags: LoadFlags) => {
      const result = await loadDataset({
        dir,
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
