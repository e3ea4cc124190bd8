import { TABLE_NAMES } from '../schema/tableNames.js';
import type { DatasetListing } from '../run/datasetList.js';
import { formatSize } from '../log/formatSize.js';

const HEADER = ['PATH', 'ENV', 'SEED', 'FORMAT', 'TABLES', 'ROWS', 'SIZE', 'DATE (UTC)', 'SCHEMA'] as const;
/** Right-aligned columns (numbers). */
const RIGHT = new Set<string>(['SEED', 'ROWS', 'SIZE', 'SCHEMA']);

function tablesCell(listing: DatasetListing): string {
  const tables = listing.tables ?? [];
  const which = listing.part ? `part ${listing.part.index}/${listing.part.count}` : tables.length === TABLE_NAMES.length ? `all ${tables.length}` : tables.join(',');
  if (listing.status === 'interrupted') return `interrupted: ${listing.tablesComplete?.length ?? 0}/${tables.length} tables done${listing.part ? ` (${which})` : ''}`;
  return which;
}

function cells(listing: DatasetListing): string[] {
  const date = `${listing.date.slice(0, 10)} ${listing.date.slice(11, 16)}`;
  if (listing.status === 'damaged') return [listing.path, '-', '-', '-', `damaged ${listing.stateFile}: ${listing.problem ?? ''}`, '-', '-', date, '-'];
  const format = listing.compression && listing.compression !== 'none' ? `${listing.format}+${listing.compression}` : (listing.format ?? '-');
  return [
    listing.path,
    listing.environment ?? '-',
    String(listing.seed ?? '-'),
    format,
    tablesCell(listing),
    (listing.rows ?? 0).toLocaleString('en-US'),
    formatSize(listing.bytes ?? 0),
    date,
    listing.schemaVersion === undefined ? '-' : String(listing.schemaVersion),
  ];
}

/** `ecomgen list` as a table: a header and one line per dataset (or part, or interrupted run). */
export function formatListing(listings: readonly DatasetListing[]): string[] {
  const rows = [[...HEADER], ...listings.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (RIGHT.has(HEADER[column] as string) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
