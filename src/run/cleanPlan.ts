// What `ecomgen clean` removes from one directory, decided from its listing and its state files alone (no
// file system here): the files ecomgen's own records name, those records, and its temporary files.
import type { RunJournal } from '../writer/journal.js';
import type { Manifest } from '../writer/manifest.js';
import { isTemporaryFileName } from '../writer/outputDirectory.js';
import type { SwapJournal } from '../writer/swapJournal.js';

const PART = '(\\.part-\\d+-of-\\d+)?';
/** The state files of a dataset: manifests, run journals and swap journals, whole-table or of one part. */
export const MANIFEST_NAME = new RegExp(`^manifest${PART}\\.json$`);
export const JOURNAL_NAME = new RegExp(`^\\.ecomgen-journal${PART}\\.json$`);
export const SWAP_JOURNAL_NAME = new RegExp(`^\\.ecomgen-swap${PART}\\.json$`);
const LOCK_NAME = new RegExp(`^\\.ecomgen-lock${PART}\\.json$`);
const PART_SUFFIX = /\.part-\d+-of-\d+(?=\.)/;

/** One name in the directory; `size` is undefined for anything that is not a regular file (a link, a folder). */
export interface DirectoryEntry {
  readonly name: string;
  readonly size: number | undefined;
}

/** A state file read back: its content, or (a string) what is wrong with it. */
type StateRead<T> = T | string;

export interface DatasetState {
  readonly manifests: ReadonlyMap<string, StateRead<Manifest>>;
  readonly journals: ReadonlyMap<string, StateRead<RunJournal>>;
  readonly swapJournals: ReadonlyMap<string, StateRead<SwapJournal>>;
}

interface RemovedFile {
  readonly name: string;
  readonly bytes: number;
}

/** A listed file that is not the file the record describes (someone replaced it): left alone. */
interface ReplacedFile {
  readonly name: string;
  /** Its size now; undefined when it is no longer a regular file. */
  readonly bytes: number | undefined;
  readonly listed: readonly number[];
}

export interface CleanPlan {
  readonly remove: readonly RemovedFile[];
  readonly replaced: readonly ReplacedFile[];
  /** Names ecomgen did not write (or no readable record lists): left, and named in one line. */
  readonly unknown: readonly string[];
  /** State files that could not be read, as `<file>: what is wrong`; removed, their files left as unknown. */
  readonly damaged: readonly string[];
}

/** Whether a name is one of ecomgen's state files (manifest, run journal, swap journal). */
export function isStateFileName(name: string): boolean {
  return MANIFEST_NAME.test(name) || JOURNAL_NAME.test(name) || SWAP_JOURNAL_NAME.test(name);
}

function isLockFileName(name: string): boolean {
  return LOCK_NAME.test(name);
}

/**
 * The part suffixes (`''` for whole tables, `.part-003-of-008`) a directory's names belong to: clean
 * takes the lock of each, so a run of any part still writing there makes it refuse.
 */
export function partSuffixes(names: readonly string[]): string[] {
  const suffixes = new Set<string>(['']);
  for (const name of names) {
    if (!isStateFileName(name) && !isLockFileName(name) && !isTemporaryFileName(name)) continue;
    const match = PART_SUFFIX.exec(name);
    if (match) suffixes.add(match[0]);
  }
  return [...suffixes].sort();
}

/** `ANY`: a name the records give without a size (samples, a swap's removals); any regular file of it goes. */
const ANY = -1;

/** Each name the readable records list, with the sizes they give it. */
function listedSizes(state: DatasetState): Map<string, number[]> {
  const listed = new Map<string, number[]>();
  const add = (name: string, bytes: number): void => {
    listed.set(name, [...(listed.get(name) ?? []), bytes]);
  };
  for (const manifest of state.manifests.values()) {
    if (typeof manifest === 'string') continue;
    for (const file of manifest.files) add(file.file, file.bytes);
    for (const sample of manifest.samples) add(sample, ANY);
    // A dirty run's answer key (a manifest from an older ecomgen has none).
    const defects = (manifest as { defects?: { file?: unknown; bytes?: unknown } }).defects;
    if (defects && typeof defects.file === 'string' && typeof defects.bytes === 'number') add(defects.file, defects.bytes);
  }
  for (const journal of state.journals.values()) {
    if (typeof journal !== 'string') for (const file of journal.files) add(file.file, file.bytes);
  }
  for (const swap of state.swapJournals.values()) {
    if (typeof swap === 'string') continue;
    for (const step of swap.steps) {
      // The staged new file under its temporary name, and the same file once renamed in; the old files
      // the swap was to remove are ours by name.
      if (step.op === 'rename') {
        add(step.from, step.bytes);
        add(step.to, step.bytes);
      } else add(step.file, ANY);
    }
  }
  return listed;
}

function damagedStates(state: DatasetState): string[] {
  const damaged: string[] = [];
  for (const files of [state.manifests, state.journals, state.swapJournals]) {
    for (const [name, read] of files) if (typeof read === 'string') damaged.push(`${name}: ${read}`);
  }
  return damaged.sort();
}

/**
 * Sorts every entry of the directory: removed (state files, ecomgen's temporary files, listed files of
 * their recorded size), replaced (listed, but another size or not a regular file) or unknown. Lock files
 * are neither: clean holds them while it works and releases them (its own) at the end.
 */
export function planClean(entries: readonly DirectoryEntry[], state: DatasetState): CleanPlan {
  const listed = listedSizes(state);
  const remove: RemovedFile[] = [];
  const replaced: ReplacedFile[] = [];
  const unknown: string[] = [];
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (isLockFileName(entry.name)) continue;
    const sizes = listed.get(entry.name);
    const ours = isStateFileName(entry.name) || isTemporaryFileName(entry.name);
    if (entry.size === undefined) {
      if (sizes || ours) replaced.push({ name: entry.name, bytes: undefined, listed: (sizes ?? []).filter((size) => size !== ANY) });
      else unknown.push(entry.name);
    } else if (ours || sizes?.includes(ANY) || sizes?.includes(entry.size)) {
      remove.push({ name: entry.name, bytes: entry.size });
    } else if (sizes) {
      replaced.push({ name: entry.name, bytes: entry.size, listed: sizes });
    } else {
      unknown.push(entry.name);
    }
  }
  return { remove, replaced, unknown, damaged: damagedStates(state) };
}
