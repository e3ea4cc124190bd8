import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { ConstraintPlacement } from '../../ddl/buildDdl.js';
import { DIALECTS, type Dialect } from '../../ddl/dialects.js';
import { DEFAULT_SCHEMA_DIR } from '../../paths.js';

interface DdlFlags {
  dialect: Dialect;
  schemas?: string;
  constraints: ConstraintPlacement;
  schema?: string;
  drop: boolean;
}

/** `ecomgen ddl`: CREATE TABLE statements for a warehouse, to stdout. */
export function registerDdl(program: Command): void {
  program
    .command('ddl')
    .description('print CREATE TABLE statements for the five tables (keys, checks, comments, indexes) in a SQL dialect')
    .addOption(new Option('--dialect <name>', 'SQL dialect').choices(DIALECTS).makeOptionMandatory())
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--constraints <placement>', 'inline: keys and checks in CREATE TABLE; deferred: ALTER TABLE ... ADD after a load section').choices(['inline', 'deferred']).default('inline'))
    .addOption(new Option('--schema <name>', 'qualify table names with this schema (BigQuery: dataset)'))
    .addOption(new Option('--drop', 'start with DROP TABLE IF EXISTS for each table').default(false))
    .action(async (flags: DdlFlags) => {
      const [{ loadSchemas }, { buildDdl, renderDdl }] = await Promise.all([import('../../schema/loadSchemas.js'), import('../../ddl/buildDdl.js')]);
      const { schemas } = loadSchemas(resolve(flags.schemas ?? DEFAULT_SCHEMA_DIR));
      const script = buildDdl(schemas, flags.dialect, { constraints: flags.constraints, ...(flags.schema ? { schema: flags.schema } : {}) });
      process.stdout.write(renderDdl(script, { drop: flags.drop }));
    });
}
