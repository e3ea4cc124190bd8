import { Command, Option } from 'commander';
import { printable } from '../../encoding/controlChars.js';

interface CleanFlags {
  dryRun: boolean;
}

/** `ecomgen clean <dir>...`: removes datasets (what their records list, and ecomgen's temporary files) and nothing else. */
export function registerClean(program: Command): void {
  program
    .command('clean')
    .description('remove datasets: the files their manifest or run journal lists, their samples and ecomgen\'s temporary files; other files stay')
    .argument('<dir...>', 'dataset directories (the directory itself goes too when it ends up empty)')
    .addOption(new Option('--dry-run', 'list what would be removed; remove nothing').default(false))
    .action(async (dirs: string[], flags: CleanFlags) => {
      const [{ cleanDatasets }, { formatCleanReport }] = await Promise.all([import('../../run/cleanDataset.js'), import('../cleanReport.js')]);
      const reports = await cleanDatasets(dirs, {
        dryRun: flags.dryRun,
        onStaleLock: (directory, holder) => process.stderr.write(`ecomgen: took over the lock of a run that is gone in ${printable(directory)} (pid ${holder.pid})\n`),
      });
      for (const report of reports) {
        const output = formatCleanReport(report, flags.dryRun);
        for (const line of output.stderr) process.stderr.write(`ecomgen: ${printable(line)}\n`);
        for (const line of output.stdout) process.stdout.write(`${printable(line)}\n`);
      }
    });
}
