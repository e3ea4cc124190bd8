import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { TablePlan } from '../plan/planShards.js';
import type { TableName } from '../schema/tableNames.js';
import { identityDifference, type RunIdentity } from '../writer/journal.js';
import type { ManifestFile } from '../writer/manifest.js';
import type { OutputDirectoryState } from '../writer/outputDirectory.js';
import { hashFile } from '../writer/tableFileWriter.js';
import { manifestIdentity } from './runIdentity.js';

/**
 * How a run treats its output directory. `fresh`: nothing of ours is there. `resume`: keep the verified
 * files of an interrupted run of the same dataset. `replace`: write beside the old dataset and swap it
 * out only once the new one is complete.
 */
export type RunMode = 'fresh' | 'resume' | 'replace';

/** The two flags that allow a run into a directory that already holds something of ours. */
export interface ModeRequest {
  readonly force: boolean;
  readonly resume: boolean;
}

/** sha256 of a file in hex, or undefined when it cannot be read. */
export type FileHasher = (path: string) => Promise<string | undefined>;

/** Decides how to treat what the directory holds: never mix two datasets, never lose a finished one. */
export function chooseMode(state: OutputDirectoryState, request: ModeRequest, identity: RunIdentity): RunMode {
  const dir = state.directory;
  if (state.existing.length === 0 && !state.journal && state.damaged.length === 0) return 'fresh';
  if (request.force) return 'replace';
  const damaged = state.damaged[0];
  if (damaged) {
    const flag = request.resume ? '--resume' : '--output-dir';
    throw new UsageError(`${flag}: ${dir}/${damaged}, so the run that wrote the directory is unknown; pass --force to replace what it holds`);
  }
  if (request.resume) {
    const previous = state.journal?.identity ?? (state.manifest ? manifestIdentity(state.manifest) : undefined);
    if (!previous) throw new UsageError(`--resume: ${dir} holds files but no record of the run that wrote them; use --force to replace them`);
    const difference = identityDifference(previous, identity);
    if (difference) throw new UsageError(`--resume: ${dir} holds a run with a different ${difference}; use the same options, or --force to replace it`);
    return 'resume';
  }
  if (state.journal) {
    throw new UsageError(
      `--output-dir: ${dir} holds an interrupted run (${state.journal.files.length} of ${state.journal.identity.tables.length} tables complete); pass --resume to finish it or --force to replace it`,
    );
  }
  const shown = state.existing.slice(0, 3).join(', ');
  throw new UsageError(`--output-dir: ${dir} already holds a dataset (${shown}${state.existing.length > 3 ? ', ...' : ''}); pass --force to replace it`);
}

/** Files the earlier run recorded as complete that this run would write under the very same name. */
export function reusableEntries(state: Pick<OutputDirectoryState, 'journal' | 'manifest'>, plans: readonly TablePlan[]): ManifestFile[] {
  const recorded = state.journal?.files ?? state.manifest?.files ?? [];
  return recorded.filter((entry) => plans.some((plan) => plan.table === entry.table && plan.fileName === entry.file));
}

export const sha256OnDisk: FileHasher = (path) => hashFile(path).then(
  (hashed) => hashed.sha256,
  () => undefined,
);

/**
 * Files of an interrupted run that are whole: reusable by name, and still holding the recorded sha256
 * (a file damaged or changed since is generated again). Keyed by table, in the order recorded.
 */
export async function verifiedFiles(
  state: Pick<OutputDirectoryState, 'directory' | 'journal' | 'manifest'>,
  plans: readonly TablePlan[],
  sha256Of: FileHasher = sha256OnDisk,
): Promise<Map<TableName, ManifestFile>> {
  const reused = new Map<TableName, ManifestFile>();
  for (const entry of reusableEntries(state, plans)) {
    if ((await sha256Of(join(state.directory, entry.file))) === entry.sha256) reused.set(entry.table, entry);
  }
  return reused;
}
