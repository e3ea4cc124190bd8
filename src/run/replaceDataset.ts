import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeJournal } from '../writer/journal.js';
import { manifestFileName } from '../writer/manifest.js';
import type { CompletedFile } from '../writer/tableFileWriter.js';

/**
 * Swaps a complete new dataset in for the old one (`--force`). The old manifest and journal go first, so
 * the directory stops claiming a complete dataset; then the new files are renamed into place; then the
 * old dataset's files that the new one does not have are removed (only names listed in `oldFiles`,
 * which are files of ours).
 */
export async function replaceDataset(
  outputDir: string,
  partSuffix: string,
  newFiles: readonly CompletedFile[],
  keep: ReadonlySet<string>,
  oldFiles: readonly string[],
): Promise<void> {
  await rm(join(outputDir, manifestFileName(partSuffix)), { force: true });
  await removeJournal(outputDir, partSuffix);
  for (const completed of newFiles) await completed.publish();
  for (const name of oldFiles) if (!keep.has(name)) await rm(join(outputDir, name), { force: true });
}
