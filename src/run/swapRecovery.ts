import { join } from 'node:path';
import { RuntimeFailure, UsageError } from '../errors.js';
import { identityDifference, type RunIdentity } from '../writer/journal.js';
import { finishSwap, readSwapJournal, removeSwapJournal, swapJournalFileName } from '../writer/swapJournal.js';

/** What a run may do about a replacement an earlier run left half done. */
export interface SwapRecoveryRequest {
  readonly force: boolean;
  readonly resume: boolean;
  /** The flags to name in a refusal: generate offers `--resume or --force`, merge `--force`. */
  readonly hint: string;
}

/**
 * Before a run looks at its directory: if a replacement (`--force`) was interrupted mid-swap, finish it
 * (`--resume`, `--force`), or refuse. `--resume` finishes only a swap of the same run; `--force` finishes
 * any swap it can, and discards the journal of one it cannot (the replacement then removes the old
 * files by name, as for any dataset). Returns whether a swap was finished.
 */
export async function recoverInterruptedSwap(directory: string, partSuffix: string, request: SwapRecoveryRequest, identity: RunIdentity | undefined): Promise<boolean> {
  const journal = await readSwapJournal(directory, partSuffix);
  if (journal === undefined) return false;
  const path = join(directory, swapJournalFileName(partSuffix));
  if (typeof journal === 'string') {
    if (request.force) {
      await removeSwapJournal(directory, partSuffix);
      return false;
    }
    throw new UsageError(`--output-dir: ${path}: ${journal}, so the interrupted replacement cannot be finished; pass --force to replace what the directory holds`);
  }
  if (!request.force && !request.resume) {
    throw new UsageError(`--output-dir: ${directory} holds a replacement interrupted mid-swap (${swapJournalFileName(partSuffix)}); pass ${request.hint} to finish it`);
  }
  const difference = identity ? identityDifference(journal.identity, identity) : undefined;
  if (!request.force && difference) {
    throw new UsageError(`--resume: ${directory} holds a replacement interrupted mid-swap by a run with a different ${difference}; use the same options, or --force to replace it`);
  }
  try {
    await finishSwap(directory, partSuffix, journal);
    return true;
  } catch (error) {
    if (!request.force || !(error instanceof RuntimeFailure)) throw error;
    await removeSwapJournal(directory, partSuffix);
    return false;
  }
}
