import { Command, Option } from 'commander';
import { SIGNAL_EXIT_CODES, takeOverSignals } from '../earlySignals.js';
import { fail } from '../exit.js';

interface MergeFlags {
  outputDir?: string;
  force: boolean;
  quiet: boolean;
}

/** `ecomgen merge <dir>`: whole tables and manifest.json from the parts of a `--part K --parts N` run. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the parts written by --part K --parts N into whole tables and manifest.json, identical to a single full run')
    .argument('<dir>', 'directory holding <table>.part-KKK-of-NNN.csv files and manifest.part-KKK-of-NNN.json')
    .addOption(new Option('-o, --output-dir <dir>', 'where to write the whole tables and manifest.json (default: <dir>)'))
    .addOption(new Option('--force', 'replace merged tables and manifest.json already in the output directory').default(false))
    .addOption(new Option('-q, --quiet', 'print nothing on success').default(false))
    .action(async (dir: string, flags: MergeFlags) => {
      const { createLogger } = await import('../../log/logger.js');
      const logger = createLogger({ quiet: flags.quiet });
      // A signal stops the merge, which removes its temporary files, then exits 130 / 143.
      const abort = new AbortController();
      takeOverSignals((signal) => abort.abort(signal));
      const { mergeParts } = await import('../../merge/mergeParts.js');
      const result = await mergeParts({ dir, ...(flags.outputDir !== undefined ? { outputDir: flags.outputDir } : {}), force: flags.force, logger, signal: abort.signal }).catch(
        (error: unknown) => {
          const signal = abort.signal.reason as NodeJS.Signals | undefined;
          if (signal === 'SIGINT' || signal === 'SIGTERM') fail(`interrupted by ${signal}`, SIGNAL_EXIT_CODES[signal]);
          throw error;
        },
      );
      if (flags.quiet) return;
      const rows = result.manifest.files.reduce((sum, file) => sum + file.rows, 0);
      process.stderr.write(
        `merged ${result.parts} parts into ${result.manifest.files.length} tables (${rows.toLocaleString('en-US')} rows) and manifest.json in ${result.outputDir} in ${(result.elapsedMs / 1000).toFixed(1)}s\n`,
      );
    });
}
