// The --force swap: every instant of it is either the old dataset, the new one, or a swap journal from
// which finishSwap completes the new one. Interrupted before each step in turn, on real files.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuntimeFailure } from '../../../src/errors.js';
import { writeStagedFile } from '../../../src/writer/atomicFile.js';
import { finishSwap, readSwapJournal, runSwap, swapSteps, type SwapJournal } from '../../../src/writer/swapJournal.js';
import { tempDir } from '../../helpers/run.js';

const IDENTITY = {
  version: '0.1.0',
  seed: 8,
  counts: { customers: 1 },
  tables: ['customers'],
  part: null,
  format: 'csv',
  compression: 'none',
  config_sha256: 'c',
  schemas_sha256: 's',
  as_of: '2024-12-31 23:59:59',
};
const OLD = { 'manifest.json': 'old manifest', 'customers.csv': 'old customers', 'orders.csv': 'old orders', '.ecomgen-journal.json': 'old journal' };
const NEW = { 'customers.csv': 'new customers', 'products.csv': 'new products', 'manifest.json': 'new manifest' };

class Interrupted extends Error {}

/** An old dataset on disk and a new one staged beside it, with the swap that replaces it. */
async function stagedReplacement(dir: string): Promise<SwapJournal> {
  for (const [name, text] of Object.entries(OLD)) writeFileSync(join(dir, name), text);
  const staged = [await writeStagedFile(join(dir, 'customers.csv'), NEW['customers.csv']), await writeStagedFile(join(dir, 'products.csv'), NEW['products.csv'])];
  const manifest = await writeStagedFile(join(dir, 'manifest.json'), NEW['manifest.json']);
  return swapSteps({ identity: IDENTITY, retire: ['manifest.json', '.ecomgen-journal.json'], staged, remove: ['orders.csv'], manifest });
}

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('runSwap', () => {
  it('retires the old state, renames the new files in, removes old leftovers and publishes the manifest last', async () => {
    const dir = tempDir('swap');
    const journal = await stagedReplacement(dir);
    expect(journal.steps.map((step) => (step.op === 'remove' ? `remove ${step.file}` : `rename ${step.to}`))).toEqual([
      'remove manifest.json',
      'remove .ecomgen-journal.json',
      'rename customers.csv',
      'rename products.csv',
      'remove orders.csv',
      'rename manifest.json',
    ]);
    const seen: string[] = [];
    await runSwap(dir, '', journal, (step, total) => seen.push(`${step}/${total}`));
    expect(seen).toEqual(['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
    expect(contents(dir)).toEqual(Object.fromEntries(Object.entries(NEW).sort()));
  });

  const TOTAL = 8;
  it.each(Array.from({ length: TOTAL }, (_, index) => index + 1))('interrupted before step %i: old whole, or a journal finishSwap completes', async (crashAt) => {
    const dir = tempDir('swap-crash');
    const journal = await stagedReplacement(dir);
    const interrupt = (step: number): void => {
      if (step === crashAt) throw new Interrupted();
    };
    await expect(runSwap(dir, '', journal, interrupt)).rejects.toBeInstanceOf(Interrupted);
    const left = await readSwapJournal(dir, '');
    if (crashAt === 1) {
      expect(left).toBeUndefined();
      expect(contents(dir)).toMatchObject(OLD);
      return;
    }
    expect(left).toEqual(journal);
    await finishSwap(dir, '', left as SwapJournal);
    // Twice is harmless: every step is idempotent.
    await finishSwap(dir, '', journal);
    expect(contents(dir)).toEqual(Object.fromEntries(Object.entries(NEW).sort()));
  });

  it('refuses to finish when a renamed file is gone and its target is not the recorded one', async () => {
    const dir = tempDir('swap-lost');
    const journal = await stagedReplacement(dir);
    const rename = journal.steps.find((step) => step.op === 'rename' && step.to === 'products.csv');
    if (rename?.op !== 'rename') throw new Error('the swap renames products.csv');
    rmSync(join(dir, rename.from));
    writeFileSync(join(dir, 'products.csv'), 'tampered');
    await expect(finishSwap(dir, '', journal)).rejects.toThrow(RuntimeFailure);
    await expect(finishSwap(dir, '', journal)).rejects.toThrow(/products\.csv does not hold the file it recorded/);
  });
});
