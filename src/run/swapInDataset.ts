import { join } from 'node:path';
import { writeStagedFile, type StagedFile } from '../writer/atomicFile.js';
import { journalFileName } from '../writer/journal.js';
import { manifestFileName, manifestText, type Manifest } from '../writer/manifest.js';
import { runSwap, swapSteps } from '../writer/swapJournal.js';
import { manifestIdentity } from './runIdentity.js';
import { crashBeforeSwapStep } from './testHooks.js';

/** A finished replacement waiting to be swapped in for what the directory holds. */
export interface Replacement {
  readonly outputDir: string;
  readonly partSuffix: string;
  /** The new tables, complete and staged under temporary names. */
  readonly tables: readonly StagedFile[];
  /** Sample files by name; the manifest lists them (sorted). */
  readonly samples: Readonly<Record<string, string>>;
  readonly manifest: Manifest;
  /** Dataset files of ours the directory holds now: the ones the new dataset lacks are removed. */
  readonly existing: readonly string[];
  /** Called once everything is staged, just before the swap journal is written. */
  readonly onSwap: (steps: number) => void;
}

/**
 * The end of a replacement (`generate --force`, `merge`): the samples and the manifest are staged beside
 * the tables, then everything is swapped in under a swap journal. Until the journal is written the old
 * dataset is whole; after it, the journal finishes the swap whatever happens (writer/swapJournal.ts).
 */
export async function swapInDataset(replacement: Replacement): Promise<void> {
  const { outputDir, partSuffix, samples } = replacement;
  const staged = [...replacement.tables];
  for (const name of Object.keys(samples).sort()) staged.push(await writeStagedFile(join(outputDir, name), samples[name] as string));
  const manifestName = manifestFileName(partSuffix);
  const manifest = await writeStagedFile(join(outputDir, manifestName), manifestText(replacement.manifest));
  const keep = new Set([...staged.map((file) => file.file), manifestName]);
  // The old dataset's state goes first: its manifest, and the journal of a run it may have left.
  const retire = [...replacement.existing.filter((name) => name === manifestName), journalFileName(partSuffix)];
  const remove = replacement.existing.filter((name) => !keep.has(name) && !retire.includes(name));
  const swap = swapSteps({ identity: manifestIdentity(replacement.manifest), retire, staged, remove, manifest });
  replacement.onSwap(swap.steps.length + 2);
  await runSwap(outputDir, partSuffix, swap, crashBeforeSwapStep);
}
