import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TablePlan } from '../plan/planShards.js';
import { identityDifference, type RunIdentity } from '../writer/journal.js';
import type { Manifest } from '../writer/manifest.js';
import type { OutputDirectoryState } from '../writer/outputDirectory.js';
import type { FileHasher } from './resumePolicy.js';
import { manifestIdentity } from './runIdentity.js';

/** Size of a regular file, or undefined when there is none. */
export async function sizeOnDisk(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** How the files are looked at: sizes always, sha256 only when asked to verify. */
export interface FileProbe {
  readonly size: (path: string) => Promise<number | undefined>;
  readonly sha256?: FileHasher;
}

/**
 * The manifest of a finished dataset that this very run would write again (same identity, every file
 * present at its recorded size, and with `probe.sha256` its recorded hash): rerunning the quick start then
 * has nothing to do. Undefined when anything differs or is missing, or a run was interrupted there.
 */
export async function upToDateManifest(
  state: Pick<OutputDirectoryState, 'directory' | 'journal' | 'manifest' | 'damaged'>,
  identity: RunIdentity,
  plans: readonly TablePlan[],
  wantSamples: boolean,
  probe: FileProbe,
): Promise<Manifest | undefined> {
  const manifest = state.manifest;
  if (!manifest || state.journal || state.damaged.length > 0) return undefined;
  if (identityDifference(manifestIdentity(manifest), identity) !== undefined) return undefined;
  if (wantSamples !== manifest.samples.length > 0) return undefined;
  if (manifest.files.length !== plans.length) return undefined;
  for (const plan of plans) {
    const entry = manifest.files.find((file) => file.table === plan.table && file.file === plan.fileName);
    if (!entry) return undefined;
    const path = join(state.directory, entry.file);
    if ((await probe.size(path)) !== entry.bytes) return undefined;
    if (probe.sha256 && (await probe.sha256(path)) !== entry.sha256) return undefined;
  }
  for (const sample of manifest.samples) {
    if ((await probe.size(join(state.directory, sample))) === undefined) return undefined;
  }
  return manifest;
}
