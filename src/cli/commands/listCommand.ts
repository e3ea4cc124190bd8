import { Command, Option } from 'commander';
import { printable, printableJson } from '../../encoding/controlChars.js';
import { MAX_LIST_DEPTH } from '../../run/listDepth.js';

interface ListFlags {
  json: boolean;
}

/** `ecomgen list [root]`: the datasets under a folder, read from their manifests and journals only. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the datasets under a folder: environment, seed, format, tables, rows, size, date (from manifests and run journals only)')
    .argument('[root]', `folder to search, ${MAX_LIST_DEPTH} levels down (symbolic links, node_modules and .git are skipped)`, 'sample_data')
    .addOption(new Option('--json', 'a JSON array on stdout, one object per dataset').default(false))
    .action(async (root: string, flags: ListFlags) => {
      const [{ listDatasets }, { formatListing }] = await Promise.all([import('../../run/datasetList.js'), import('../listReport.js')]);
      const listings = await listDatasets(root);
      if (flags.json) {
        process.stdout.write(`${printableJson(JSON.stringify(listings, null, 2))}\n`);
        return;
      }
      if (listings.length === 0) {
        process.stderr.write(`ecomgen: no ecomgen datasets under ${printable(root)}\n`);
        return;
      }
      for (const line of formatListing(listings)) process.stdout.write(`${printable(line)}\n`);
    });
}
