import { Command, Option } from 'commander';
import { printableJson } from '../../encoding/controlChars.js';
import { UsageError } from '../../errors.js';
import { resolve } from 'node:path';
import { MAX_EXAMPLES } from '../../validate/exampleLimit.js';
import { parseCount } from '../parseFlags.js';

interface ValidateFlags {
  format: 'text' | 'json';
  schemas?: string;
  examples: number;
  violations?: string;
  answerKey?: string;
  workers?: number;
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
    .addOption(new Option('--violations <file>', 'write every violation to this CSV file: rule,table,key,column,line,value'))
    .addOption(new Option('-w, --workers <n>', 'worker threads reading the files (default: available cores); the report never depends on it').argParser(parseCount))
    .addOption(new Option('--answer-key <file>', "score the rules against a dirty dataset's defects.csv: per kind injected, caught, recall; exit 0 when complete"))
    .action(async (dir: string, flags: ValidateFlags) => {
      if (flags.examples > MAX_EXAMPLES) throw new UsageError(`--examples: ${flags.examples} is more than the ${MAX_EXAMPLES} offending rows a rule may show`);
      if (flags.workers !== undefined && flags.workers < 1) throw new UsageError(`--workers: must be at least 1, not ${flags.workers}`);
      const [{ validateDataset, validateDatasetInDetail }, { formatTextReport }, { formatAnswerKeyScore }, { violationsText }, { writeFileAtomic }] = await Promise.all([
        import('../../validate/validateDataset.js'),
        import('../../validate/formatReport.js'),
        import('../../validate/answerKeyScore.js'),
        import('../../validate/violations.js'),
        import('../../writer/atomicFile.js'),
      ]);
      if (flags.violations === undefined && flags.answerKey === undefined) {
        const report = await validateDataset(dir, { schemaDir: flags.schemas, examples: flags.examples, workers: flags.workers });
        process.stdout.write(flags.format === 'json' ? `${printableJson(JSON.stringify(report, null, 2))}\n` : formatTextReport(report));
        process.exitCode = report.valid ? 0 : 1;
        return;
      }
      const { report, violations, score } = await validateDatasetInDetail(dir, {
        schemaDir: flags.schemas,
        examples: flags.examples,
        workers: flags.workers,
        ...(flags.answerKey !== undefined ? { answerKey: resolve(flags.answerKey) } : {}),
      });
      if (flags.violations !== undefined) await writeFileAtomic(resolve(flags.violations), violationsText(violations));
      if (flags.format === 'json') {
        process.stdout.write(`${printableJson(JSON.stringify(score ? { ...report, answer_key: score } : report, null, 2))}\n`);
      } else {
        process.stdout.write(formatTextReport(report));
        if (score) process.stdout.write(`\n${formatAnswerKeyScore(score, flags.answerKey ?? '')}`);
      }
      // Scoring a dirty dataset: success is every defect the rules can see caught, and no false alarm.
      process.exitCode = score ? (score.complete ? 0 : 1) : report.valid ? 0 : 1;
    });
}
