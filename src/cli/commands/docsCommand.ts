import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { DEFAULT_SCHEMA_DIR } from '../../paths.js';

interface DocsFlags {
  schemas?: string;
  output?: string;
}

/** `ecomgen docs`: the data dictionary (Markdown with a Mermaid ER diagram) from the schemas. */
export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description('print the data dictionary (Markdown: tables, columns, keys, allowed values, indexes, business rules, ER diagram)')
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('-o, --output <file>', 'write to this file instead of stdout'))
    .action(async (flags: DocsFlags) => {
      const [{ loadSchemas }, { renderDataDictionary }, { writeFileAtomic }] = await Promise.all([
        import('../../schema/loadSchemas.js'),
        import('../../docs/dataDictionary.js'),
        import('../../writer/atomicFile.js'),
      ]);
      const { schemas } = loadSchemas(resolve(flags.schemas ?? DEFAULT_SCHEMA_DIR));
      const text = renderDataDictionary(schemas);
      if (flags.output === undefined) {
        process.stdout.write(text);
        return;
      }
      const target = resolve(flags.output);
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        throw new UsageError(`--output: cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    });
}
