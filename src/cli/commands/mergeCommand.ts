import { Command, Option } from 'commander';
import { mergeParts } from '../../merge/mergeParts.js';

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
      const result = await mergeParts({ dir, ...(flags.outputDir !== undefined ? { outputDir: flags.outputDir } : {}), force: flags.force });
      if (flags.quiet) return;
      const rows = result.manifest.files.reduce((sum, file) => sum + file.rows, 0);
      process.stderr.write(
        `merged ${result.parts} parts into ${result.manifest.files.length} tables (${rows.toLocaleString('en-US')} rows) and manifest.json in ${result.outputDir} in ${(result.elapsedMs / 1000).toFixed(1)}s\n`,
      );
    });
}
