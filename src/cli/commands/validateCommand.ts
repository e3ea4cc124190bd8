import { Command, Option } from 'commander';
import { printableJson } from '../../encoding/controlChars.js';
import { UsageError } from '../../errors.js';
import { formatTextReport } from '../../validate/formatReport.js';
import { MAX_EXAMPLES, validateDataset } from '../../validate/validateDataset.js';
import { parseCount } from '../parseFlags.js';

interface ValidateFlags {
  format: 'text' | 'json';
  schemas?: string;
  examples: number;
}

/** `ecomgen validate <dir>`: exit 0 when every rule holds, 1 on violations, 2 when the dataset cannot be read. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a dataset directory against the schemas and business rules (exit 0 clean, 1 violations, 2 unreadable)')
    .argument('<dir>', 'dataset directory: the five tables as csv, csv.gz, jsonl, jsonl.gz or parquet, or the files of --part runs (read as one dataset), and manifest.json')
    .addOption(new Option('--format <format>', 'report format on stdout').choices(['text', 'json']).default('text'))
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--examples <n>', `offending rows shown per rule (at most ${MAX_EXAMPLES})`).argParser(parseCount).default(5))
    .action(async (dir: string, flags: ValidateFlags) => {
      if (flags.examples > MAX_EXAMPLES) throw new UsageError(`--examples: ${flags.examples} is more than the ${MAX_EXAMPLES} offending rows a rule may show`);
      const report = await validateDataset(dir, { schemaDir: flags.schemas, examples: flags.examples });
      process.stdout.write(flags.format === 'json' ? `${printableJson(JSON.stringify(report, null, 2))}\n` : formatTextReport(report));
      process.exitCode = report.valid ? 0 : 1;
    });
}
