import type { Logger } from '../log/logger.js';
import { acquireDirectoryLock } from '../writer/directoryLock.js';
import { prepareOutputDirectory } from '../writer/outputDirectory.js';

/**
 * Runs `work` holding the output directory's lock for `partSuffix` (the directory made first, one level
 * at a time), and releases it however `work` ends. generate and merge take the same lock, so two runs
 * never write one dataset; a lock whose run is gone is taken over with a warning.
 */
export async function withOutputLock<T>(outputDir: string, partSuffix: string, command: string, logger: Logger, work: () => Promise<T>): Promise<T> {
  await prepareOutputDirectory(outputDir);
  const lock = await acquireDirectoryLock(outputDir, partSuffix, command, (holder) =>
    logger.warn({ pid: holder.pid, host: holder.host, started: holder.started }, 'took over the lock of a run that is gone'),
  );
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
