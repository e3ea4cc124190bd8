import type { CleanReport } from '../run/cleanDataset.js';
import { formatSize, plural } from '../log/formatSize.js';

/** Names shown in the one line about files clean left; the rest are counted. */
const UNKNOWN_SHOWN = 10;

export interface CleanOutput {
  /** What was (or would be) removed: the command's result. */
  readonly stdout: readonly string[];
  /** Warnings: replaced files, unreadable records, files left that are not ecomgen's. */
  readonly stderr: readonly string[];
}

/** The lines `ecomgen clean` prints for one directory. */
export function formatCleanReport(report: CleanReport, dryRun: boolean): CleanOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const bytes = report.remove.reduce((sum, file) => sum + file.bytes, 0);
  if (dryRun) {
    for (const file of report.remove) stdout.push(`would remove ${report.directory}/${file.name} (${formatSize(file.bytes)})`);
    stdout.push(`would remove ${plural(report.remove.length, 'file')} (${formatSize(bytes)}) from ${report.directory}; nothing removed (--dry-run)`);
  } else {
    const gone = report.directoryRemoved ? ', and the directory, now empty' : '';
    stdout.push(`removed ${plural(report.remove.length, 'file')} (${formatSize(bytes)}) from ${report.directory}${gone}`);
  }
  const left = dryRun ? 'would leave' : 'left';
  for (const file of report.replaced) {
    const now = file.bytes === undefined ? 'is not a regular file' : `holds ${file.bytes.toLocaleString('en-US')} bytes`;
    const listed = file.listed.length > 0 ? `; ecomgen recorded ${file.listed.map((size) => size.toLocaleString('en-US')).join(' or ')}` : '';
    stderr.push(`warning: ${left} ${report.directory}/${file.name}: it ${now}${listed} (replaced since?)`);
  }
  for (const damaged of report.damaged) stderr.push(`warning: ${report.directory}/${damaged}; the files it lists are left`);
  if (report.unknown.length > 0) {
    const shown = report.unknown.slice(0, UNKNOWN_SHOWN).join(', ');
    const more = report.unknown.length > UNKNOWN_SHOWN ? ` and ${report.unknown.length - UNKNOWN_SHOWN} more` : '';
    stderr.push(`${left} ${plural(report.unknown.length, 'file')} ecomgen did not write in ${report.directory}: ${shown}${more}`);
  }
  return { stdout, stderr };
}
