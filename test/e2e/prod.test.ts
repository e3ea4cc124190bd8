// The prod preset end to end on this machine: exact counts and schema headers in every file.
// (Its wall time and peak RSS are measured in bench/, not here.)
import { describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadSchemas, TABLE_NAMES, type Manifest } from 'ecomgen';
import { REPO_ROOT, removeTempDir, tempDir } from '../helpers/run.js';

async function lineCount(file: string): Promise<{ lines: number; header: string }> {
  let lines = 0;
  let header = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (header === '' && lines === 0) header = chunk.toString('utf8', 0, chunk.indexOf(10));
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines++;
  }
  return { lines, header };
}

describe('prod preset', () => {
  it('writes 7.15M rows with exact counts and schema-ordered headers', async () => {
    const dir = tempDir('prod');
    try {
      const { manifest } = await generate({ environment: 'prod', outputDir: dir, workers: 2 });
      const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
      expect(manifest.counts).toEqual({ customers: 100000, products: 50000, orders: 500000, order_items: 1500000, web_events: 5000000 });
      for (const table of TABLE_NAMES) {
        const { lines, header } = await lineCount(join(dir, `${table}.csv`));
        const file = manifest.files.find((entry) => entry.table === table);
        expect(lines - 1, table).toBe(file?.rows);
        // Exact counts, but for the few customer accounts erased by the window's end (under 1%).
        if (table === 'customers') expect(file?.rows).toBeGreaterThan(manifest.counts.customers * 0.99);
        else expect(file?.rows, table).toBe(manifest.counts[table]);
        expect(header).toBe(schemas[table].columns.map((column) => column.name).join(','));
      }
      expect((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest).files).toHaveLength(5);
    } finally {
      // ~0.9 GB: gone now rather than when the file ends.
      removeTempDir(dir);
    }
  });
});
