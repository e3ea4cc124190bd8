import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { printableJson, printableLines } from '../../encoding/controlChars.js';
import { UsageError } from '../../errors.js';

/** `ecomgen profile <dir>`: the distributions that show the data's shapes. */
export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description('print the distributions of a dataset: geography, ages, prices, seasonality, concentration, status mix, devices, funnel, conversion, lifecycle, fulfilment, returns, margins')
    .argument('<dir>', 'dataset directory: the five tables in any format generate writes, or the files of --part runs (read as one dataset)')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--config <file>', 'the config the data was made with, for its local time (used when manifest.json records its hash)')
    .action(async (dir: string, flags: { format: 'text' | 'json'; config?: string }) => {
      const directory = resolve(dir);
      if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new UsageError(`profile: ${directory} is not a directory`);
      const [{ profileDataset }, { formatProfile }] = await Promise.all([import('../../profile/profileDataset.js'), import('../../profile/formatProfile.js')]);
      const profile = await profileDataset(directory, flags.config === undefined ? {} : { configFile: resolve(flags.config) });
      // The labels are the files' values: no control character of theirs reaches the terminal.
      process.stdout.write(flags.format === 'json' ? `${printableJson(JSON.stringify(profile, null, 2))}\n` : printableLines(formatProfile(profile)));
    });
}
