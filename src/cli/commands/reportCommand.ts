import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatSize } from '../../log/formatSize.js';

interface ReportFlags {
  output: string;
  force?: boolean;
  config?: string;
}

/** `ecomgen report <dir> -o <file.html>`: the dataset's shapes as one self-contained HTML page of charts. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('draw a dataset as one self-contained HTML page: orders per day, revenue by category, states, prices, funnel, conversion, cohorts, returns, items per order')
    .argument('<dir>', 'directory of a dataset ecomgen wrote (with its manifest)')
    .requiredOption('-o, --output <file.html>', 'the HTML file to write (its folder must exist)')
    .option('--force', 'replace the output file when it exists')
    .option('--config <file>', 'the config the data was made with, for its local days (used when the manifest records its hash)')
    .action(async (dir: string, flags: ReportFlags) => {
      const { reportDataset } = await import('../../report/reportDataset.js');
      const result = await reportDataset(dir, { output: flags.output, force: flags.force === true, ...(flags.config === undefined ? {} : { configFile: resolve(flags.config) }) });
      process.stderr.write(`report: ${result.charts} charts, ${formatSize(result.bytes)} written to ${result.output}\n`);
    });
}
