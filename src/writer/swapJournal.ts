import { rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import { syncDirectory, writeFileAtomic, type StagedFile } from './atomicFile.js';
import type { RunIdentity } from './journal.js';
import { isRecord } from '../core/jsonRecord.js';
import { parseJsonText, readStateFile, runIdentityProblem } from './stateFields.js';
import { hashFile } from './tableFileWriter.js';

/**
 * One step of swapping a complete new dataset in for an old one. Each step can be applied again after a
 * crash: a rename whose source is gone is done when its target holds the recorded bytes, and a removal
 * of a missing file is done.
 */
type SwapStep =
  | { readonly op: 'remove'; readonly file: string }
  | { readonly op: 'rename'; readonly from: string; readonly to: string; readonly bytes: number; readonly sha256: string };

/**
 * `.ecomgen-swap[.part-…].json`, written before the first step and removed after the last: while it is
 * there the directory holds neither dataset whole, and `--resume` (or the same `--force` again) finishes
 * the steps. Until it is written the old dataset is whole; once it is removed the new one is.
 */
export interface SwapJournal {
  readonly identity: RunIdentity;
  readonly steps: readonly SwapStep[];
}

export function swapJournalFileName(partSuffix: string): string {
  return `.ecomgen-swap${partSuffix}.json`;
}

/** What a swap does, in order. */
export interface SwapPlan {
  readonly identity: RunIdentity;
  /** Files of the old dataset's state to remove before any new file appears (its manifest, its run journal). */
  readonly retire: readonly string[];
  /** New files, manifest excluded. */
  readonly staged: readonly StagedFile[];
  /** Old files the new dataset does not have (only names of ours). */
  readonly remove: readonly string[];
  /** Published last: its presence means every file it lists is complete. */
  readonly manifest: StagedFile;
}

/** Retire the old state, rename the new files in, remove the old leftovers, and publish the manifest last. */
export function swapSteps(plan: SwapPlan): SwapJournal {
  const rename = (file: StagedFile): SwapStep => ({ op: 'rename', from: basename(file.tempPath), to: file.file, bytes: file.bytes, sha256: file.sha256 });
  return {
    identity: plan.identity,
    steps: [
      ...plan.retire.map((file): SwapStep => ({ op: 'remove', file })),
      ...plan.staged.map(rename),
      ...plan.remove.map((file): SwapStep => ({ op: 'remove', file })),
      rename(plan.manifest),
    ],
  };
}

// Names in a swap journal are plain file names in the directory, never paths.
const isPlainName = (value: unknown): value is string => typeof value === 'string' && value !== '' && !/[/\\]/.test(value) && value !== '.' && value !== '..';

function parseStep(value: unknown): SwapStep | undefined {
  if (!isRecord(value)) return undefined;
  if (value['op'] === 'remove' && isPlainName(value['file'])) return { op: 'remove', file: value['file'] };
  const { from, to, bytes, sha256 } = value;
  if (value['op'] === 'rename' && isPlainName(from) && isPlainName(to) && typeof bytes === 'number' && typeof sha256 === 'string') return { op: 'rename', from, to, bytes, sha256 };
  return undefined;
}

/** A swap journal's content, or what is wrong with it (one phrase). */
export function parseSwapJournal(text: string): SwapJournal | string {
  const parsed = parseJsonText(text);
  if (typeof parsed === 'string') return parsed;
  const value = parsed.value;
  if (!isRecord(value)) return 'not a JSON object';
  const problem = runIdentityProblem(value['identity']);
  if (problem) return problem;
  const identity = value['identity'] as RunIdentity;
  if (!Array.isArray(value['steps'])) return 'no steps list';
  const steps = value['steps'].map(parseStep);
  const bad = steps.findIndex((step) => step === undefined);
  if (bad >= 0) return `step ${bad + 1} is not a remove or rename step`;
  return { identity, steps: steps as SwapStep[] };
}

/** The swap journal of a part suffix: absent, its content, or (a string) what is wrong with it. */
export async function readSwapJournal(directory: string, partSuffix: string): Promise<SwapJournal | string | undefined> {
  return readStateFile(join(directory, swapJournalFileName(partSuffix)), parseSwapJournal);
}

export async function removeSwapJournal(directory: string, partSuffix: string): Promise<void> {
  await rm(join(directory, swapJournalFileName(partSuffix)), { force: true });
  await syncDirectory(directory);
}

async function applyStep(directory: string, step: SwapStep): Promise<void> {
  if (step.op === 'remove') {
    await rm(join(directory, step.file), { force: true });
    return;
  }
  try {
    await rename(join(directory, step.from), join(directory, step.to));
    await syncDirectory(directory);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Done before a crash: the target then holds exactly the recorded file.
  const target = await hashFile(join(directory, step.to)).catch(() => undefined);
  if (target?.sha256 !== step.sha256 || target.bytes !== step.bytes) {
    throw new RuntimeFailure(`cannot finish the interrupted replacement in ${directory}: ${step.from} is gone and ${step.to} does not hold the file it recorded`);
  }
}

/**
 * Swaps in a staged dataset. `beforeStep(n, total)` runs before each of the `total` steps: 1 writes the
 * swap journal, 2..total-1 are its steps, `total` removes it.
 */
export async function runSwap(directory: string, partSuffix: string, journal: SwapJournal, beforeStep: (step: number, total: number) => void): Promise<void> {
  const total = journal.steps.length + 2;
  beforeStep(1, total);
  await writeFileAtomic(join(directory, swapJournalFileName(partSuffix)), `${JSON.stringify(journal, null, 2)}\n`);
  for (const [index, step] of journal.steps.entries()) {
    beforeStep(index + 2, total);
    await applyStep(directory, step);
  }
  beforeStep(total, total);
  await removeSwapJournal(directory, partSuffix);
}

/**
 * Finishes a swap an interrupted run left: applies every step again (each is idempotent), then removes the
 * journal. A rename whose source is already gone has happened, so its target is the new file: an earlier
 * step removing the old file of that name is skipped.
 */
export async function finishSwap(directory: string, partSuffix: string, journal: SwapJournal): Promise<void> {
  const renamed = new Set<string>();
  for (const step of journal.steps) {
    if (step.op === 'rename' && !(await exists(join(directory, step.from)))) renamed.add(step.to);
  }
  for (const step of journal.steps) {
    if (step.op === 'remove' && renamed.has(step.file)) continue;
    await applyStep(directory, step);
  }
  await removeSwapJournal(directory, partSuffix);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
