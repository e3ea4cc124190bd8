// Per-table figures from the CLI's own log: without --quiet and off a terminal it writes JSON lines on
// stderr, `{"msg":"generating",...}` first, then one `{"table":...,"rows":...,"ms":...,"msg":"table
// written"}` per table as it is committed, and `{"msg":"done","ms":...}`. Non-JSON lines are skipped.
//
// The logged `ms` runs from when the table's file was opened (all files are opened at the start) to its
// commit, so it grows table after table. Tables are produced in order but overlap in the pipeline (the
// next table's first shards run while the previous one is still being written), so the best per-table
// figure is the time between consecutive commits (the first table: from the "generating" line).

function parseLines(stderr) {
  const entries = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      // a partial or foreign line: not ours
    }
  }
  return entries;
}

/**
 * @returns {{ inProcessMs: number | undefined, tables: { table: string, rows: number, loggedMs: number, intervalMs: number }[] }}
 */
export function tableFigures(stderr) {
  const entries = parseLines(stderr);
  const start = entries.find((entry) => entry.msg === 'generating');
  const done = entries.find((entry) => entry.msg === 'done');
  let previous = start?.time;
  const tables = [];
  for (const entry of entries) {
    if (entry.msg !== 'table written') continue;
    tables.push({ table: entry.table, rows: entry.rows, loggedMs: entry.ms, intervalMs: previous === undefined ? entry.ms : entry.time - previous });
    previous = entry.time;
  }
  return { inProcessMs: done?.ms, tables };
}
